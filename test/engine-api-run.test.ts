/**
 * A run through the package's API (runGeneration, in this process): what its summary says is what is on disk. Each
 * file it lists exists with its bytes and SHA-256, holds its IDs, and the tables' rows are the rows asked for, with
 * the IDs of orders referencing users and their lines products that exist; the metadata records the run.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadMetadata } from '../dist/src/index.js';
import { count, query, tableSql, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';

// 14,000 orders are two files of 1 MB (each file's IDs are checked against the summary).
const ROWS = { users: 1000, products: 200, orders: 14000 };

test('a run through the API writes what its summary says, and records it', async () => {
  await withTempDir(async (dir) => {
    const summary = await engineRun(dir, { tables: ['users', 'products', 'orders'], rows: ROWS, fileSizeLimitMB: 1 });
    expect(summary.resumed).toBe(false);
    // The orders' lines come with them, as many as their baskets hold.
    const lines = summary.tables.order_items?.rows ?? 0;
    expect(lines).toBeGreaterThan(ROWS.orders);
    expect(summary.rows).toBe(ROWS.users + ROWS.products + ROWS.orders + lines);
    for (const [table, rows] of Object.entries(ROWS)) {
      const tableSummary = summary.tables[table];
      expect(tableSummary, table).toMatchObject({ rows, first_id: 1, last_id: rows });
      for (const file of tableSummary?.files ?? []) {
        const bytes = await readFile(file.path);
        expect((await stat(file.path)).size, file.path).toBe(file.bytes);
        expect(createHash('sha256').update(bytes).digest('hex'), file.path).toBe(file.sha256);
        const ids = await query(`SELECT count(*)::INT AS n, min(${table.slice(0, -1)}_id)::INT AS first, max(${table.slice(0, -1)}_id)::INT AS last FROM read_parquet('${file.path}')`);
        expect(ids[0], file.path).toEqual({ n: file.rows, first: file.first_id, last: file.last_id });
      }
      expect(count(await query(`SELECT count(*) AS n FROM ${await tableSql(join(dir, 'data'), table)}`)), table).toBe(rows);
    }
    // Orders has parts of its own (1 MB files), each order's user exists, and each line's product.
    expect(summary.tables.orders?.files.length).toBeGreaterThan(1);
    const data = join(dir, 'data');
    for (const file of summary.tables.order_items?.files ?? []) expect(createHash('sha256').update(await readFile(file.path)).digest('hex'), file.path).toBe(file.sha256);
    expect(count(await query(`SELECT count(*) AS n FROM ${await tableSql(data, 'order_items')}`))).toBe(lines);
    const orphans = await query(
      `SELECT (SELECT count(*) FROM ${await tableSql(data, 'orders')} WHERE user_id NOT IN (SELECT user_id FROM ${await tableSql(data, 'users')}))
        + (SELECT count(*) FROM ${await tableSql(data, 'order_items')} WHERE product_id NOT IN (SELECT product_id FROM ${await tableSql(data, 'products')})) AS n`,
    );
    expect(count(orphans)).toBe(0);
    const { metadata } = await loadMetadata(join(dir, 'm.json'));
    expect(metadata.runs.map((run) => run.run_id)).toEqual([summary.run_id]);
    expect(metadata.tables.orders?.last_id).toBe(ROWS.orders);
  });
});
