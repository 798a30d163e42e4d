/**
 * Money as shops in each country handle it: tax as the destination charges it (included in the price where VAT or
 * GST is, added at checkout by state or province in the US and Canada) and delivery priced by weight, method and
 * destination, all in the currency of the country the order ships to (money/currencies.ts). The functions take SQL
 * for their inputs, so that order lines and verify's rules compute exactly what the orders' helpers do.
 */
import { cents } from '../model/columns/money.js';
import { LOCALES } from '../model/locales.js';
import { quotedString } from '../model/sql.js';
import { POOL } from './builtinPools.js';
import { SHOP_CURRENCIES, currencyOfLocale } from './money/currencies.js';
import { amountField } from './orderItems.js';
import { FREE_SHIPPING_MAX_KG, METHOD_FACTORS, PARCEL_MAX_KG, RATE_CARDS, type RateCard } from './money/shippingRates.js';
import { TAX_INCLUDED, TAX_REGIONS, type TaxRegion } from './money/taxRegions.js';
import { STANDARD, couponPercent, coupons, FREESHIP, shippingMethods } from './orderTerms.js';
import type { Field } from '../model/tableDefinition.js';

/** A list literal indexed by a 0-based SQL expression (a locale, a method, a tax region). */
function listAt(values: readonly (number | string | boolean)[], indexSql: string, type: string): string {
  return `([${values.map(String).join(', ')}]::${type}[])[(${indexSql}) + 1]`;
}

const cards = LOCALES.map((l) => RATE_CARDS[l.code]);

/** The locale index of a country name as the files write it (shipping_country, users.country). */
export const localeOfCountry = (countrySql: string) => `CASE ${countrySql} ${LOCALES.map((l, i) => `WHEN ${quotedString(l.country)} THEN ${i}`).join(' ')} END`;

const epochOf = (iso: string) => Date.parse(iso) / 1000;
const rateAt = (region: TaxRegion, epochSql: string) =>
  region.change === undefined ? `${region.rate}` : `CASE WHEN ${epochSql} >= ${epochOf(region.change.from)} THEN ${region.change.rate} ELSE ${region.rate} END`;

/** The tax rate of a TAX_REGIONS index at an instant (epoch seconds). */
export function taxRate(regionSql: string, epochSql: string): string {
  const changes = TAX_REGIONS.flatMap((r, i) => (r.change === undefined ? [] : [`WHEN (${regionSql}) = ${i} THEN ${rateAt(r, epochSql)}`]));
  const list = listAt(TAX_REGIONS.map((r) => r.rate), regionSql, 'DOUBLE');
  return changes.length === 0 ? list : `(CASE ${changes.join(' ')} ELSE ${list} END)::DOUBLE`;
}

/** The tax rate of a shipping address as the files write it (country and state names), for verify's rules. */
export function taxRateOfAddress(countrySql: string, stateSql: string, epochSql: string): string {
  const whens = TAX_REGIONS.map((r) => {
    const country = LOCALES.find((l) => l.code === r.locale)?.country ?? '';
    const where = r.region === null ? `${countrySql} = ${quotedString(country)}` : `${countrySql} = ${quotedString(country)} AND ${stateSql} = ${quotedString(r.region)}`;
    return `WHEN ${where} THEN ${rateAt(r, epochSql)}`;
  });
  return `(CASE ${whens.join(' ')} END)::DOUBLE`;
}

/** Whether a locale's shelf prices include its tax. */
export const taxIncluded = (localeSql: string) => listAt(TAX_INCLUDED, localeSql, 'BOOLEAN');

/** Rates have at most five decimals (Quebec's 9.975% QST, Minnesota's 6.875%): tax is computed on that scale in integers. */
const RATE_SCALE = 100000;

/**
 * The tax on an amount paid for goods, to the cent, half a cent up: the part included in it where prices include tax
 * (amount x r / (1 + r)), else the tax added on top (amount x r). In integer cents, so that no binary fraction
 * turns a half cent the wrong way.
 */
export function taxPart(taxableSql: string, rateSql: string, includedSql: string): string {
  const scaled = `round((${rateSql}) * ${RATE_SCALE})::BIGINT`;
  const over = `CASE WHEN ${includedSql} THEN ${RATE_SCALE} + ${scaled} ELSE ${RATE_SCALE} END`;
  const taxCents = `((2 * ((${taxableSql}) * 100)::BIGINT * ${scaled} + (${over})) // (2 * (${over})))`;
  return `CAST(${taxCents}::DECIMAL(18,0) * 0.01 AS DECIMAL(18,2))`;
}

