/**
 * The docs' figures about the data are measurements, not hopes: each is computed here with SQL over the files
 * that the command the docs name writes, and compared with what the prose of docs/time.md and docs/realism.md (moved
 * there from the README) and the data dictionary (which the tables' definitions render) say, to the precision they
 * say it. Both then agree with each other because both agree with the data. A change that moves a figure fails here
 * until the page says the new one.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_TABLES, dataDictionary } from '../dist/src/index.js';
import { query, tableSql } from './helpers/cli.js';
import { sharedDataset } from './helpers/sharedDataset.js';

/** docs/time.md's dataset (`--num-rows users=60000,products=6000,orders=400000 --seed 14 --as-of 2026-03-01`). */
const TIME_ROWS = 'users=60000,products=6000,orders=400000';
/** The quick start's proportions, one order per customer (100,000 of each table). */
const QUICK_ROWS = '100000';

/** Text with every run of white space one space: the pages wrap their sentences anywhere. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The numbers `pattern` captures in `text`; fails the test, naming the pattern, when the sentence is not there. */
function stated(text: string, pattern: RegExp): number[] {
  const found = pattern.exec(text);
  expect(found, `docs/time.md and docs/realism.md no longer say ${pattern.source}`).not.toBeNull();
  return (found ?? []).slice(1).map(Number);
}

interface Shares {
  readonly top1: number;
  readonly top10: number;
  readonly top20: number;
  readonly never: number;
  readonly most: number;
}

/**
 * Percentages of orders from the top 1%, 10% and 20% of `table` by orders (those with none counted), and more: of
 * orders for users, of order lines (order_items) for products.
 */
async function shares(data: string, table: 'users' | 'products', key: string): Promise<Shares> {
  const named = await tableSql(data, table === 'products' ? 'order_items' : 'orders');
  const [row] = await query(
    `WITH c AS (SELECT t.${key}, count(o.order_id) AS n FROM ${await tableSql(data, table)} t LEFT JOIN ${named} o USING (${key}) GROUP BY 1),
       r AS (SELECT n, row_number() OVER (ORDER BY n DESC) AS rk, count(*) OVER () AS members FROM c)
     SELECT 100 * sum(n) FILTER (WHERE rk <= members * 0.01) / sum(n) AS top1, 100 * sum(n) FILTER (WHERE rk <= members * 0.1) / sum(n) AS top10,
       100 * sum(n) FILTER (WHERE rk <= members * 0.2) / sum(n) AS top20, 100 * count(*) FILTER (WHERE n = 0) / count(*) AS never, 100 * max(n) / sum(n) AS most FROM r`,
  );
  return { top1: Number(row?.top1), top10: Number(row?.top10), top20: Number(row?.top20), never: Number(row?.never), most: Number(row?.most) };
}

/** The share (%) of customers' first orders that carry WELCOME15. */
async function welcomeShare(data: string): Promise<number> {
  const [row] = await query(
    `WITH f AS (SELECT coupon_code, row_number() OVER (PARTITION BY user_id ORDER BY order_id) AS nth FROM ${await tableSql(data, 'orders')})
     SELECT 100 * count(*) FILTER (WHERE coupon_code = 'WELCOME15') / count(*) FILTER (WHERE nth = 1) AS share FROM f`,
  );
  return Number(row?.share);
}

/** `value` as the pages write it with `digits` decimals. */
const shown = (value: number, digits: number) => Number(value.toFixed(digits));

/** docs/time.md and docs/realism.md, flattened: the prose that states the figures. */
let readme = '';
let dictionary = '';
let time: { users: Shares; products: Shares; welcome: number; busiestDay: number };
let quick: { users: Shares; welcome: number };

