/**
 * A disk cache for what every run would otherwise recompute: the built-in value pools (~0.5 s) and the calibration
 * samples that size parts (~1 s per table). The namespace is a hash of every file of the package and of its
 * dependencies' versions, so a changed generator or data package never reads a stale entry; a sample's name also
 * carries a hash of its query (and of a user's pools, which no namespace covers), so an edited table module never
 * reads another's. A cached run writes the same bytes as an uncached one. Entries are written atomically and
 * verified when read (each carries a hash of its name and content); an entry that is damaged, edited, unreadable or
 * not a file is computed again and replaced, and any failure to use the cache just means computing again.
 *
 * Location: $SYNTHGEN_CACHE_DIR, else $XDG_CACHE_HOME/synthgen, else ~/.cache/synthgen. SYNTHGEN_CACHE=off disables it.
 * The door reads those variables (cacheFolder) and hands the folder in: nothing here reads the environment.
 *
 * The package ships a read-only cache of its own (SHIPPED_CACHE, dist/cache, filled at build time by
 * scripts/shipCache.ts): the built-in pools and tables' fingerprints, which depend on nothing but its code. It is read
 * first, under the same namespace and with the same checks, so a first run does not spend ~5 CPU-seconds building
 * them; SYNTHGEN_CACHE=off turns off the user's folder, not what the package ships, as it does not turn off its code.
 */
import { createHash, randomUUID } from 'node:crypto';
import { lstat, mkdir, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRegularFile } from '../files/regularFile.js';
import type { ValueCache } from '../model/valueCache.js';

let namespace: Promise<string> | undefined;

/** The package's own built files (dist/src): what the namespace hashes. */
const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The cache the package ships (dist/cache), read before the user's; scripts/shipCache.ts fills it. */
export const SHIPPED_CACHE = join(PACKAGE_ROOT, '..', 'cache');

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The dependencies the package's package.json names, sorted; none if it cannot be read (then each run hashes the same). */
async function dependencies(): Promise<string[]> {
  try {
    const manifest: unknown = JSON.parse(await readFile(join(PACKAGE_ROOT, '..', '..', 'package.json'), 'utf8'));
    const named = typeof manifest === 'object' && manifest !== null ? (manifest as { dependencies?: unknown }).dependencies : undefined;
    return typeof named === 'object' && named !== null ? Object.keys(named).sort() : [];
  } catch {
    return [];
  }
}

