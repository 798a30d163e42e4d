/**
 * Money as shops in each country handle it, measured with SQL over generated files (the realism files' shop: 100k
 * users, 10k products, 600k orders over three years, helpers/realismDatasets.ts): amounts in each country's
 * currency (shelf prices converted from the USD list price at the ECB rate, with price endings of their own; carrier
 * rates as the cards charge them), VAT and GST included in the price where consumer prices include it, US sales tax
 * by state and Canadian GST/HST/PST by province added at checkout, and delivery priced by weight and method. The
 * rates below are typed in from the public sources (Tax Foundation 2025 state rates, the CRA's GST/HST table, GOV.UK,
 * § 12 UStG, the CGI, the ATO), not imported from the generator.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { query, tableSql } from './helpers/cli.js';
import { PER_USD, inUsd } from './helpers/inUsd.js';
import { materialized, shopData } from './helpers/realismDatasets.js';

let dir = '';
let orders = '';
let products = '';
let items = '';
/** Orders with the basket's weight (kg) and the goods' amount after a percentage coupon (what tax is computed on). */
let baskets = '';

beforeAll(async () => {
  const data = await shopData();
  orders = await tableSql(data, 'orders');
  products = await tableSql(data, 'products');
  items = await tableSql(data, 'order_items');
  // Read by most queries below: joined once (the shop's 600k orders and 1.3M lines), not by each of them.
  dir = await mkdtemp(join(tmpdir(), 'synthgen-money-'));
  baskets = await materialized(dir, 'baskets', `(SELECT o.*, k.kg, o.subtotal - CASE WHEN o.coupon_code = 'FREESHIP' THEN 0 ELSE o.discount_amount END AS taxable
    FROM ${orders} o JOIN (SELECT i.order_id, sum(p.weight * i.quantity) AS kg FROM ${items} i JOIN ${products} p USING (product_id) GROUP BY 1) k USING (order_id))`);
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rows(sql: string): Promise<Record<string, number | string>[]> {
  return (await query(sql)).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && Number.isNaN(Number(v)) ? v : Number(v)])));
}

/** The exact tax in cents, half a cent up, of `taxable` at `num / den` (integers), in SQL. */
const exactTax = (taxable: string, num: string, den: string) => `((2 * (${taxable} * 100)::BIGINT * (${num}) + (${den})) // (2 * (${den}))) / 100`;
/** A rate typed as a decimal, as an integer fraction of 100000. */
const per100k = (rate: number) => Math.round(rate * 100000);

async function byKey(sql: string): Promise<Map<string, Record<string, number | string>>> {
  return new Map((await rows(sql)).map((row) => [String(row.k), row]));
}

/** Each country's currency (its units per USD: helpers/inUsd.ts, the ECB's 2024 average euro reference rates). */
const CURRENCY: Record<string, string> = { 'United States': 'USD', 'United Kingdom': 'GBP', Germany: 'EUR', France: 'EUR', Canada: 'CAD', Australia: 'AUD' };

/** Standard delivery of a parcel up to 1 kg, in each country's currency: the rate cards' first kilogram (estimates). */
const FIRST_KG: Record<string, number> = { 'United States': 7.49, 'United Kingdom': 3.99, Germany: 4.99, France: 5.99, Canada: 11.99, Australia: 9.95 };

test('each country pays in its own currency; a country\'s carrier rates are charged as its card has them', async () => {
  const currencies = await byKey(`SELECT shipping_country AS k, count(DISTINCT currency) AS n, any_value(currency) AS code FROM ${orders} GROUP BY 1`);
  expect([...currencies.keys()].sort()).toEqual(Object.keys(CURRENCY).sort());
  for (const [country, code] of Object.entries(CURRENCY)) expect([currencies.get(country)?.n, currencies.get(country)?.code], country).toEqual([1, code]);
  // The cheapest paid standard delivery of a light parcel is the card's first kilogram, in the country's currency.
  const light = await byKey(`SELECT shipping_country AS k, min(shipping_cost) AS fee FROM ${baskets} WHERE shipping_method = 'standard' AND kg <= 1 AND shipping_cost > 0 GROUP BY 1`);
  for (const country of Object.keys(CURRENCY)) expect(Number(light.get(country)?.fee), country).toBe(FIRST_KG[country]);
});

