/**
 * The disk cache (SYNTHGEN_CACHE_DIR) is never trusted: an edited part or sample size made a file past
 * --file-size-limit, a sample that is not a number ended in a stack trace, and a FIFO at an entry's name would block
 * the read forever.
 * Each entry carries a hash of its key and content, checked on read; anything else is recomputed and replaced, and
 * the run writes the bytes a clean cache gives. (The pools come from the cache the package ships, which the user's
 * folder never holds; a damaged shipped entry is tested in state-cache-shipped.)
 *
 * One run with an empty cache gives the clean bytes and the clean cache; each test damages a copy of that cache.
 * 20,000 users are ~1.5 MB: two files of 1 MB at most, so a part or sample size taken on trust would make one file
 * past the limit.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AS_OF, checksums, parquetFiles, synthgen, withTempDir } from './helpers/cli.js';

const LIMIT_MB = 1;

const users = (name: string) => ['--table-names', 'users', '--num-rows', '20000', '--file-size-limit', String(LIMIT_MB), '--seed', '3', '--as-of', AS_OF, '--out', join(name, 'data'), '--metadata', join(name, 'm.json')];

/** The cache's one namespace folder (a hash of the package) after a first run. */
async function namespace(cache: string): Promise<string> {
  const [only] = await readdir(cache);
  if (only === undefined) throw new Error(`nothing cached in ${cache}`);
  return join(cache, only);
}

async function entries(folder: string, prefix: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.startsWith(prefix) && name.endsWith('.json')).map((name) => join(folder, name));
}

/** Runs the users command into `<dir>/<name>`, expecting success with no internal error, and returns its files' checksums. */
async function run(dir: string, name: string, cache: string): Promise<Record<string, string>> {
  const result = await synthgen(users(name), dir, { SYNTHGEN_CACHE_DIR: cache });
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  for (const file of await parquetFiles(join(dir, name, 'data'), 'users')) expect((await stat(file)).size).toBeLessThanOrEqual(LIMIT_MB * 1_000_000);
  // Names carry the run's stamp; the contents, in order, are what must agree.
  return Object.fromEntries(Object.entries(await checksums(join(dir, name, 'data', 'users'))).map(([file, sum], i) => [String(i), `${file.length}:${sum}`]));
}

describe('cache entries are verified on read', () => {
  // The clean run: its files' checksums, and the cache it filled (copied by each test before damaging it).
  let cleanDir = '';
  let clean: Record<string, string> = {};
  beforeAll(async () => {
    cleanDir = await mkdtemp(join(tmpdir(), 'synthgen-test-'));
    clean = await run(cleanDir, 'clean', join(cleanDir, 'cache'));
    expect(Object.keys(clean).length).toBeGreaterThan(1);
  }, 180_000);
  afterAll(() => rm(cleanDir, { recursive: true, force: true }));
  const cleanCache = async (dir: string) => {
    const cache = join(dir, 'cache');
    await cp(join(cleanDir, 'cache'), cache, { recursive: true });
    return cache;
  };

  test('an edited part size or sample size is recomputed: the same bytes as with a clean cache, files within the limit', async () => {
    await withTempDir(async (dir) => {
      const cache = await cleanCache(dir);
      const folder = await namespace(cache);
      // The pools were read from the package's shipped cache: none was built, so none was kept here.
      expect(await entries(folder, 'pool-')).toEqual([]);
      // Rows per part taken on trust would make one file of all 20,000 users, past the limit.
      const [partRows, ...more] = await entries(folder, 'part-rows-users-');
      expect(more).toEqual([]);
      await writeFile(partRows ?? '', (await readFile(partRows ?? '', 'utf8')).replace(/\d+(\s*)$/, '20000$1'));
      const samples = await entries(folder, 'sample-users-');
      expect(samples.length).toBeGreaterThan(0);
      for (const sample of samples) await writeFile(sample, (await readFile(sample, 'utf8')).replace(/\d+(\s*)$/, '1$1'));

      const edited = await run(dir, 'edited', cache);
      expect(Object.values(edited)).toEqual(Object.values(clean));
      // Replaced with good entries: the next run reads them.
      expect(await readFile(partRows ?? '', 'utf8')).not.toMatch(/\n20000\s*$/);
      for (const sample of samples) expect(await readFile(sample, 'utf8')).not.toMatch(/\n1\s*$/);
    });
  });

  test('a sample that is not a number, an empty entry, a FIFO and a symlink are recomputed, never a stack trace or a hang', async () => {
    await withTempDir(async (dir) => {
      const cache = await cleanCache(dir);
      const folder = await namespace(cache);
      // Without the rows per part they gave, the samples are read again. Four of them (a first estimate, then
      // refined): one damaged each way.
      for (const partRows of await entries(folder, 'part-rows-users-')) await rm(partRows);
      const [text, empty, fifo, linked] = await entries(folder, 'sample-users-');
      expect(linked).toBeDefined();
      await writeFile(text ?? '', (await readFile(text ?? '', 'utf8')).replace(/\d+(\s*)$/, '"abc"$1'));
      await writeFile(empty ?? '', '');
      await rm(fifo ?? '');
      execFileSync('mkfifo', [fifo ?? '']);
      await rm(linked ?? '');
      // A well-formed entry for that name, saying 1 byte: only that it is reached through a symlink refuses it.
      const name = linked?.split('/').pop() ?? '';
      await writeFile(join(dir, 'elsewhere.json'), `synthgen-cache-entry ${createHash('sha256').update(name).update('\n').update('1').digest('hex')}\n1`);
      await symlink(join(dir, 'elsewhere.json'), linked ?? '');

      const again = await run(dir, 'again', cache);
      expect(Object.values(again)).toEqual(Object.values(clean));
    });
  });
});
