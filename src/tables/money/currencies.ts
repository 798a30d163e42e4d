/**
 * Each country's currency, its fixed rate to the US dollar and the shelf prices the shop sets in it. The catalogue's
 * list prices (products.price) are in USD; a country's shelf price is the list price converted at the fixed rate and
 * given that country's own price ending (19.99 EUR, not 18.47 EUR), so an order and its lines are in the currency of
 * the country they ship to. The carriers' rate cards are already in each country's currency.
 *
 * Rates: the European Central Bank's euro reference rates, 2024 annual averages (USD 1.0824, GBP 0.84662,
 * CAD 1.4821, AUD 1.6397 per euro), crossed through the euro to units per US dollar. Fixed, so that a value stays a
 * pure function of the row. All five currencies have a minor unit of 1/100 (ISO 4217), so amounts are to the cent.
 */
import { LOCALES, type LocaleCode } from '../../model/locales.js';
import { quotedString } from '../../model/sql.js';
import { draw20, type RandomSource } from '../../model/random.js';
import { shopPriceSql } from '../catalog/pricing.js';

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

/** The shop's currencies, each once, in the order of the locales (USD first: the list prices' own). */
export const SHOP_CURRENCIES: readonly Currency[] = LOCALES.map((l) => CURRENCIES[l.code]).filter((c, i, all) => all.findIndex((d) => d.code === c.code) === i);

/** SQL: the index in SHOP_CURRENCIES of a locale index (the customer's country). */
export function currencyOfLocale(localeSql: string): string {
  const indexes = LOCALES.map((l) => SHOP_CURRENCIES.findIndex((c) => c.code === CURRENCIES[l.code].code));
  return `[${indexes.join(', ')}][(${localeSql}) + 1]`;
}

/** SQL: the index in SHOP_CURRENCIES of an ISO code as the files write it (orders.currency); NULL for any other. */
export function currencyIndex(codeSql: string): string {
  return `CASE ${codeSql} ${SHOP_CURRENCIES.map((c, i) => `WHEN ${quotedString(c.code)} THEN ${i}`).join(' ')} END`;
}

/** SQL: the ISO code of a SHOP_CURRENCIES index. */
export function currencyCode(indexSql: string): string {
  return `[${SHOP_CURRENCIES.map((c) => quotedString(c.code)).join(', ')}][(${indexSql}) + 1]`;
}

/** SQL: units of a SHOP_CURRENCIES index's currency per US dollar. */
export function perUsdOf(indexSql: string): string {
  return `([${SHOP_CURRENCIES.map((c) => c.perUsd).join(', ')}]::DOUBLE[])[(${indexSql}) + 1]`;
}

/**
 * SQL: a product's shelf price in one of SHOP_CURRENCIES (its index, a number): the USD list price itself, else the
 * list price at the fixed rate with a price ending of that currency's own (the product's draw for it).
 */
export function shelfPrice(listPriceSql: string, product: RandomSource, currency: number): string {
  const target = SHOP_CURRENCIES[currency];
  if (!target) throw new Error(`no shop currency ${currency}`);
  if (target.code === 'USD') return listPriceSql;
  return shopPriceSql(`(${listPriceSql})::DOUBLE * ${target.perUsd}`, draw20(product, `price_ending_${target.code}`));
}
