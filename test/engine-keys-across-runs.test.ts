import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { count, query, tableSql, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';

// Runs through the engine's API in this process (on two worker threads): the keys are the engine's, no flag is read.
test('primary keys stay unique and contiguous and foreign keys resolve across incremental runs', async () => {
  await withTempDir(async (dir) => {
    await engineRun(dir, { tables: ['users', 'products', 'orders'], rows: { users: 3000, products: 500, orders: 4000 }, seed: 1 });
    await engineRun(dir, { tables: ['orders'], rows: { orders: 2500 }, seed: 2, asOf: '2026-02-01T00:00:00Z' });
    await engineRun(dir, { tables: ['users', 'products'], rows: { users: 1200, products: 300 }, seed: 3, asOf: '2026-03-01T00:00:00Z' });
    await engineRun(dir, { tables: ['orders', 'users'], rows: { orders: 3000, users: 800 }, seed: 4, asOf: '2026-04-01T00:00:00Z' });

    const out = join(dir, 'data');
    const expected = { users: 5000, products: 800, orders: 9500 } as const;
    for (const [table, total] of Object.entries(expected)) {
      const key = `${table.slice(0, -1)}_id`;
      const [stats] = await query(
        `SELECT count(*) AS n, count(DISTINCT ${key}) AS d, min(${key}) AS lo, max(${key}) AS hi FROM ${await tableSql(out, table)}`,
      );
      expect({ table, n: Number(stats?.n), d: Number(stats?.d), lo: Number(stats?.lo), hi: Number(stats?.hi) }).toEqual({
        table,
        n: total,
        d: total,
        lo: 1,
        hi: total,
      });
    }
    const orphans = await query(
      `SELECT (SELECT count(*) FROM ${await tableSql(out, 'orders')} WHERE user_id NOT IN (SELECT user_id FROM ${await tableSql(out, 'users')}))
        + (SELECT count(*) FROM ${await tableSql(out, 'order_items')} WHERE product_id NOT IN (SELECT product_id FROM ${await tableSql(out, 'products')})
            OR order_id NOT IN (SELECT order_id FROM ${await tableSql(out, 'orders')})) AS n`,
    );
    expect(count(orphans)).toBe(0);
    // The last orders run could reference users made by the same run (users come first).
    const newest = await query(`SELECT max(user_id) AS m FROM ${await tableSql(out, 'orders')} WHERE order_id > 6500`);
    expect(Number(newest[0]?.m)).toBeGreaterThan(4200);

    const metadata = JSON.parse(await readFile(join(dir, 'm.json'), 'utf8'));
    expect(metadata.tables.users.last_id).toBe(5000);
    expect(metadata.tables.orders.segments.map((s: { first_id: number; last_id: number }) => [s.first_id, s.last_id])).toEqual([
      [1, 4000],
      [4001, 6500],
      [6501, 9500],
    ]);
    expect(metadata.runs).toHaveLength(4);
  });
});
