/**
 * A dataset that several test files read, generated once per build: the first file to ask builds it (under a lock,
 * so that two vitest workers never build it at once), the others wait for it and read the same folder. It lives under
 * the OS temp folder, keyed by the build (every file of dist/src and package-lock.json, by size and modification
 * time) and by the command's arguments, so a dataset of another build is never read; folders of other builds
 * unused for an hour are removed by the next suite (not sooner: other checkouts on the machine may be using theirs).
 *
 * Read only: its files are made read-only, and a test that must change files copies them first.
 */
import { createHash } from 'node:crypto';
import { chmod, copyFile, cp, mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from './cli.js';
import { running, sleep } from './processes.js';

const ROOT = join(tmpdir(), 'synthgen-test-datasets');
const REPO = resolve(import.meta.dirname, '../..');
const STALE_MS = 3_600_000;

/** Every file under `dir`, relative path -> "size:mtime". */
async function fingerprint(dir: string, into: string[] = [], prefix = ''): Promise<string[]> {
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = join(prefix, entry.name);
    if (entry.isDirectory()) await fingerprint(dir, into, rel);
    else {
      const s = await stat(join(dir, rel));
      into.push(`${rel}:${s.size}:${s.mtimeMs}`);
    }
  }
  return into;
}

let buildKey: Promise<string> | undefined;

/** The build's key, and the other builds' unused folders removed (once per test file). */
function build(): Promise<string> {
  buildKey ??= (async () => {
    const hash = createHash('sha256');
    for (const line of (await fingerprint(join(REPO, 'dist', 'src'))).sort()) hash.update(`${line}\n`);
    hash.update(await readFile(join(REPO, 'package-lock.json')));
    const key = hash.digest('hex').slice(0, 16);
    await mkdir(ROOT, { recursive: true });
    for (const name of await readdir(ROOT)) {
      if (name === key) continue;
      const used = await stat(join(ROOT, name)).then((s) => s.mtimeMs, () => Date.now());
      if (Date.now() - used > STALE_MS) await rm(join(ROOT, name), { recursive: true, force: true });
    }
    return key;
  })();
  return buildKey;
}

async function readOnly(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await readOnly(join(dir, entry.name));
    else await chmod(join(dir, entry.name), 0o444);
  }
}

/**
 * The folder holding the dataset `args` make (`--out data --metadata m.json` are added: read `<folder>/data`),
 * built if no test file has yet. Never write into it.
 */
export async function sharedDataset(args: readonly string[]): Promise<string> {
  const folder = join(ROOT, await build());
  const key = createHash('sha256').update(JSON.stringify(args)).digest('hex').slice(0, 16);
  const done = join(folder, key);
  const lock = join(folder, `${key}.lock`);
  await mkdir(folder, { recursive: true });
  const now = new Date();
  await utimes(folder, now, now);
  for (;;) {
    if (await stat(done).then(() => true, () => false)) return done;
    try {
      await mkdir(lock);
    } catch {
      // Another worker builds it: wait, unless it died mid-way (then its lock is taken over).
      const owner = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => '0'));
      const age = Date.now() - (await stat(lock).then((s) => s.mtimeMs, () => Date.now()));
      if ((owner > 0 && !(await running(owner))) || (owner === 0 && age > 60_000)) await rm(lock, { recursive: true, force: true });
      await sleep(200);
      continue;
    }
    try {
      await writeFile(join(lock, 'pid'), String(process.pid));
      const building = join(folder, `${key}.building-${process.pid}`);
      await rm(building, { recursive: true, force: true });
      await mkdir(building);
      await generate([...args, '--out', 'data', '--metadata', 'm.json'], building);
      await readOnly(building);
      await rename(building, done);
      return done;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}

/**
 * A copy of the dataset `args` make in `to` (its files under `to`/data, its metadata `to`/`metadata`), for a test
 * that writes beside them: generated once for every file that asks for the same command.
 */
export async function sharedDatasetCopy(args: readonly string[], to: string, metadata: string): Promise<void> {
  const from = await sharedDataset(args);
  await cp(join(from, 'data'), join(to, 'data'), { recursive: true });
  await copyFile(join(from, 'm.json'), join(to, metadata));
  await writable(to);
}

/** The copy's files writable again (cp keeps the shared folder's read-only modes). */
async function writable(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await writable(join(dir, entry.name));
    else await chmod(join(dir, entry.name), 0o644);
  }
}