beforeAll(async () => {
  readme = flat((await Promise.all(['time.md', 'realism.md'].map((page) => readFile(resolve(import.meta.dirname, '../docs', page), 'utf8')))).join('\n'));
  dictionary = flat(dataDictionary(BUILTIN_TABLES));
  // Built once per suite (test/time-calendar reads the same Time dataset), read only.
  const timeDir = await sharedDataset(['--table-names', 'users,products,orders', '--num-rows', TIME_ROWS, '--seed', '14', '--as-of', '2026-03-01']);
  const quickDir = await sharedDataset(['--table-names', 'users,products,orders', '--num-rows', QUICK_ROWS, '--seed', '1', '--as-of', '2026-12-01']);
  const timeData = join(timeDir, 'data');
  const quickData = join(quickDir, 'data');
  const [busiest] = await query(`SELECT max(n) AS n FROM (SELECT user_id, order_date::DATE, count(*) AS n FROM ${await tableSql(timeData, 'orders')} GROUP BY ALL)`);
  time = { users: await shares(timeData, 'users', 'user_id'), products: await shares(timeData, 'products', 'product_id'), welcome: await welcomeShare(timeData), busiestDay: Number(busiest?.n) };
  quick = { users: await shares(quickData, 'users', 'user_id'), welcome: await welcomeShare(quickData) };
}, 300_000);

describe('Behaviour within bounds (the Time dataset)', () => {
  test('the shares of orders from the top 1%, 10% and 20% of users and products are the measured ones', () => {
    const [u1, p1, u10, p10, u20, p20] = stated(readme, /the top 1% place ([\d.]+)% \/ ([\d.]+)% of orders \/ order lines, the top 10% ([\d.]+)% \/ ([\d.]+)%, the top 20% ([\d.]+)% \/ ([\d.]+)%/);
    expect([u1, u10, u20]).toEqual([shown(time.users.top1, 1), shown(time.users.top10, 1), shown(time.users.top20, 1)]);
    expect([p1, p10, p20]).toEqual([shown(time.products.top1, 1), shown(time.products.top10, 1), shown(time.products.top20, 1)]);
  });

  test('the share of users who never order is the measured one, at these proportions and at the quick start’s', () => {
    const [never, quickNever] = stated(readme, /([\d.]+)% of registered users never order \[25-60%\] \(([\d.]+)% at the quick start's 1:1:1/);
    expect(never).toBe(shown(time.users.never, 1));
    expect(quickNever).toBe(shown(quick.users.never, 1));
  });

  test('the busiest customer and the best-selling product are the measured ones', () => {
    const [most, day, product] = stated(readme, /the busiest customer has ([\d.]+)% of all orders \[< 0\.2%\] and at most (\d+) orders on any day \[<= 6\]; the best-selling product ([\d.]+)% of order lines/);
    expect(most).toBe(shown(time.users.most, 3));
    expect(day).toBe(time.busiestDay);
    expect(product).toBe(shown(time.products.most, 2));
  });
});

describe('the data dictionary says what the data shows', () => {
  test('user_id: the top 1%, 10% and 20% of users place the shares measured, to the whole percent', () => {
    const figures = stated(dictionary, /the top 1%, 10% and 20% of users place ~(\d+)%, ~(\d+)% and ~(\d+)% of orders/);
    expect(figures).toEqual([time.users.top1, time.users.top10, time.users.top20].map(Math.round));
  });

  test('product_id: the top 1%, 10% and 20% of products take the shares measured, to the whole percent', () => {
    const figures = stated(dictionary, /the top 1%, 10% and 20% of products take ~(\d+)%, ~(\d+)% and ~(\d+)% of order lines/);
    expect(figures).toEqual([time.products.top1, time.products.top10, time.products.top20].map(Math.round));
  });

  test('coupon_code and the prose give the measured share of first orders with WELCOME15, at both proportions', () => {
    const inDictionary = stated(dictionary, /~(\d+)% of all first orders at the Time dataset’s proportions, ~(\d+)% at 1:1:1/);
    expect(inDictionary).toEqual([Math.round(time.welcome), Math.round(quick.welcome)]);
    const inProse = stated(readme, /WELCOME15 is on ([\d.]+)% of first orders at the \*Time\* dataset's proportions \(([\d.]+)% at the quick start's 1:1:1/);
    expect(inProse).toEqual([shown(time.welcome, 1), shown(quick.welcome, 1)]);
  });
});
