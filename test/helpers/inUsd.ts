/**
 * Amounts in the shop's currencies brought back to USD for tests that compare them with USD thresholds: units per USD
 * typed in from the ECB's 2024 average euro reference rates (USD 1.0824, GBP 0.84662, CAD 1.4821, AUD 1.6397 per
 * euro), not imported from the generator.
 */
export const PER_USD: Readonly<Record<string, number>> = {
  USD: 1,
  GBP: 0.84662 / 1.0824,
  EUR: 1 / 1.0824,
  CAD: 1.4821 / 1.0824,
  AUD: 1.6397 / 1.0824,
};

/** SQL: `amount` (in the currency `currency` names, SQL) in USD. */
export function inUsd(amount: string, currency: string): string {
  return `(${amount} / CASE ${currency} ${Object.entries(PER_USD).map(([code, rate]) => `WHEN '${code}' THEN ${rate}`).join(' ')} END)`;
}
