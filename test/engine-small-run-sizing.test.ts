/**
 * A small run is sized without samples of its own (run/parts/sizeParts.ts, SMALL_RUN): up to SMALL_RUN rows a table,
 * when the stand-in run of SMALL_RUN rows writes under half the aim, each table is one part, decided from that one
 * measurement, kept in the cache; so a row count never seen before (a test's, a script's, a first run's) takes no
 * sample. Where the measurement does not say so (a small --file-size-limit), the run's own samples size it, as before.
 * The cache here is a folder of the test's with nothing shipped behind it, so what the runs measure is seen in it.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { tableRegistry } from '../dist/src/tables/index.js';
import { diskCache } from '../dist/src/state/cache.js';
import { SMALL_RUN } from '../dist/src/run/parts/sizeParts.js';
import { engineRun } from './helpers/engine.js';
import { withTempDir } from './helpers/cli.js';

const TABLES = ['users', 'products', 'orders'];
const ALL = [...TABLES, 'order_items'];
const rowsOf = (n: number) => Object.fromEntries(TABLES.map((t) => [t, n]));

/** The cache's entries (its one namespace folder), by name. */
async function entries(cache: string): Promise<string[]> {
  const [namespace] = await readdir(cache);
  return namespace === undefined ? [] : readdir(join(cache, namespace));
}

/** The value of the cache entry named `prefix`..., a number (its first line is the entry's hash). */
async function entryValue(cache: string, prefix: string): Promise<number> {
  const [namespace] = await readdir(cache);
  const name = (await entries(cache)).find((n) => n.startsWith(prefix));
  if (namespace === undefined || name === undefined) throw new Error(`no cache entry ${prefix}*`);
  return Number((await readFile(join(cache, namespace, name), 'utf8')).split('\n')[1]);
}

async function filesOf(dir: string, table: string): Promise<string[]> {
  return (await readdir(join(dir, 'data', table))).filter((n) => n.endsWith('.parquet')).map((n) => join(dir, 'data', table, n));
}

test('runs of row counts never seen, up to SMALL_RUN rows a table, take one sample a table in all, and write one file a table within 1.25x of it', async () => {
  await withTempDir(async (dir) => {
    const cache = join(dir, 'cache');
    const registry = tableRegistry([], diskCache(cache, false));
    await engineRun(join(dir, 'a'), { tables: TABLES, rows: rowsOf(1234), registry });
    const samples = (await entries(cache)).filter((n) => n.startsWith('sample-'));
    // The small run's, one a table: none of 1,234 rows.
    expect(samples).toHaveLength(ALL.length);
    for (const table of ALL) expect((await entries(cache)).filter((n) => n.startsWith(`small-run-${table}-`))).toHaveLength(1);

    // The most rows the measurement covers, another count never seen: no sample more.
    const summary = await engineRun(join(dir, 'b'), { tables: TABLES, rows: rowsOf(SMALL_RUN), registry });
    expect((await entries(cache)).filter((n) => n.startsWith('sample-')).sort()).toEqual(samples.sort());
    expect(summary.tables.orders?.rows).toBe(SMALL_RUN);
    for (const table of ALL) {
      const files = await filesOf(join(dir, 'b'), table);
      expect(files, table).toHaveLength(1);
      // What the decision rests on: a run of as many rows writes about what the stand-in run's sample measured (its
      // tallies and timeline are the run's own: products came out 2% larger), far within the 2x the decision allows.
      expect((await stat(files[0] ?? '')).size, table).toBeLessThanOrEqual(1.25 * (await entryValue(cache, `small-run-${table}-`)));
    }
  });
});

test('a small run the measurement does not cover (1 MB files: 10,000 users take ~1.3 MB) is sized by its own samples: several files, each within the limit', async () => {
  await withTempDir(async (dir) => {
    const cache = join(dir, 'cache');
    const registry = tableRegistry([], diskCache(cache, false));
    await engineRun(dir, { tables: ['users'], rows: { users: SMALL_RUN }, fileSizeLimitMB: 1, registry });
    expect(await entryValue(cache, 'small-run-users-')).toBeGreaterThan(1_000_000 * 0.9 / 2);
    // Samples of the run's own beside the small-run one.
    expect((await entries(cache)).filter((n) => n.startsWith('sample-users-')).length).toBeGreaterThan(1);
    const files = await filesOf(dir, 'users');
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expect((await stat(file)).size).toBeLessThanOrEqual(1_000_000);
  });
});
