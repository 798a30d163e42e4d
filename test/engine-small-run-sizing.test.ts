/**
 * A small run is sized without samples of its own (run/parts/sizeParts.ts): up to BUILTIN_SMALL_RUN rows a built-in
 * table (SMALL_RUN a user's), when the stand-in run of that many rows writes under half the aim, each table is one
 * part, decided from that one measurement, which the package ships for its own tables; so a row count never seen
 * before (a test's, a script's, the README's first run) takes no sample. Where the measurement does not say so (a
 * small --file-size-limit), the run's own samples size it, as before. Each test's cache is a folder of its own, with
 * the package's shipped cache behind it, as a user's first run has.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { tableRegistry } from '../dist/src/tables/index.js';
import { SHIPPED_CACHE, cacheNamespace, diskCache } from '../dist/src/state/cache.js';
import { BUILTIN_SMALL_RUN } from '../dist/src/run/parts/sizeParts.js';
import { engineRun } from './helpers/engine.js';
import { withTempDir } from './helpers/cli.js';

const TABLES = ['users', 'products', 'orders'];
const ALL = [...TABLES, 'order_items'];
const rowsOf = (n: number) => Object.fromEntries(TABLES.map((t) => [t, n]));

/** The entries of the cache folder `root` (its one namespace folder), by name. */
async function entries(root: string): Promise<string[]> {
  const [namespace] = await readdir(root).catch(() => []);
  return namespace === undefined ? [] : readdir(join(root, namespace));
}

/** The shipped small-run size of `table` (an entry is its hash on one line, then its JSON). */
async function shippedSmallRun(table: string): Promise<number> {
  const folder = join(SHIPPED_CACHE, await cacheNamespace());
  const name = (await readdir(folder)).find((n) => n.startsWith(`small-run-${table}-`));
  if (name === undefined) throw new Error(`the package ships no small-run size of ${table}`);
  return Number((await readFile(join(folder, name), 'utf8')).split('\n')[1]);
}

async function filesOf(dir: string, table: string): Promise<string[]> {
  return (await readdir(join(dir, 'data', table))).filter((n) => n.endsWith('.parquet')).map((n) => join(dir, 'data', table, n));
}

test('first runs of row counts never seen, up to BUILTIN_SMALL_RUN rows a table, take no sample, and write one file a table within 1.25x of the shipped measurement', async () => {
  await withTempDir(async (dir) => {
    const cache = join(dir, 'cache');
    const registry = tableRegistry([], diskCache(cache));
    await engineRun(join(dir, 'a'), { tables: TABLES, rows: rowsOf(1234), registry });
    const summary = await engineRun(join(dir, 'b'), { tables: TABLES, rows: rowsOf(BUILTIN_SMALL_RUN), registry });
    // The runs' part sizes are kept; nothing was sampled, nor measured again.
    const kept = await entries(cache);
    expect(kept.filter((n) => n.startsWith('part-rows-'))).toHaveLength(2 * ALL.length);
    expect(kept.filter((n) => n.startsWith('sample-') || n.startsWith('small-run-'))).toEqual([]);
    expect(summary.tables.orders?.rows).toBe(BUILTIN_SMALL_RUN);
    for (const table of ALL) {
      const files = await filesOf(join(dir, 'b'), table);
      expect(files, table).toHaveLength(1);
      // What the decision rests on: a run of as many rows writes about what the stand-in run's sample measured (its
      // tallies and timeline are the run's own: products came out 2% larger), far within the 2x the decision allows.
      expect((await stat(files[0] ?? '')).size, table).toBeLessThanOrEqual(1.25 * (await shippedSmallRun(table)));
    }
  });
});

test('a small run the measurement does not cover (1 MB files: 10,000 users take ~1.3 MB) is sized by its own samples: several files, each within the limit', async () => {
  await withTempDir(async (dir) => {
    const cache = join(dir, 'cache');
    const registry = tableRegistry([], diskCache(cache));
    await engineRun(dir, { tables: ['users'], rows: { users: 10_000 }, fileSizeLimitMB: 1, registry });
    expect(await shippedSmallRun('users')).toBeGreaterThan((1_000_000 * 0.9) / 2);
    // The run's own samples, kept in its cache.
    expect((await entries(cache)).filter((n) => n.startsWith('sample-users-')).length).toBeGreaterThan(0);
    const files = await filesOf(dir, 'users');
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expect((await stat(file)).size).toBeLessThanOrEqual(1_000_000);
  });
});