test('shelf prices: the USD list price at the ECB rate with endings of their own, one per product and currency, in the order\'s currency', async () => {
  const lines = `(SELECT i.*, p.price AS list, o.currency AS order_currency FROM ${items} i JOIN ${products} p USING (product_id) JOIN ${orders} o USING (order_id))`;
  const [agree] = await rows(`SELECT count(*) FILTER (WHERE currency <> order_currency) AS other, count(*) FILTER (WHERE currency = 'USD' AND unit_price <> list) AS usd_off FROM ${lines}`);
  expect([agree?.other, agree?.usd_off]).toEqual([0, 0]);
  const [several] = await rows(`SELECT count(*) AS n FROM (SELECT product_id, currency FROM ${items} GROUP BY ALL HAVING count(DISTINCT unit_price) > 1)`);
  expect(several?.n).toBe(0);
  // The median shelf price over the list price is the rate (an ending moves a price by less than a unit or ~10%).
  const ratios = await byKey(`SELECT currency AS k, median(unit_price / list) AS ratio, count(*) AS n,
      count(*) FILTER (WHERE unit_price BETWEEN 10 AND 99.99 AND (unit_price * 100)::BIGINT % 100 = 99) / count(*) FILTER (WHERE unit_price BETWEEN 10 AND 99.99) AS nines
    FROM ${lines} GROUP BY 1`);
  for (const [code, rate] of Object.entries(PER_USD)) {
    const found = ratios.get(code);
    expect(Number(found?.n), code).toBeGreaterThan(5000);
    expect(Number(found?.ratio), code).toBeGreaterThan(rate * 0.97);
    expect(Number(found?.ratio), code).toBeLessThan(rate * 1.03);
    // Charm prices: about two thirds of prices from 10 to 100 end in .99, in every currency (Schindler & Kirby 1997: 9
    // dominates).
    expect(Number(found?.nines), code).toBeGreaterThan(0.45);
  }
});

/** VAT and GST included in consumer prices: GOV.UK 20%, § 12 UStG 19%, CGI art. 278 20%, ATO 10%. */
const INCLUDED: Record<string, number> = { 'United Kingdom': 0.2, Germany: 0.19, France: 0.2, Australia: 0.1 };

test('VAT and GST are included in the price in GB, DE, FR and AU: tax_amount is the part r / (1 + r), not added to the total', async () => {
  const found = await byKey(
    `SELECT shipping_country AS k, sum(tax_amount) / sum(taxable) AS share, count(*) AS n,
       count(*) FILTER (WHERE total_amount <> subtotal + shipping_cost - discount_amount) AS added FROM ${baskets} GROUP BY 1`,
  );
  for (const [country, r] of Object.entries(INCLUDED)) {
    const row = found.get(country);
    expect(Number(row?.n), country).toBeGreaterThan(3000);
    expect(Math.abs(Number(row?.share) - r / (1 + r)), country).toBeLessThan(0.0005);
    expect(row?.added, country).toBe(0);
  }
  // To the cent, order by order.
  const cases = Object.entries(INCLUDED).map(([c, r]) => `WHEN '${c}' THEN ${per100k(r)}`).join(' ');
  const [off] = await rows(
    `SELECT count(*) FILTER (WHERE tax_amount <> ${exactTax('taxable', 'r', '100000 + r')}) AS n, count(*) AS checked FROM (SELECT *, CASE shipping_country ${cases} END AS r FROM ${baskets}) WHERE r IS NOT NULL`,
  );
  expect(off?.n).toBe(0);
  expect(Number(off?.checked)).toBeGreaterThan(30000);
});

