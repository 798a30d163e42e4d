/**
 * Each country's currency and its fixed rate to the US dollar. The shop charges in USD everywhere (its catalogue's
 * list prices); the rates turn the carriers' rate cards, which are in each country's currency, into the USD fees it
 * charges. Shelf prices in each country's own currency need an order's lines to know the customer's country, which a
 * children table cannot yet recompute (it reads only its order's own values).
 *
 * Rates: the European Central Bank's euro reference rates, 2024 annual averages (USD 1.0824, GBP 0.84662,
 * CAD 1.4821, AUD 1.6397 per euro), crossed through the euro to units per US dollar. Fixed, so that a value stays a
 * pure function of the row.
 */
import type { LocaleCode } from '../../model/locales.js';

export interface Currency {
  /** ISO 4217 code. */
  readonly code: string;
  /** Units of this currency per US dollar. */
  readonly perUsd: number;
}

const ECB_2024 = { USD: 1.0824, GBP: 0.84662, CAD: 1.4821, AUD: 1.6397 } as const;
const perUsd = (perEuro: number) => perEuro / ECB_2024.USD;

export const CURRENCIES: Readonly<Record<LocaleCode, Currency>> = {
  en_US: { code: 'USD', perUsd: 1 },
  en_GB: { code: 'GBP', perUsd: perUsd(ECB_2024.GBP) },
  de: { code: 'EUR', perUsd: perUsd(1) },
  fr: { code: 'EUR', perUsd: perUsd(1) },
  en_CA: { code: 'CAD', perUsd: perUsd(ECB_2024.CAD) },
  en_AU: { code: 'AUD', perUsd: perUsd(ECB_2024.AUD) },
};
