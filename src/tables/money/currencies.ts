/**
 * Each country's currency and how a shop turns the catalogue's USD list price into a shelf price there: a fixed
 * exchange rate, then the price endings shops in that country use. Every currency here has a minor unit of 2
 * decimals (ISO 4217), so amounts are rounded to the cent.
 *
 * Rates: the European Central Bank's euro reference rates, 2024 annual averages (USD 1.0824, GBP 0.84662,
 * CAD 1.4821, AUD 1.6397 per euro), crossed through the euro to units per US dollar. Fixed, so that a value stays a
 * pure function of the row: shops reprice in steps, not with every tick of the market.
 */
import type { LocaleCode } from '../../model/locales.js';

export interface Currency {
  /** ISO 4217 code. */
  readonly code: string;
  /** Units of this currency per US dollar. */
  readonly perUsd: number;
  /** The cents a shelf price ends in (0.99 for x.99); null keeps the list price as it is (USD). */
  readonly ending: number | null;
  /** From this price up, whole units (x.00) instead of the ending; null: the ending at every price. */
  readonly wholeFrom: number | null;
}

const ECB_2024 = { USD: 1.0824, GBP: 0.84662, CAD: 1.4821, AUD: 1.6397 } as const;
const perUsd = (perEuro: number) => perEuro / ECB_2024.USD;

/** By locale: US prices are the catalogue's own; GB, DE and CA end in .99; FR in ,99 below 100 euros and whole euros
 * from there (349,00 EUR); AU in .95 below 100 dollars and whole dollars from there (as JB Hi-Fi and Harvey Norman
 * price). The endings are a convention read from those shops' listings, not a statistic. */
export const CURRENCIES: Readonly<Record<LocaleCode, Currency>> = {
  en_US: { code: 'USD', perUsd: 1, ending: null, wholeFrom: null },
  en_GB: { code: 'GBP', perUsd: perUsd(ECB_2024.GBP), ending: 0.99, wholeFrom: null },
  de: { code: 'EUR', perUsd: perUsd(1), ending: 0.99, wholeFrom: null },
  fr: { code: 'EUR', perUsd: perUsd(1), ending: 0.99, wholeFrom: 100 },
  en_CA: { code: 'CAD', perUsd: perUsd(ECB_2024.CAD), ending: 0.99, wholeFrom: null },
  en_AU: { code: 'AUD', perUsd: perUsd(ECB_2024.AUD), ending: 0.95, wholeFrom: 100 },
};
