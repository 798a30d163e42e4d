/**
 * Fills the cache the package ships (dist/cache; read first by src/state/cache.ts): what a first run of the built-in
 * tables computes from nothing but the package's code, the value pools (~4 CPU-seconds of places and phone numbers),
 * the tables' fingerprints, and the size of each table's small run in the default format (BUILTIN_SMALL_RUN rows,
 * run/parts/sizeParts.ts), which sizes every run of at most that many rows, so that no user's first run computes them.
 * Part sizes are left out: they depend on a run's row counts.
 *
 * Run by `npm run build`, after tsc. The entries sit under the namespace of the code just built (a hash of every
 * built file), so a build of other code fills the cache again and an old namespace is never read; a build that
 * changed no file keeps what is there. Filling it is a real run of the built-in tables, through the same code a user's
 * first run takes, into a scratch folder that is removed after.
 *
 * `node dist/scripts/shipCache.js <folder>` fills <folder> instead, from nothing: what test/state-cache-shipped
 * compares the shipped entries with.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGeneration } from '../src/run/runGeneration.js';
import { SHIPPED_CACHE, cacheNamespace, diskCache } from '../src/state/cache.js';
import { BUILTIN_TABLES, tableRegistry } from '../src/tables/index.js';

/** Written last: a namespace folder without it was not filled to the end, and is filled again. */
const COMPLETE = 'complete';

async function fill(root: string): Promise<void> {
  const folder = join(root, await cacheNamespace());
  const scratch = await mkdtemp(join(tmpdir(), 'synthgen-ship-cache-'));
  try {
    // Children tables come with their parents, never named.
    const tables = BUILTIN_TABLES.filter((table) => !table.children).map((table) => table.name);
    await runGeneration({
      kind: 'new',
      // No shipped cache behind this one: everything is computed, and kept here.
      registry: tableRegistry([], diskCache(root, false)),
      tables,
      rows: Object.fromEntries(tables.map((table) => [table, 100])),
      metadataPath: join(scratch, 'metadata.json'),
      out: join(scratch, 'data'),
      seed: 1,
      asOf: '2026-01-01T00:00:00Z',
      threads: 1,
      command: 'scripts/shipCache.ts',
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  // A run's part sizes depend on its row counts; the small-run sizes (small-run-*) do not, and are what its samples
  // were taken for.
  for (const name of await readdir(folder)) if (name.startsWith('sample-') || name.startsWith('part-rows-')) await rm(join(folder, name));
  await writeFile(join(folder, COMPLETE), '');
}

const [into] = process.argv.slice(2);
if (into !== undefined) await fill(into);
else if (!existsSync(join(SHIPPED_CACHE, await cacheNamespace(), COMPLETE))) {
  await rm(SHIPPED_CACHE, { recursive: true, force: true });
  await fill(SHIPPED_CACHE);
}