async function computeNamespace(): Promise<string> {
  const hash = createHash('sha256');
  // Every file of the built package: tables, pools and workers live in different folders.
  const root = PACKAGE_ROOT;
  // Read side by side and hashed in order: the same hash, without waiting for ~100 reads one after another.
  const files = await Promise.all((await filesUnder(root)).map(async (file) => ({ file, content: await readFile(file) })));
  for (const { file, content } of files) hash.update(file.slice(root.length)).update(content);
  // And the versions of what the code reads values from: the data packages (places, postcodes, phone numbers), faker
  // and DuckDB. Every dependency the package names, so that bumping one in the lock file never reads a stale pool.
  const require = createRequire(import.meta.url);
  for (const name of [...(await dependencies()), '@duckdb/node-bindings']) {
    try {
      hash.update(await readFile(require.resolve(`${name}/package.json`)));
    } catch {
      // A package that does not export its package.json (piscina) computes no value.
      hash.update(name);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** The cache's folder as the environment `env` says, with `home` the user's home folder; undefined when it is off. */
export function cacheFolder(env: Readonly<Record<string, string | undefined>>, home: string): string | undefined {
  if (env.SYNTHGEN_CACHE === 'off') return undefined;
  if (env.SYNTHGEN_CACHE_DIR) return env.SYNTHGEN_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'synthgen');
  return join(home, '.cache', 'synthgen');
}

/** The namespace of this package's entries: a hash of its code and of its dependencies' versions. */
export function cacheNamespace(): Promise<string> {
  namespace ??= computeNamespace();
  return namespace;
}

async function entryPath(root: string | undefined, name: string): Promise<string | undefined> {
  if (!root) return undefined;
  return join(root, await cacheNamespace(), name);
}

/**
 * An entry is one line `synthgen-cache-entry <sha256 of its name and content>` and then the content (JSON). The hash
 * covers the name too, so an entry copied to another's name is not taken for it. It catches an edited or damaged
 * entry, not a forger who recomputes it: the cache is the user's own folder, as trusted as the code installed
 * beside it, and what an entry holds is also checked for its kind before it is used (`accept`).
 */
const HEADER = 'synthgen-cache-entry';
/** The largest entry read: the largest pools are a few MB; anything bigger is not one of ours. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

function digest(name: string, content: string): string {
  return createHash('sha256').update(name).update('\n').update(content).digest('hex');
}

/** Writes `content` to the cache entry `name` atomically (replacing what is there); any failure is ignored. */
async function storeCached(root: string | undefined, name: string, content: string): Promise<void> {
  const path = await entryPath(root, name);
  if (!path) return;
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, `${HEADER} ${digest(name, content)}\n${content}`, { flag: 'wx' });
    await rename(temporary, path);
  } catch {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * The verified content of the cache entry `name`, or undefined if there is none or it is not a good one: not a
 * regular file (a FIFO would block the read forever, a symlink points at what synthgen did not write), too large,
 * unreadable, or its hash does not match.
 */
async function readCached(root: string | undefined, name: string): Promise<string | undefined> {
  const path = await entryPath(root, name);
  if (!path) return undefined;
  try {
    const found = await lstat(path);
    if (!found.isFile() || found.size > MAX_ENTRY_BYTES) return undefined;
    const text = (await readRegularFile(path, { follow: false }))?.toString('utf8');
    const end = text?.indexOf('\n') ?? -1;
    if (text === undefined || end < 0) return undefined;
    const content = text.slice(end + 1);
    return text.slice(0, end) === `${HEADER} ${digest(name, content)}` ? content : undefined;
  } catch {
    return undefined;
  }
}

/** The value of the verified entry `name` under `root` if `accept` takes it. */
async function acceptedValue<T>(root: string | undefined, name: string, accept: (value: unknown) => value is T): Promise<{ readonly value: T } | undefined> {
  const content = await readCached(root, name);
  if (content === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(content);
    return accept(value) ? { value } : undefined;
  } catch {
    // Not JSON after all: as if there were no entry.
    return undefined;
  }
}

/**
 * A JSON value from the shipped cache or the user's if its entry is verified and `accept` takes it, else computed and
 * stored in the user's (replacing a bad entry). A bad entry is never an error: the value is computed, as with no cache.
 */
async function cachedValue<T>(root: string | undefined, shipped: string | undefined, name: string, compute: () => Promise<T>, accept: (value: unknown) => value is T): Promise<T> {
  const found = (await acceptedValue(shipped, name, accept)) ?? (await acceptedValue(root, name, accept));
  if (found) return found.value;
  const value = await compute();
  await storeCached(root, name, JSON.stringify(value));
  return value;
}

/**
 * The disk cache in `folder` (from cacheFolder), behind the cache the package ships (SHIPPED_CACHE, or another
 * folder of entries; `false` to compute what it holds afresh, as filling it does); with no folder, what is not
 * shipped is computed and nothing is kept.
 */
export function diskCache(folder: string | undefined, shipped: string | false = SHIPPED_CACHE): ValueCache {
  const behind = shipped === false ? undefined : shipped;
  return { value: (name, compute, accept) => cachedValue(folder, behind, name, compute, accept) };
}

const byFolder = new Map<string | undefined, ValueCache>();

/**
 * The disk cache where the environment `env` says (cacheFolder), the same one for every caller that names the same
 * folder: the doors (cli, index.ts) read their environment and pass it here, and a registry of the built-in tables
 * made for a cache is made once (tables/index.ts).
 */
export function cacheFromEnvironment(env: Readonly<Record<string, string | undefined>>, home: string): ValueCache {
  const folder = cacheFolder(env, home);
  let cache = byFolder.get(folder);
  if (!cache) {
    cache = diskCache(folder);
    byFolder.set(folder, cache);
  }
  return cache;
}