/** State-level sales tax, Tax Foundation, 1 January 2025. */
const US: Record<string, number> = { Oregon: 0, Delaware: 0, Montana: 0, 'New Hampshire': 0, Alaska: 0, California: 0.0725, 'New York': 0.04, Texas: 0.0625, Florida: 0.06, Washington: 0.065, Colorado: 0.029 };
/** GST plus PST/QST, or HST (CRA); Nova Scotia 15% until 31 March 2025, 14% from 1 April 2025. */
const CA: Record<string, number> = {
  Alberta: 0.05, 'British Columbia': 0.12, Manitoba: 0.12, Saskatchewan: 0.11, Quebec: 0.14975, Ontario: 0.13,
  'New Brunswick': 0.15, 'Newfoundland and Labrador': 0.15, 'Prince Edward Island': 0.15, Yukon: 0.05, 'Northwest Territories': 0.05, Nunavut: 0.05,
};

test('US sales tax goes by the shipping state (none in OR, DE, MT, NH, AK) and Canadian tax by the province, added on top', async () => {
  const groups = await byKey(
    `SELECT shipping_country || '/' || shipping_state || CASE WHEN shipping_state = 'Nova Scotia' THEN CASE WHEN order_date >= TIMESTAMPTZ '2025-04-01 04:00:00+00' THEN '/after' ELSE '/before' END ELSE '' END AS k,
       count(*) AS n, sum(tax_amount) / sum(taxable) AS rate, count(*) FILTER (WHERE total_amount <> subtotal + tax_amount + shipping_cost - discount_amount) AS not_added
     FROM ${baskets} WHERE shipping_country IN ('United States', 'Canada') GROUP BY 1`,
  );
  const expected: [string, number, number][] = [
    ...Object.entries(US).map(([s, r]): [string, number, number] => [`United States/${s}`, r, 30]),
    ...Object.entries(CA).map(([p, r]): [string, number, number] => [`Canada/${p}`, r, ['Ontario', 'Quebec', 'British Columbia', 'Alberta'].includes(p) ? 300 : 0]),
    ['Canada/Nova Scotia/before', 0.15, 20],
    ['Canada/Nova Scotia/after', 0.14, 20],
  ];
  for (const [key, rate, least] of expected) {
    const row = groups.get(key);
    if (least === 0 && row === undefined) continue;
    expect(Number(row?.n), key).toBeGreaterThanOrEqual(Math.max(least, 1));
    // Cents rounding moves the ratio by less than 0.0005 on these amounts.
    expect(Math.abs(Number(row?.rate) - rate), key).toBeLessThan(0.0005);
  }
  for (const [key, row] of groups) expect(row.not_added, key).toBe(0);
  // To the cent, order by order, in the named states and provinces.
  const named = [...Object.entries(US).map(([s, r]) => `WHEN 'United States/${s}' THEN ${per100k(r)}`), ...Object.entries(CA).map(([p, r]) => `WHEN 'Canada/${p}' THEN ${per100k(r)}`)].join(' ');
  const nova = `CASE WHEN order_date >= TIMESTAMPTZ '2025-04-01 04:00:00+00' THEN ${per100k(0.14)} ELSE ${per100k(0.15)} END`;
  const [off] = await rows(
    `SELECT count(*) FILTER (WHERE tax_amount <> ${exactTax('taxable', 'r', '100000')}) AS n, count(*) AS checked FROM
       (SELECT *, CASE WHEN shipping_state = 'Nova Scotia' THEN ${nova} ELSE CASE shipping_country || '/' || shipping_state ${named} END END AS r FROM ${baskets} WHERE shipping_country IN ('United States', 'Canada')) WHERE r IS NOT NULL`,
  );
  expect(off?.n).toBe(0);
  expect(Number(off?.checked)).toBeGreaterThan(20000);
  const zero = await rows(`SELECT count(*) FILTER (WHERE tax_amount <> 0) AS taxed, count(*) AS n FROM ${baskets} WHERE shipping_state IN ('Oregon', 'Delaware', 'Montana', 'New Hampshire', 'Alaska') AND shipping_country = 'United States'`);
  expect(zero[0]?.taxed).toBe(0);
  // Every state's rate is one of the table's: 7.25% everywhere (the release before) would fail here.
  const [spread] = await rows(`SELECT count(DISTINCT round(tax_amount / taxable, 3)) AS rates FROM ${baskets} WHERE shipping_country = 'United States' AND taxable >= 100`);
  expect(Number(spread?.rates)).toBeGreaterThan(15);
});

