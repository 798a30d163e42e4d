/**
 * How the page writes numbers: counts with thousands separators, shares as percentages, amounts in their currency
 * (its symbol where it has one, through Intl.NumberFormat), and numbers read from a table's profile. The page is in
 * English, so en-US throughout: the same page for every reader, and what the tests compare with.
 */

const COUNT = new Intl.NumberFormat('en-US');

/** 1234567 -> "1,234,567". */
export const formatCount = (n: number): string => COUNT.format(n);

/** 0.1234 -> "12.3%". */
export const formatShare = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** An ISO 4217 code, which Intl can write with its symbol; anything else in a currency column is shown as text. */
const CURRENCY_CODE = /^[A-Z]{3}$/;

/** Below this an amount is short enough to write in full even where space is short. */
const COMPACT_FROM = 10_000;

/**
 * An amount in `currency` (an orders' currency column; null when not known): exact to the cent ("$1,649,533.16"),
 * or with `compact` shortened where it must fit a tile ("$1.65M").
 */
export function formatAmount(amount: number, currency: string | null, compact = false): string {
  const short = compact && Math.abs(amount) >= COMPACT_FROM ? { notation: 'compact', maximumFractionDigits: 2 } as const : {};
  if (currency !== null && CURRENCY_CODE.test(currency)) return new Intl.NumberFormat('en-US', { style: 'currency', currency, ...short }).format(amount);
  const plain = new Intl.NumberFormat('en-US', { minimumFractionDigits: short.notation ? 0 : 2, maximumFractionDigits: 2, ...short }).format(amount);
  return currency === null ? plain : `${currency} ${plain}`;
}

/**
 * A number as a profile of a table gives it (text from DuckDB: "1209082", "-3.5", "1.5e-07"): with thousands
 * separators from five digits on (a year such as 2024 stays as it is), its decimals kept; anything else unchanged.
 */
export function formatFigure(text: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole.length < 5) return text;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}
