/**
 * The package ships a cache of what its code alone computes (dist/cache, filled by `npm run build` through
 * scripts/shipCache.ts): the built-in pools and tables' fingerprints, read before the user's cache so that no first
 * run builds them. What it holds must be exactly what the code computes, and it is checked as the user's cache is:
 * a damaged entry is computed again, never used.
 */
import { execFile } from 'node:child_process';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { SHIPPED_CACHE, cacheNamespace, diskCache } from '../dist/src/state/cache.js';
import { buildPool } from '../dist/src/tables/pools.js';
import { withTempDir } from './helpers/cli.js';

const SCRIPT = resolve(import.meta.dirname, '../dist/scripts/shipCache.js');
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

test('the shipped cache holds, byte for byte, what the code computes from nothing', () =>
  withTempDir(async (dir) => {
    const namespace = await cacheNamespace();
    const shipped = join(SHIPPED_CACHE, namespace);
    // The same script, into an empty folder, with no shipped cache behind it: every entry computed in a new process.
    await promisify(execFile)(process.execPath, [SCRIPT, join(dir, 'fresh')]);
    const fresh = join(dir, 'fresh', namespace);
    const names = (await readdir(shipped)).sort();
    expect(names).toContain('pool-first_name.json');
    expect(names).toContain('table-print-orders');
    expect((await readdir(fresh)).sort()).toEqual(names);
    for (const name of names) expect(await readFile(join(fresh, name), 'utf8'), name).toBe(await readFile(join(shipped, name), 'utf8'));
    // Nothing of another namespace: a build of other code replaces the whole folder.
    expect(await readdir(SHIPPED_CACHE)).toEqual([namespace]);
  }));

test('the package a user installs carries the shipped cache', async () => {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: resolve(import.meta.dirname, '..') });
  const [packed] = JSON.parse(stdout) as { files: { path: string }[] }[];
  const files = new Set(packed?.files.map((file) => file.path));
  const namespace = await cacheNamespace();
  for (const name of await readdir(join(SHIPPED_CACHE, namespace))) expect(files.has(`dist/cache/${namespace}/${name}`), name).toBe(true);
});

test('a shipped entry is used without computing, and a damaged one is computed again and kept in the user folder', () =>
  withTempDir(async (dir) => {
    const namespace = await cacheNamespace();
    const shipped = join(dir, 'shipped');
    await cp(SHIPPED_CACHE, shipped, { recursive: true });
    const entry = join(shipped, namespace, 'pool-first_name.json');
    const computed = await buildPool('first_name');
    const never = (): Promise<string[]> => Promise.reject(new Error('computed, though shipped'));

    const intact = await diskCache(join(dir, 'user'), shipped).value('pool-first_name.json', never, isTextList);
    expect(intact).toEqual(computed);

    await writeFile(entry, (await readFile(entry, 'utf8')).replace(/"[^"\n]+"/g, '"POISONED"'));
    const cache = diskCache(join(dir, 'user'), shipped);
    const again = await cache.value('pool-first_name.json', async () => [...(await buildPool('first_name'))].map(String), isTextList);
    expect(again).toEqual(computed);
    expect(await readFile(join(dir, 'user', namespace, 'pool-first_name.json'), 'utf8')).not.toContain('POISONED');
    // From then on, the user's good entry stands in for the damaged shipped one.
    expect(await cache.value('pool-first_name.json', never, isTextList)).toEqual(computed);
  }));
