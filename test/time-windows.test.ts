/**
 * Time flows forward across runs: three incremental runs (all tables, all tables, orders alone), then every table's
 * creation time is non-decreasing in ID, each run's rows lie inside its window (since, as-of] (a first run's users and
 * products from 3 years before since: the shop's base), and every order's
 * customer and product existed when it was placed. Bad windows are refused with one line and change nothing.
 */
import { readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generate, query, synthgen, tableSql } from './helpers/cli.js';

const RUNS = [
  { tables: 'users,products,orders', rows: 'users=8000,products=800,orders=40000', seed: '1', asOf: '2026-03-01T00:00:00Z' },
  { tables: 'users,products,orders', rows: 'users=2000,products=200,orders=20000', seed: '2', asOf: '2026-06-01T00:00:00Z' },
  { tables: 'orders', rows: 'orders=9000', seed: '3', asOf: '2026-07-01T12:00:00Z' },
] as const;

let dir = '';
const sql: Record<string, string> = {};

interface SegmentRecord {
  readonly first_id: number;
  readonly last_id: number;
  readonly since: string;
  readonly as_of: string;
}

async function segments(table: string): Promise<SegmentRecord[]> {
  const metadata = JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')) as { tables: Record<string, { segments: SegmentRecord[] }> };
  return metadata.tables[table]?.segments ?? [];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-windows-'));
  for (const run of RUNS) {
    await generate(['--table-names', run.tables, '--num-rows', run.rows, '--seed', run.seed, '--as-of', run.asOf, '--out', 'data', '--metadata', 'm.json'], dir);
  }
  for (const table of ['users', 'products', 'orders', 'order_items']) sql[table] = await tableSql(join(dir, 'data'), table);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CREATED = { users: ['user_id', 'registration_date'], products: ['product_id', 'created_at'], orders: ['order_id', 'order_date'] } as const;

test('creation time never decreases as the ID rises, in every table, across the three runs', async () => {
  for (const [table, [id, time]] of Object.entries(CREATED)) {
    const rows = await query(`SELECT count(*) FILTER (WHERE t < previous) AS back, count(*) AS n FROM (SELECT ${time} AS t, lag(${time}) OVER (ORDER BY ${id}) AS previous FROM ${sql[table]})`);
    expect(Number(rows[0]?.back), table).toBe(0);
    expect(Number(rows[0]?.n), table).toBeGreaterThanOrEqual(1000);
  }
});

/** Users' and products' first runs begin 3 years before their window (a running shop's base: Timeline.pastYears); orders' do not. */
const PAST = { users: 3, products: 3, orders: 0 } as const;

test('each run covers its own window: after the table’s previous as-of (or --since, 3 years back; users and products of the first run 3 years before that) and not after its as-of', async () => {
  const users = await segments('users');
  expect(users.map((s) => s.since)).toEqual(['2023-03-01T00:00:00Z', '2026-03-01T00:00:00Z']);
  const orders = await segments('orders');
  expect(orders.map((s) => s.since)).toEqual(['2023-03-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z']);
  for (const [table, [id, time]] of Object.entries(CREATED)) {
    for (const segment of await segments(table)) {
      const past = segment.first_id === 1 ? PAST[table as keyof typeof PAST] : 0;
      const begin = `'${segment.since}'::TIMESTAMPTZ - INTERVAL ${Math.round(past * 31_556_952)} SECOND`;
      const rows = await query(
        `SELECT count(*) AS n, count(*) FILTER (WHERE ${time} <= ${begin} OR ${time} > '${segment.as_of}'::TIMESTAMPTZ) AS outside,
           count(*) FILTER (WHERE ${time} <= '${segment.since}'::TIMESTAMPTZ) AS before
         FROM ${sql[table]} WHERE ${id} BETWEEN ${segment.first_id} AND ${segment.last_id}`,
      );
      const n = segment.last_id - segment.first_id + 1;
      expect(Number(rows[0]?.n), `${table} ${segment.first_id}`).toBe(n);
      expect(Number(rows[0]?.outside), `${table} ${segment.first_id}`).toBe(0);
      // The base: about a third of a first run's users and products come before its since, none of a later run's.
      if (past > 0) expect(Number(rows[0]?.before), `${table} ${segment.first_id}`).toBeGreaterThan(0.25 * n);
      else expect(Number(rows[0]?.before), `${table} ${segment.first_id}`).toBe(0);
    }
  }
});

test('every order references a customer registered, and its lines products listed, before it was placed', async () => {
  const rows = await query(
    `SELECT count(*) AS n, count(*) FILTER (WHERE u.registration_date > o.order_date) AS early_users FROM ${sql.orders} o JOIN ${sql.users} u USING (user_id)`,
  );
  expect(Number(rows[0]?.n)).toBe(69000);
  expect(Number(rows[0]?.early_users)).toBe(0);
  const lines = await query(
    `SELECT count(DISTINCT i.order_id) AS n, count(*) FILTER (WHERE p.created_at > o.order_date) AS early_products
     FROM ${sql.order_items} i JOIN ${sql.orders} o USING (order_id) JOIN ${sql.products} p ON p.product_id = i.product_id`,
  );
  expect(Number(lines[0]?.n)).toBe(69000);
  expect(Number(lines[0]?.early_products)).toBe(0);
});

test('orders of a later run reach customers of earlier runs, and newer ones as they register', async () => {
  const rows = await query(
    `SELECT count(*) FILTER (WHERE user_id <= 8000) AS old, count(*) FILTER (WHERE user_id > 8000) AS new FROM ${sql.orders} WHERE order_id > 40000`,
  );
  expect(Number(rows[0]?.old)).toBeGreaterThan(5000);
  expect(Number(rows[0]?.new)).toBeGreaterThan(500);
});

test('a run whose as-of is not after a table’s last as-of is refused with one line, and nothing changes', async () => {
  const before = await readFile(join(dir, 'm.json'), 'utf8');
  const result = await synthgen(['--table-names', 'orders', '--num-rows', '10', '--as-of', '2026-07-01T12:00:00Z', '--out', 'data', '--metadata', 'm.json'], dir);
  expect(result.code).toBe(2);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain('is not after the last as-of of orders (2026-07-01T12:00:00Z)');
  expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(before);
});

test('--since for tables that already have runs, or not before --as-of, is refused with one line', async () => {
  const later = await synthgen(['--table-names', 'users', '--num-rows', '10', '--since', '2020-01-01', '--as-of', '2026-08-01', '--out', 'data', '--metadata', 'm.json'], dir);
  expect(later.code).toBe(2);
  expect(later.stderr).toContain('users already has runs');
  const fresh = await mkdtemp(join(tmpdir(), 'synthgen-since-'));
  try {
    const after = await synthgen(['--table-names', 'users', '--num-rows', '10', '--since', '2026-09-01', '--as-of', '2026-08-01'], fresh);
    expect(after.code).toBe(2);
    expect(after.stderr.trim()).toBe("synthgen: --since 2026-09-01T00:00:00Z is not before --as-of 2026-08-01T00:00:00Z: a table's history runs from --since to --as-of");
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
});

test('--since sets where a first run’s history starts: its orders from then on, its users from 3 years before (the base)', async () => {
  const fresh = await mkdtemp(join(tmpdir(), 'synthgen-since-'));
  try {
    await generate(['--table-names', 'users,products,orders', '--num-rows', 'users=3000,products=300,orders=3000', '--since', '2025-12-01', '--as-of', '2026-01-01', '--seed', '4'], fresh);
    const data = join(fresh, 'data');
    const [users] = await query(`SELECT min(registration_date) AS first, max(registration_date) AS last, count(*) FILTER (WHERE registration_date > '2025-12-01') AS inside FROM ${await tableSql(data, 'users')}`);
    expect(String(users?.first) >= '2022-11-30').toBe(true);
    expect(String(users?.first) < '2023-01-01').toBe(true);
    expect(String(users?.last) < '2026-01-01').toBe(true);
    // One month of sign-ups after three years of them: a few percent of the users.
    expect(Number(users?.inside)).toBeGreaterThan(0);
    const [orders] = await query(`SELECT min(order_date) AS first, max(order_date) AS last FROM ${await tableSql(data, 'orders')}`);
    expect(String(orders?.first) >= '2025-12-01').toBe(true);
    expect(String(orders?.first) < '2025-12-02').toBe(true);
    expect(String(orders?.last) < '2026-01-01').toBe(true);
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
});
