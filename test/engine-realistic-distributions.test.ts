import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AS_OF, generate, query, tableSql } from './helpers/cli.js';

let dir = '';
let users = '';
let products = '';
let orders = '';
let items = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-dist-'));
  await generate(['--table-names', 'users,products,orders', '--num-rows', 'users=20000,products=4000,orders=100000', '--seed', '21', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'], dir);
  users = await tableSql(join(dir, 'data'), 'users');
  products = await tableSql(join(dir, 'data'), 'products');
  orders = await tableSql(join(dir, 'data'), 'orders');
  items = await tableSql(join(dir, 'data'), 'order_items');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function share(sql: string): Promise<number> {
  return Number((await query(sql))[0]?.share);
}

test('a minority of users place most orders', async () => {
  const top = await share(
    `WITH c AS (SELECT user_id, count(*) AS n FROM ${orders} GROUP BY user_id), r AS (SELECT n, row_number() OVER (ORDER BY n DESC) AS rk FROM c)
     SELECT sum(n) FILTER (WHERE rk <= 4000) / sum(n) AS share FROM r`,
  );
  expect(top).toBeGreaterThan(0.5);
});

test('a minority of products sell most', async () => {
  const top = await share(
    `WITH c AS (SELECT product_id, count(*) AS n FROM ${items} GROUP BY product_id), r AS (SELECT n, row_number() OVER (ORDER BY n DESC) AS rk FROM c)
     SELECT sum(n) FILTER (WHERE rk <= 800) / sum(n) AS share FROM r`,
  );
  expect(top).toBeGreaterThan(0.45);
});

test('the most active customers are spread over the ID range, not just the oldest', async () => {
  // Older customers have had longer to order, so activity is orders per day since registering.
  const recent = await share(
    `WITH c AS (SELECT u.user_id, count(o.order_id) / greatest(1, date_diff('day', u.registration_date, TIMESTAMPTZ '${AS_OF}')) AS rate FROM ${users} u LEFT JOIN ${orders} o USING (user_id) GROUP BY u.user_id, u.registration_date),
       t AS (SELECT user_id FROM c ORDER BY rate DESC, user_id LIMIT 2000)
     SELECT avg(CASE WHEN user_id > 10000 THEN 1 ELSE 0 END) AS share FROM t`,
  );
  expect(recent).toBeGreaterThan(0.3);
  expect(recent).toBeLessThan(0.7);
});

test('weighted categories follow their weights', async () => {
  expect(await share(`SELECT avg(CASE WHEN acquisition_channel = 'organic_search' THEN 1 ELSE 0 END) AS share FROM ${users}`)).toBeCloseTo(0.28, 1);
  expect(await share(`SELECT avg(CASE WHEN country = 'United States' THEN 1 ELSE 0 END) AS share FROM ${users}`)).toBeCloseTo(0.55, 1);
  // Single units on ~73% of lines: the quantity weights of basket.ts over the lines' mix of categories and prices.
  expect(await share(`SELECT avg(CASE WHEN quantity = 1 THEN 1 ELSE 0 END) AS share FROM ${items}`)).toBeCloseTo(0.73, 1);
});

test('values are varied, not constant noise', async () => {
  const rows = await query(
    `SELECT count(DISTINCT first_name) AS f, count(DISTINCT last_name) AS l, count(DISTINCT city) AS c, count(DISTINCT phone) AS p, count(*) AS n FROM ${users}`,
  );
  expect(Number(rows[0]?.f)).toBeGreaterThan(1000);
  expect(Number(rows[0]?.l)).toBeGreaterThan(500);
  expect(Number(rows[0]?.c)).toBeGreaterThan(1000);
  expect(Number(rows[0]?.p)).toBeGreaterThan(19_900);
  const prices = await query(`SELECT count(DISTINCT subcategory) AS s, min(price) AS lo, max(price) AS hi FROM ${products}`);
  expect(Number(prices[0]?.s)).toBeGreaterThan(30);
  expect(Number(prices[0]?.hi)).toBeGreaterThan(500);
  expect(Number(prices[0]?.lo)).toBeLessThan(10);
});

test('names match locale and gender, and emails are built from the name', async () => {
  const german = await share(`SELECT avg(CASE WHEN phone LIKE '+49%' AND preferred_language IN ('de','es','zh','it','pt','pl','ar','ja','nl') THEN 1 ELSE 0 END) AS share FROM ${users} WHERE country = 'Germany'`);
  expect(german).toBe(1);
  // The email starts with the first name in email letters, and its number (if any) is never the user_id.
  const emails = await share(`SELECT avg(CASE WHEN starts_with(email, lower(strip_accents(regexp_replace(first_name, '[^A-Za-zÀ-ÿ]', '', 'g')))) THEN 1 ELSE 0 END) AS share FROM ${users}`);
  expect(emails).toBeGreaterThan(0.9);
  const ids = await share(`SELECT avg(CASE WHEN email LIKE '%' || user_id || '@%' THEN 1 ELSE 0 END) AS share FROM ${users}`);
  expect(ids).toBeLessThan(0.01);
});
