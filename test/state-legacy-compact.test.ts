/**
 * Legacy metadata held every ID. Migrated, scattered IDs are kept as one range with a count (new runs only need to
 * continue after the largest), so the metadata does not grow with them, and a huge legacy file commits. The legacy
 * file is backed up once, however many commits it takes.
 */
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type Metadata, commitMetadata, emptyMetadata, loadMetadata } from '../dist/src/state/metadata.js';
import { reserveRanges } from '../dist/src/run/reserve.js';
import { tableRegistry } from '../dist/src/tables/index.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const AS_OF = '2026-01-01T00:00:00.000Z';

/** The metadata a 10-row users run would commit after `before`. */
function afterRun(before: Metadata): Metadata {
  const { after } = reserveRanges({ tables: ['users'], rows: { users: 10 }, seed: 1, asOf: AS_OF, runId: 'r1', before, registry: tableRegistry() });
  return { ...before, tables: after };
}

/** The users segments of the metadata at `path`, as loadMetadata reads them. */
async function usersSegments(path: string): Promise<unknown> {
  return (await loadMetadata(path)).metadata.tables.users?.segments;
}

/** A compacted legacy segment: `count` IDs from `first_id` to `last_id`. */
const legacyRange = (first_id: number, last_id: number, count: number) => ({ first_id, last_id, legacy: true, count });
/** Where a first run's window starts when no --since is given: 3 years before its as-of. */
const DEFAULT_SINCE = '2023-01-01T00:00:00Z';
/** The segment a seed-1 run with this id wrote. */
const runSegment = (first_id: number, last_id: number, run_id: string) => ({
  first_id,
  last_id,
  seed: 1,
  since: DEFAULT_SINCE,
  as_of: AS_OF,
  version: tableRegistry().get('users')?.version,
  run_id,
});

test('6 million scattered legacy IDs commit, into a small file, and new IDs continue after the largest', async () => {
  const path = join(dir, 'm.json');
  const ids = new Array<number>(6_000_000);
  for (let i = 0; i < ids.length; i += 1) ids[i] = 2 * (i + 1);
  await writeFile(path, JSON.stringify({ users: ids }));
  const legacyBytes = (await stat(path)).size;

  const loaded = await loadMetadata(path);
  expect(loaded.legacy).toBe(true);
  expect(loaded.metadata.tables.users?.last_id).toBe(12_000_000);
  await commitMetadata(path, afterRun(loaded.metadata), loaded);

  expect((await stat(path)).size).toBeLessThan(4096);
  expect((await stat(`${path}.legacy.bak`)).size).toBe(legacyBytes);
  expect(await usersSegments(path)).toEqual([legacyRange(2, 12_000_000, 6_000_000), runSegment(12_000_001, 12_000_010, 'r1')]);
});

test('a few gaps are still kept as exact ranges; duplicates and order do not matter', async () => {
  const path = join(dir, 'm.json');
  await writeFile(path, JSON.stringify({ users: [100, 3, 1, 2, 2, 8, 7] }));
  expect(await usersSegments(path)).toEqual([
    { first_id: 1, last_id: 3, legacy: true },
    { first_id: 7, last_id: 8, legacy: true },
    { first_id: 100, last_id: 100, legacy: true },
  ]);
});

test('metadata an earlier synthgen wrote with thousands of legacy ranges is compacted when read', async () => {
  const path = join(dir, 'm.json');
  const segments: object[] = [];
  for (let i = 0; i < 5000; i += 1) segments.push({ first_id: 3 * i + 1, last_id: 3 * i + 2, legacy: true });
  segments.push(runSegment(20_001, 20_010, 'r0'));
  await writeFile(path, JSON.stringify({ ...emptyMetadata(), tables: { users: { last_id: 20_010, segments } } }));
  expect(await usersSegments(path)).toEqual([legacyRange(1, 14_999, 10_000), runSegment(20_001, 20_010, 'r0')]);
});

test('a legacy count that does not fit its range is corruption', async () => {
  const path = join(dir, 'm.json');
  await writeFile(path, JSON.stringify({ ...emptyMetadata(), tables: { users: { last_id: 10, segments: [{ first_id: 1, last_id: 10, legacy: true, count: 11 }] } } }));
  await expect(loadMetadata(path)).rejects.toThrow(/is corrupt: tables\.users\.segments\[0\]\.count/);
});

test('the legacy backup is made once: a backup with the same bytes left by an earlier failed commit is not repeated', async () => {
  const path = join(dir, 'm.json');
  const original = JSON.stringify({ users: [1, 2, 3] });
  await writeFile(path, original);
  await writeFile(`${path}.legacy.bak`, original);
  const loaded = await loadMetadata(path);
  await commitMetadata(path, afterRun(loaded.metadata), loaded);
  expect((await readdir(dir)).sort()).toEqual(['m.json', 'm.json.legacy.bak']);
});

test('a backup holding other bytes is never overwritten: the legacy file gets the next free backup name', async () => {
  const path = join(dir, 'm.json');
  const original = JSON.stringify({ users: [1, 2, 3] });
  await writeFile(path, original);
  await writeFile(`${path}.legacy.bak`, 'an older backup');
  const loaded = await loadMetadata(path);
  await commitMetadata(path, afterRun(loaded.metadata), loaded);
  expect((await readdir(dir)).sort()).toEqual(['m.json', 'm.json.legacy.1.bak', 'm.json.legacy.bak']);
  expect(await readFile(`${path}.legacy.bak`, 'utf8')).toBe('an older backup');
  expect(await readFile(`${path}.legacy.1.bak`, 'utf8')).toBe(original);
});
