/**
 * The report's charts of who the customers are and what the shop sells: customers by country, and the spread of
 * prices in each category; and the summary numbers at the top of the page.
 */
import { deliveriesOf } from './deliveries.js';
import type { CountryCount, PricesByCategory, ReportSummary, Section, ShopTables } from './reportData.js';
import { type ReportDatabase, numberOf } from './reportDatabase.js';
import { reordersOf } from './reorders.js';
import { revenueOf } from './revenue.js';

export async function customersByCountry(db: ReportDatabase): Promise<Section<readonly CountryCount[]>> {
  const missing = db.missing('users', ['country', 'country_code']);
  if (missing) return { state: 'omitted', reason: missing };
  const rows = await db.rows(`
    SELECT coalesce(country, '(none)') AS country, coalesce(country_code, '') AS code, count(*)::DOUBLE AS n
    FROM users GROUP BY ALL ORDER BY n DESC, country`);
  return { state: 'shown', data: rows.map((row) => ({ country: String(row.country), countryCode: String(row.code), users: numberOf(row.n) })) };
}

export async function pricesByCategory(db: ReportDatabase): Promise<Section<PricesByCategory>> {
  const missing = db.missing('products', ['category', 'price']);
  if (missing) return { state: 'omitted', reason: missing };
  const quantile = (share: number) => `round(quantile_cont(price::DOUBLE, ${share}), 2) AS p${Math.round(share * 100)}`;
  const rows = await db.rows(`
    SELECT coalesce(category, '(none)') AS category, count(*)::DOUBLE AS products, min(price)::DOUBLE AS min,
      ${[0.05, 0.25, 0.5, 0.75, 0.95].map(quantile).join(', ')}, max(price)::DOUBLE AS max, round(avg(price::DOUBLE), 2) AS mean
    FROM products WHERE price IS NOT NULL GROUP BY ALL ORDER BY p50, category`);
  const categories = rows.map((row) => ({
    category: String(row.category),
    products: numberOf(row.products),
    min: numberOf(row.min),
    p5: numberOf(row.p5),
    p25: numberOf(row.p25),
    median: numberOf(row.p50),
    p75: numberOf(row.p75),
    p95: numberOf(row.p95),
    max: numberOf(row.max),
    mean: numberOf(row.mean),
  }));
  return { state: 'shown', data: { whiskers: 'p5-p95', categories } };
}

/** An ISO string of a TIMESTAMPTZ, written by DuckDB in UTC (the session's zone). */
const isoOf = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ')`;

export async function summaryOf(db: ReportDatabase, destinations: NonNullable<ShopTables['destinations']>): Promise<ReportSummary> {
  let summary: ReportSummary = {
    firstOrder: null,
    lastOrder: null,
    revenue: await revenueOf(db),
    countries: null,
    categories: null,
    baskets: null,
    deliveries: await deliveriesOf(db, destinations),
    reorders: await reordersOf(db),
  };
  if (!db.missing('orders', ['order_date'])) {
    const [row] = await db.rows(`SELECT ${isoOf('min(order_date)')} AS first, ${isoOf('max(order_date)')} AS last FROM orders`);
    summary = { ...summary, firstOrder: row?.first == null ? null : String(row.first), lastOrder: row?.last == null ? null : String(row.last) };
  }
  if (!db.missing('users', ['country'])) {
    const [row] = await db.rows(`SELECT count(DISTINCT country)::DOUBLE AS n FROM users`);
    summary = { ...summary, countries: numberOf(row?.n) };
  }
  if (!db.missing('products', ['category'])) {
    const [row] = await db.rows(`SELECT count(DISTINCT category)::DOUBLE AS n FROM products`);
    summary = { ...summary, categories: numberOf(row?.n) };
  }
  if (!db.missing('order_items', ['order_id'])) {
    const [row] = await db.rows(`SELECT avg(n)::DOUBLE AS lines, avg((n = 1)::INT)::DOUBLE AS single FROM (SELECT order_id, count(*) AS n FROM order_items GROUP BY 1)`);
    summary = { ...summary, baskets: { linesPerOrder: numberOf(row?.lines), singleItem: numberOf(row?.single) } };
  }
  return summary;
}
