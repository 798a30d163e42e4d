/**
 * A disk cache for what every run would otherwise recompute: the built-in value pools (~0.5 s) and the calibration
 * samples that size parts (~1 s per table). The namespace is a hash of every file of the package and the faker and
 * DuckDB versions, so a changed generator never reads a stale entry; a sample's name also carries a hash of its
 * query (and of a user's pools, which no namespace covers), so an edited table module never reads another's. A
 * cached run writes the same bytes as an uncached one. Entries are written atomically; any
 * failure to use the cache just means computing again.
 *
 * Location: $SYNTHGEN_CACHE_DIR, else $XDG_CACHE_HOME/synthgen, else ~/.cache/synthgen. SYNTHGEN_CACHE=off disables it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { access, mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let namespace: Promise<string> | undefined;

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function computeNamespace(): Promise<string> {
  const hash = createHash('sha256');
  // Every file of the built package: tables, pools and workers live in different folders.
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  // Read side by side and hashed in order: the same hash, without waiting for ~100 reads one after another.
  const files = await Promise.all((await filesUnder(root)).map(async (file) => ({ file, content: await readFile(file) })));
  for (const { file, content } of files) hash.update(file.slice(root.length)).update(content);
  const require = createRequire(import.meta.url);
  for (const name of ['@faker-js/faker/package.json', '@duckdb/node-bindings/package.json']) {
    try {
      hash.update(await readFile(require.resolve(name)));
    } catch {
      hash.update(name);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

function cacheRoot(): string | undefined {
  if (process.env.SYNTHGEN_CACHE === 'off') return undefined;
  if (process.env.SYNTHGEN_CACHE_DIR) return process.env.SYNTHGEN_CACHE_DIR;
  if (process.env.XDG_CACHE_HOME) return join(process.env.XDG_CACHE_HOME, 'synthgen');
  return join(homedir(), '.cache', 'synthgen');
}

async function entryPath(name: string): Promise<string | undefined> {
  const root = cacheRoot();
  if (!root) return undefined;
  namespace ??= computeNamespace();
  return join(root, await namespace, name);
}

/** Writes `content` to the cache entry `name` atomically; returns its path, or undefined if caching is off or fails. */
export async function storeCached(name: string, content: string): Promise<string | undefined> {
  const path = await entryPath(name);
  if (!path) return undefined;
  try {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, path);
    return path;
  } catch {
    return undefined;
  }
}

/** The path of a cache entry if it exists. */
export async function findCached(name: string): Promise<string | undefined> {
  const path = await entryPath(name);
  if (!path) return undefined;
  return access(path).then(
    () => path,
    () => undefined,
  );
}

/** A JSON value from the cache, or computed and stored. */
export async function cachedValue<T>(name: string, compute: () => Promise<T>): Promise<T> {
  const path = await findCached(name);
  if (path) {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as T;
    } catch {
      // A damaged entry is recomputed.
    }
  }
  const value = await compute();
  await storeCached(name, JSON.stringify(value));
  return value;
}
