/**
 * `synthgen report --json` on a real generated dataset: every chart's numbers against independent computations:
 * plain SQL in a separate DuckDB, and local times from the JavaScript engine's own time zone data (Intl), not
 * DuckDB's. No shape of the data is assumed (the generator's time shape may change): only what must hold for any.
 */
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, test } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { LOCALES } from '../dist/src/model/locales.js';
import { count, query, tableSql } from './helpers/cli.js';
import { present } from './helpers/present.js';
import { type ReportJson, SMALL_ROWS, reportJson, shown, smallDataset } from './helpers/reportRun.js';

let dir = '';
let report: ReportJson;
let orders = '';
let users = '';
let products = '';
/** Each product with each order that holds it (once however many of its lines do), and the order's date. */
let productOrders = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-report-numbers-'));
  await smallDataset(dir);
  report = await reportJson(['--out', 'data', '--file', 'report.html'], dir);
  [orders, users, products] = await Promise.all([tableSql(join(dir, 'data'), 'orders'), tableSql(join(dir, 'data'), 'users'), tableSql(join(dir, 'data'), 'products')]);
  productOrders = `(SELECT DISTINCT i.product_id, i.order_id, o.order_date FROM ${await tableSql(join(dir, 'data'), 'order_items')} i JOIN ${orders} o USING (order_id))`;
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
/** Counts one at `index`: an hour or weekday Intl did not give (NaN, -1) fails instead of being dropped. */
function bump(counts: number[], index: number): void {
  counts[index] = present(counts[index], `count ${index} of ${counts.length}`) + 1;
}

test('the tables and the file: rows read and the HTML written', async () => {
  expect(report.tables.users?.rows).toBe(SMALL_ROWS.users);
  expect(report.tables.products?.rows).toBe(SMALL_ROWS.products);
  expect(report.tables.orders?.rows).toBe(SMALL_ROWS.orders);
  expect(report.file.path).toBe(join(dir, 'report.html'));
  expect(report.file.bytes).toBeGreaterThan(500_000);
  expect(report.notes).toEqual([]);
  // Gross over every order; net (test/report-net-revenue.test.ts) leaves out cancelled and returned ones.
  const [revenue] = await query(`SELECT sum(total_amount)::DOUBLE AS r FROM ${orders} WHERE currency = 'USD'`);
  expect(report.summary.revenue?.map((r) => r.currency).sort()).toEqual(['AUD', 'CAD', 'EUR', 'GBP', 'USD']);
  // Lines per order and one-item orders, as GROUP BY counts them over order_items.
  const [baskets] = await query(`SELECT avg(n)::DOUBLE AS lines, avg((n = 1)::INT)::DOUBLE AS single FROM (SELECT order_id, count(*) AS n FROM ${await tableSql(join(dir, 'data'), 'order_items')} GROUP BY 1)`);
  expect(report.summary.baskets?.linesPerOrder).toBeCloseTo(Number(baskets?.lines), 9);
  expect(report.summary.baskets?.singleItem).toBeCloseTo(Number(baskets?.single), 9);
  expect(report.summary.baskets?.linesPerOrder).toBeGreaterThan(1.5);
  expect(report.summary.revenue?.[0]?.gross).toBeCloseTo(Number(revenue?.r), 2);
});

test('orders per day: every day from the first to the last, summing to the orders', async () => {
  const { days } = shown(report.charts.ordersPerDay);
  expect(sum(days.map((d) => d.orders))).toBe(SMALL_ROWS.orders);
  for (let i = 1; i < days.length; i += 1) {
    expect(Date.parse(days[i]?.date ?? '') - Date.parse(days[i - 1]?.date ?? '')).toBe(86_400_000);
  }
  const [span] = await query(`SELECT min(order_date::DATE)::VARCHAR AS lo, max(order_date::DATE)::VARCHAR AS hi FROM ${orders}`);
  expect([days[0]?.date, days.at(-1)?.date]).toEqual([span?.lo, span?.hi]);
  const busiest = await query(`SELECT order_date::DATE::VARCHAR AS d, count(*) AS n FROM ${orders} GROUP BY 1 ORDER BY n DESC, d LIMIT 5`);
  for (const row of busiest) expect(days.find((d) => d.date === row.d)?.orders).toBe(count([row]));
});