const factors = shippingMethods.map(([method]) => METHOD_FACTORS[String(method)] ?? 0);
/** A rate card's figure: each card is in its country's currency, the one its orders are charged in. */
const card = (key: keyof RateCard, localeSql: string) => listAt(cards.map((c) => c[key]), localeSql, 'DOUBLE');

/** The delivery fee of a parcel by the country's rate card: weight rounded up to whole kilograms, at least 1. */
export function shippingFee(weightKgSql: string, methodSql: string, localeSql: string): string {
  const kg = `greatest(1, ceil(${weightKgSql}))`;
  const standard = `(${card('firstKg', localeSql)} + ${card('perKg', localeSql)} * (least(${kg}, ${PARCEL_MAX_KG}) - 1) + ${card('perKgFreight', localeSql)} * greatest(${kg} - ${PARCEL_MAX_KG}, 0))`;
  return cents(`${listAt(factors, methodSql, 'DOUBLE')} * ${standard}`);
}

/** Whether standard delivery is free: a basket worth the country's threshold, light enough to go as a parcel. */
export function freeShipping(subtotalSql: string, weightKgSql: string, methodSql: string, localeSql: string): string {
  return `(${methodSql} = ${STANDARD} AND ${subtotalSql} >= ${card('freeFrom', localeSql)} AND ${weightKgSql} <= ${FREE_SHIPPING_MAX_KG})`;
}

export const ORDER_MONEY_HELPERS: readonly Field[] = [
  { name: '_currency', sql: ({ field }) => currencyOfLocale(field('_user_locale')) },
  // The goods: the sum of the order's lines (order_items) in its currency, computed in this query from the lines' own
  // definition, which give their amount in each currency (the order's is known only once its basket picked the
  // customer).
  {
    name: '_subtotal',
    sql: ({ aggregate, field }) => `CAST(CASE ${field('_currency')} ${SHOP_CURRENCIES.map((c, i) => `WHEN ${i} THEN ${aggregate('order_items', 'sum', amountField(c.code))}`).join(' ')} END AS DECIMAL(18,2))`,
  },
  // The parcel: the lines' products' weights times their quantities (order_items' _kg), summed in this query.
  { name: '_basket_kg', sql: ({ aggregate }) => `coalesce(${aggregate('order_items', 'sum', '_kg')}, 0)` },
  {
    name: '_shipping',
    sql: ({ field }) =>
      `CASE WHEN ${freeShipping(field('_subtotal'), field('_basket_kg'), field('_method'), field('_user_locale'))} THEN 0.00::DECIMAL(18,2) ELSE ${shippingFee(field('_basket_kg'), field('_method'), field('_user_locale'))} END`,
  },
  {
    // A percentage coupon's discount on the goods; FREESHIP's is the shipping fee instead.
    name: '_goods_discount',
    sql: ({ field }) =>
      `CASE WHEN ${field('_coupon')} < 0 OR ${field('_coupon')} = ${FREESHIP} THEN 0.00::DECIMAL(18,2) ELSE ${cents(
        `${field('_subtotal')}::DOUBLE * [${coupons.map(([c]) => (couponPercent[String(c)] ?? 0) / 100).join(', ')}][${field('_coupon')} + 1]`,
      )} END`,
  },
  { name: '_discount', sql: ({ field }) => `CASE WHEN ${field('_coupon')} = ${FREESHIP} THEN ${field('_shipping')} ELSE ${field('_goods_discount')} END` },
  { name: '_tax_region', sql: ({ field, pool }) => `${pool(POOL.address_tax_region, field('_address'))}::BIGINT` },
  { name: '_tax_included', sql: ({ field }) => taxIncluded(field('_user_locale')) },
  // Tax is on what the customer pays for the goods, after a percentage discount.
  {
    name: '_tax',
    sql: ({ field }) => taxPart(`${field('_subtotal')} - ${field('_goods_discount')}`, taxRate(field('_tax_region'), field('_ordered')), field('_tax_included')),
  },
  { name: '_total', sql: ({ field }) => `(${field('_subtotal')} + CASE WHEN ${field('_tax_included')} THEN 0 ELSE ${field('_tax')} END + ${field('_shipping')} - ${field('_discount')})` },
];
