/**
 * The shop's calendar, measured with SQL over generated files (3 years of history up to 2026-03-01): local-time
 * daily cycles by country, the weekly cycle, the retail year (Black Friday, Cyber Monday, December, January),
 * growth, no pile-up at the window's end, and orders per customer and product skewed within a real shop's bounds.
 * Each threshold is stated with the figure docs/time.md gives.
 */
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { query, tableSql } from './helpers/cli.js';
import { sharedDataset } from './helpers/sharedDataset.js';

let users = '';
let products = '';
let orders = '';
let items = '';
/** Orders with their customer's country's time zone. */
let local = '';

const ZONE = `CASE u.country_code WHEN 'US' THEN 'America/New_York' WHEN 'GB' THEN 'Europe/London' WHEN 'DE' THEN 'Europe/Berlin' WHEN 'FR' THEN 'Europe/Paris' WHEN 'CA' THEN 'America/Toronto' ELSE 'Australia/Sydney' END`;

beforeAll(async () => {
  // Built once per suite (test/readme-figures reads the same Time dataset), read only.
  const dir = await sharedDataset(['--table-names', 'users,products,orders', '--num-rows', 'users=60000,products=6000,orders=400000', '--seed', '14', '--as-of', '2026-03-01']);
  users = await tableSql(join(dir, 'data'), 'users');
  products = await tableSql(join(dir, 'data'), 'products');
  orders = await tableSql(join(dir, 'data'), 'orders');
  items = await tableSql(join(dir, 'data'), 'order_items');
  local = `(SELECT o.*, u.country_code, timezone(${ZONE}, o.order_date) AS local_time FROM ${orders} o JOIN ${users} u USING (user_id))`;
}, 300_000);

async function one(sql: string): Promise<Record<string, unknown>> {
  return (await query(sql))[0] ?? {};
}

/** Per country: events in local 02:00-05:59 over events in local 19:00-22:59, and the busiest local hour. */
async function nightsOverEvenings(relation: string): Promise<Record<string, unknown>[]> {
  return query(
    `SELECT country_code, count(*) FILTER (WHERE hour(local_time) BETWEEN 2 AND 5) / count(*) FILTER (WHERE hour(local_time) BETWEEN 19 AND 22) AS ratio,
       arg_max(h, n) AS peak FROM (SELECT country_code, local_time, hour(local_time) AS h, count(*) OVER (PARTITION BY country_code, hour(local_time)) AS n FROM ${relation})
     GROUP BY country_code ORDER BY country_code`,
  );
}

test('orders follow a daily cycle in the customer’s local time: quiet nights, evening peak (night/evening < 0.25 in every country)', async () => {
  const rows = await nightsOverEvenings(local);
  expect(rows).toHaveLength(6);
  for (const row of rows) {
    expect(Number(row.ratio), String(row.country_code)).toBeLessThan(0.25);
    expect(Number(row.peak), String(row.country_code)).toBeGreaterThanOrEqual(18);
  }
});

test('registrations follow their own daily cycle in local time (night/evening < 0.3 in every country)', async () => {
  const rows = await nightsOverEvenings(`(SELECT country_code, timezone(${ZONE}, registration_date) AS local_time FROM ${users} u)`);
  for (const row of rows) expect(Number(row.ratio), String(row.country_code)).toBeLessThan(0.3);
});

test('a weekly cycle: Mondays take at least 1.25x the orders of Saturdays (local time)', async () => {
  const row = await one(`SELECT count(*) FILTER (WHERE isodow(local_time) = 1) / count(*) FILTER (WHERE isodow(local_time) = 6) AS ratio FROM ${local}`);
  expect(Number(row.ratio)).toBeGreaterThan(1.25);
});

const perDay = (from: string, to: string) => `(count(*) FILTER (WHERE d >= DATE '${from}' AND d < DATE '${to}') / (DATE '${to}' - DATE '${from}'))`;

test('the retail year: Nov-Dec over Sep-Oct per day >= 1.15, Black Friday and Cyber Monday >= 2x an ordinary November day, a Christmas Day and January dip', async () => {
  for (const year of [2024, 2025]) {
    const [thanksgiving, cyberMonday] = year === 2024 ? ['2024-11-28', '2024-12-02'] : ['2025-11-27', '2025-12-01'];
    const row = await one(
      `WITH t AS (SELECT (order_date AT TIME ZONE 'UTC')::DATE AS d FROM ${orders})
       SELECT ${perDay(`${year}-11-01`, `${year + 1}-01-01`)} / ${perDay(`${year}-09-01`, `${year}-11-01`)} AS season,
         count(*) FILTER (WHERE d = DATE '${thanksgiving}' + 1) / ${perDay(`${year}-11-01`, `${year}-11-21`)} AS black_friday,
         count(*) FILTER (WHERE d = DATE '${cyberMonday}') / ${perDay(`${year}-11-01`, `${year}-11-21`)} AS cyber_monday,
         count(*) FILTER (WHERE d = DATE '${year}-12-25') / ${perDay(`${year}-12-01`, `${year + 1}-01-01`)} AS christmas,
         ${perDay(`${year + 1}-01-01`, `${year + 1}-02-01`)} / ${perDay(`${year}-12-01`, `${year + 1}-01-01`)} AS january
       FROM t`,
    );
    expect(Number(row.season), `${year}`).toBeGreaterThan(1.15);
    expect(Number(row.black_friday), `${year}`).toBeGreaterThan(2);
    expect(Number(row.cyber_monday), `${year}`).toBeGreaterThan(2);
    expect(Number(row.christmas), `${year}`).toBeLessThan(0.75);
    expect(Number(row.january), `${year}`).toBeLessThan(0.85);
  }
});