describe('profiles in UTC and local time, against Intl', () => {
  /** Per order: its hour and ISO weekday in UTC and in its user's zone, as V8's ICU says. */
  async function intlProfiles(): Promise<{ utcHours: number[]; localHours: number[]; localDays: number[]; months: Map<string, number> }> {
    const rows = await query(`SELECT epoch_ms(o.order_date)::DOUBLE AS t, u.country_code AS c FROM ${orders} o LEFT JOIN ${users} u USING (user_id)`);
    const formats = new Map(
      LOCALES.map((l) => [l.countryCode as string, new Intl.DateTimeFormat('en-US', { timeZone: l.timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' })]),
    );
    const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    const utcHours = new Array<number>(24).fill(0);
    const localHours = new Array<number>(24).fill(0);
    const localDays = new Array<number>(7).fill(0);
    const months = new Map<string, number>();
    for (const row of rows) {
      const time = new Date(Number(row.t));
      bump(utcHours, time.getUTCHours());
      const month = `${time.getUTCFullYear()}-${time.getUTCMonth()}`;
      months.set(month, (months.get(month) ?? 0) + 1);
      const parts = formats.get(String(row.c))?.formatToParts(time);
      if (!parts) continue;
      bump(localHours, Number(parts.find((p) => p.type === 'hour')?.value));
      bump(localDays, weekdays.indexOf(parts.find((p) => p.type === 'weekday')?.value ?? ''));
    }
    return { utcHours, localHours, localDays, months };
  }

  test('hour of day, weekday (Monday first) and month by year', async () => {
    const expected = await intlProfiles();
    const hours = shown(report.charts.hourOfDay);
    expect(hours.utc).toEqual(expected.utcHours);
    expect(hours.local).toEqual(expected.localHours);
    expect(hours.ordersWithoutZone).toBe(0);
    const week = shown(report.charts.weekday);
    expect(week.clock).toBe('local');
    expect(week.days[0]).toBe('Monday');
    expect(week.orders).toEqual(expected.localDays);
    const { years } = shown(report.charts.ordersByMonth);
    for (const { year, orders: months } of years) {
      months.forEach((n, month) => expect(n ?? 0, `${year}-${month + 1}`).toBe(expected.months.get(`${year}-${month}`) ?? 0));
    }
    expect(sum(years.flatMap((y) => y.orders.map((n) => n ?? 0)))).toBe(SMALL_ROWS.orders);
    // Months before the first order and after the last are null (not drawn), those between are counts.
    const flat = years.flatMap((y) => y.orders);
    const inside = flat.slice(flat.findIndex((n) => n !== null), flat.length - [...flat].reverse().findIndex((n) => n !== null));
    expect(inside.every((n) => n !== null)).toBe(true);
    expect(flat.filter((n) => n !== null)).toHaveLength(inside.length);
  });
});

describe('concentration: Lorenz curves and top shares', () => {
  const cases = [
    { name: 'users', section: () => report.charts.ordersPerUser, key: 'user_id', parent: () => users, named: () => orders, population: SMALL_ROWS.users },
    // A product's orders are those with a line of it (order_items).
    { name: 'products', section: () => report.charts.ordersPerProduct, key: 'product_id', parent: () => products, named: () => productOrders, population: SMALL_ROWS.products },
  ];
  for (const c of cases) {
    test(`orders per ${c.name}, those with none included`, async () => {
      const data = shown(c.section());
      expect(data.population).toBe(c.population);
      expect(data.includesZero).toBe(true);
      const [named] = await query(`SELECT count(*)::INTEGER AS n FROM ${c.named()}`);
      const total = Number(named?.n);
      expect(total).toBeGreaterThanOrEqual(SMALL_ROWS.orders);
      expect(data.orders).toBe(total);
      expect(data.lorenz.length).toBeGreaterThanOrEqual(100);
      expect(data.lorenz.length).toBeLessThanOrEqual(300);
      expect(data.lorenz[0]).toEqual([0, 0]);
      expect(data.lorenz.at(-1)).toEqual([1, 1]);
      for (let i = 1; i < data.lorenz.length; i += 1) {
        const [x0, y0] = data.lorenz[i - 1] ?? [0, 0];
        const [x1, y1] = data.lorenz[i] ?? [0, 0];
        expect(x1).toBeGreaterThan(x0);
        expect(y1).toBeGreaterThanOrEqual(y0);
        // Below the diagonal: members come from fewest orders to most.
        expect(y1).toBeLessThanOrEqual(x1 + 1e-6);
      }
      const { top1, top10, top20 } = data.topShares;
      expect(top1).toBeLessThanOrEqual(top10);
      expect(top10).toBeLessThanOrEqual(top20);
      expect(top20).toBeLessThanOrEqual(1);
      expect(data.gini).toBeGreaterThan(0);
      expect(data.gini).toBeLessThan(1);
      // The same numbers by plain SQL: each member's count (0 for those never ordered), the top k by count.
      const perMember = `SELECT coalesce(n, 0) AS n FROM (SELECT ${c.key} FROM ${c.parent()}) LEFT JOIN (SELECT ${c.key}, count(*) AS n FROM ${c.named()} GROUP BY 1) USING (${c.key})`;
      for (const [share, got] of [[0.01, top1], [0.1, top10], [0.2, top20]] as const) {
        const k = Math.round(share * c.population);
        const [row] = await query(`SELECT sum(n)::DOUBLE / ${total} AS s FROM (SELECT n FROM (${perMember}) ORDER BY n DESC LIMIT ${k})`);
        expect(got, `top ${share * 100}%`).toBeCloseTo(Number(row?.s), 5);
      }
      const [stats] = await query(`SELECT count(*) FILTER (WHERE n = 0)::DOUBLE / count(*) AS zero, max(n)::INTEGER AS most FROM (${perMember})`);
      expect(data.zeroShare).toBeCloseTo(Number(stats?.zero), 5);
      expect(data.maxOrders).toBe(Number(stats?.most));
      const [daily] = await query(`SELECT max(n)::INTEGER AS most FROM (SELECT ${c.key}, order_date::DATE, count(*) AS n FROM ${c.named()} GROUP BY ALL)`);
      expect(data.maxOrdersInOneDay).toBe(Number(daily?.most));
    });
  }
});

test('customers by country sum to the users, as GROUP BY counts them', async () => {
  const countries = shown(report.charts.customersByCountry);
  expect(sum(countries.map((c) => c.users))).toBe(SMALL_ROWS.users);
  const rows = await query(`SELECT country_code AS code, count(*)::INTEGER AS n FROM ${users} GROUP BY 1`);
  expect(Object.fromEntries(countries.map((c) => [c.countryCode, c.users]))).toEqual(Object.fromEntries(rows.map((r) => [r.code, r.n])));
  expect(countries.map((c) => c.users)).toEqual([...countries.map((c) => c.users)].sort((a, b) => b - a));
});

test('prices by category: ordered quantiles, against SQL', async () => {
  const { whiskers, categories } = shown(report.charts.pricesByCategory);
  expect(whiskers).toBe('p5-p95');
  expect(sum(categories.map((c) => c.products))).toBe(SMALL_ROWS.products);
  const rows = await query(`SELECT category, min(price)::DOUBLE AS lo, median(price::DOUBLE) AS mid, max(price)::DOUBLE AS hi FROM ${products} GROUP BY 1`);
  const expected = new Map(rows.map((r) => [String(r.category), r]));
  for (const c of categories) {
    expect([c.min, c.p5, c.p25, c.median, c.p75, c.p95]).toEqual([...[c.min, c.p5, c.p25, c.median, c.p75, c.p95]].sort((a, b) => a - b));
    expect(c.p95).toBeLessThanOrEqual(c.max);
    const row = expected.get(c.category);
    expect(c.min).toBe(Number(row?.lo));
    expect(c.max).toBe(Number(row?.hi));
    expect(c.median).toBeCloseTo(Number(row?.mid), 2);
  }
});