test('shipping cost rises with the basket’s weight and by method; store pickup is free; free standard delivery only for light baskets', async () => {
  // Per country and method, the heaviest decile's median fee against the lightest's, where a fee is charged. The
  // flattest real card, DHL Paket's, charges 1.7x for 10 kg what it charges for 2 kg (10.49 and 6.19 EUR): standard
  // delivery at least 1.5x everywhere; express (couriers price by weight more steeply) at least 2x.
  const ratios = await byKey(
    `SELECT shipping_country || '/' || shipping_method AS k, median(shipping_cost) FILTER (WHERE d = 10) / median(shipping_cost) FILTER (WHERE d = 1) AS ratio, count(*) AS n FROM
       (SELECT *, ntile(10) OVER (PARTITION BY shipping_country, shipping_method ORDER BY kg) AS d FROM ${baskets} WHERE shipping_cost > 0) GROUP BY 1`,
  );
  for (const country of Object.keys(CURRENCY)) {
    expect(Number(ratios.get(`${country}/standard`)?.ratio), country).toBeGreaterThan(1.5);
    expect(Number(ratios.get(`${country}/express`)?.ratio), country).toBeGreaterThan(2);
  }
  // Light parcels (up to 1 kg), by method: economy < standard < express < next day in every country.
  const light = await byKey(
    `SELECT shipping_country AS k, ${['economy', 'standard', 'express', 'next_day', 'store_pickup'].map((m) => `median(shipping_cost) FILTER (WHERE shipping_method = '${m}') AS ${m}`).join(', ')},
       max(shipping_cost) FILTER (WHERE shipping_method = 'store_pickup') AS pickup_max
     FROM ${baskets} WHERE kg <= 1 AND (shipping_cost > 0 OR shipping_method = 'store_pickup') GROUP BY 1`,
  );
  for (const [country, row] of light) {
    expect(Number(row.economy), country).toBeLessThan(Number(row.standard));
    expect(Number(row.standard), country).toBeLessThan(Number(row.express));
    expect(Number(row.express), country).toBeLessThan(Number(row.next_day));
    expect(row.pickup_max, country).toBe(0);
  }
  // In USD at the ECB rate: a light parcel costs a few dollars by standard delivery; 50 kg and more by express, what a
  // carrier's express freight costs (hundreds), not a flat $12.99.
  const [fees] = await rows(
    `SELECT median(usd) FILTER (WHERE shipping_method = 'standard' AND kg <= 0.5 AND usd > 0) AS light, median(usd) FILTER (WHERE shipping_method = 'express' AND kg >= 50) AS heavy,
       count(*) FILTER (WHERE shipping_method = 'express' AND kg >= 50) AS heavy_n
     FROM (SELECT *, ${inUsd('shipping_cost', 'currency')} AS usd FROM ${baskets})`,
  );
  expect(Number(fees?.light)).toBeGreaterThan(2);
  expect(Number(fees?.light)).toBeLessThan(12);
  expect(Number(fees?.heavy_n)).toBeGreaterThan(30);
  expect(Number(fees?.heavy)).toBeGreaterThan(100);
  expect(Number(fees?.heavy)).toBeLessThan(1000);
  // Free standard delivery never for a basket over 20 kg.
  const [heavyFree] = await rows(`SELECT count(*) FILTER (WHERE shipping_cost = 0) AS free, count(*) AS n FROM ${baskets} WHERE shipping_method = 'standard' AND kg > 20`);
  expect(heavyFree?.free).toBe(0);
  expect(Number(heavyFree?.n)).toBeGreaterThan(100);
});