test('growth over the history: 2025 has at least 1.3x the orders of 2024, and registrations grow too', async () => {
  const row = await one(
    `SELECT (SELECT count(*) FILTER (WHERE year(order_date) = 2025) / count(*) FILTER (WHERE year(order_date) = 2024) FROM ${orders}) AS orders,
       (SELECT count(*) FILTER (WHERE year(registration_date) = 2025) / count(*) FILTER (WHERE year(registration_date) = 2024) FROM ${users}) AS users`,
  );
  expect(Number(row.orders)).toBeGreaterThan(1.3);
  expect(Number(row.users)).toBeGreaterThan(1.1);
});

test('a running shop from the first day: the first month has 0.25-0.6x the daily orders of the last (it had 0.01x), sign-ups do not jump at since, a quarter or more of users and products predate it', async () => {
  const row = await one(
    `WITH t AS (SELECT (order_date AT TIME ZONE 'UTC')::DATE AS d FROM ${orders})
     SELECT ${perDay('2023-03-01', '2023-04-01')} / ${perDay('2026-02-01', '2026-03-01')} AS orders,
       (SELECT count(*) FILTER (WHERE registration_date > TIMESTAMPTZ '2023-03-01' AND registration_date <= TIMESTAMPTZ '2023-04-01')
         / count(*) FILTER (WHERE registration_date > TIMESTAMPTZ '2023-01-29' AND registration_date <= TIMESTAMPTZ '2023-03-01') FROM ${users}) AS signups,
       (SELECT avg((registration_date <= TIMESTAMPTZ '2023-03-01')::INT) FROM ${users}) AS base,
       (SELECT avg((created_at <= TIMESTAMPTZ '2023-03-01')::INT) FROM ${products}) AS catalogue
     FROM t`,
  );
  // Customers grow 25% a year, and orders with them: three years on, the last month has ~2.8x the first's.
  expect(Number(row.orders)).toBeGreaterThan(0.25);
  expect(Number(row.orders)).toBeLessThan(0.6);
  expect(Number(row.signups)).toBeGreaterThan(0.8);
  expect(Number(row.signups)).toBeLessThan(1.25);
  // The base registered and listed in the 3 years before since: about a third of each table.
  expect(Number(row.base)).toBeGreaterThan(0.25);
  expect(Number(row.catalogue)).toBeGreaterThan(0.25);
});

test('no edge effect at as-of: the last 7 days have 0.7-1.3x the daily orders of the 4 weeks before', async () => {
  const row = await one(`WITH t AS (SELECT (order_date AT TIME ZONE 'UTC')::DATE AS d FROM ${orders}) SELECT ${perDay('2026-02-22', '2026-03-01')} / ${perDay('2026-01-25', '2026-02-22')} AS ratio FROM t`);
  expect(Number(row.ratio)).toBeGreaterThan(0.7);
  expect(Number(row.ratio)).toBeLessThan(1.3);
});

/** Shares of orders from the top 1%, 10% and 20% of `key` (members with no orders counted), and the share with none. */
async function concentration(members: string, key: string, named = orders): Promise<Record<string, number>> {
  const row = await one(
    `WITH c AS (SELECT m.${key}, count(o.order_id) AS n FROM ${members} m LEFT JOIN ${named} o USING (${key}) GROUP BY m.${key}),
       r AS (SELECT n, row_number() OVER (ORDER BY n DESC) AS rk, count(*) OVER () AS members FROM c)
     SELECT sum(n) FILTER (WHERE rk <= members * 0.01) / sum(n) AS top1, sum(n) FILTER (WHERE rk <= members * 0.1) / sum(n) AS top10,
       sum(n) FILTER (WHERE rk <= members * 0.2) / sum(n) AS top20, count(*) FILTER (WHERE n = 0) / count(*) AS none, max(n) / sum(n) AS most FROM r`,
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

test('orders per customer are skewed but bounded: top 20% place 60-85%, no customer over 0.2%, 25-60% never order', async () => {
  const users_ = await concentration(users, 'user_id');
  expect(users_.top1).toBeGreaterThan(0.05);
  expect(users_.top1).toBeLessThan(0.25);
  expect(users_.top10).toBeGreaterThan(0.4);
  expect(users_.top20).toBeGreaterThan(0.6);
  expect(users_.top20).toBeLessThan(0.85);
  expect(users_.most).toBeLessThan(0.002);
  expect(users_.none).toBeGreaterThan(0.25);
  expect(users_.none).toBeLessThan(0.6);
});

test('a customer places a handful of orders a day at most (<= 6)', async () => {
  const row = await one(`SELECT max(n) AS most FROM (SELECT user_id, (order_date AT TIME ZONE 'UTC')::DATE, count(*) AS n FROM ${orders} GROUP BY ALL)`);
  expect(Number(row.most)).toBeLessThanOrEqual(6);
});

test('a minority of products sell most: top 20% take 45-80% of order lines, none over 1%', async () => {
  const products_ = await concentration(products, 'product_id', items);
  expect(products_.top20).toBeGreaterThan(0.45);
  expect(products_.top20).toBeLessThan(0.8);
  expect(products_.most).toBeLessThan(0.01);
});
