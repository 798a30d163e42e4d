/**
 * Age at registration: bands with each locale's share of new accounts, in percent. An estimate: Eurostat's share of
 * people who bought online in the last 12 months by age (isoc_ec_ib20; the US from Pew Research's online-shopping
 * surveys) times each age group's population gives the buyers, 25-34 the largest ten-year band; sign-ups to a new
 * shop lean further to 25-44 than buyers at large (younger people open more accounts), which these shares add.
 */
import type { LocaleCode } from '../../model/locales.js';

/** [first age, last age + 1) of each band. */
export const AGE_BANDS: readonly (readonly [from: number, to: number])[] = [
  [18, 25], [25, 35], [35, 45], [45, 55], [55, 65], [65, 75], [75, 86],
];

export const AGE_SHARES: Record<LocaleCode, readonly number[]> = {
  en_US: [11, 25, 23, 17, 13, 8, 3],
  en_GB: [10, 25, 23, 18, 13, 8, 3],
  de: [9, 23, 22, 19, 15, 9, 3],
  fr: [10, 24, 23, 18, 14, 8, 3],
  en_CA: [10, 25, 23, 18, 13, 8, 3],
  en_AU: [11, 25, 23, 17, 13, 8, 3],
};

/** How the shares read in the data dictionary. */
export function describeAges(): string {
  return Object.entries(AGE_SHARES)
    .map(([locale, shares]) => `${locale} ${shares.map((s, i) => `${AGE_BANDS[i]?.[0]}-${(AGE_BANDS[i]?.[1] ?? 0) - 1} ${s}%`).join(', ')}`)
    .join('; ');
}
