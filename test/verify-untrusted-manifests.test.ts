/**
 * A manifest is data from disk, not a trusted record: `verify` reads only what lies inside the dataset folder in
 * the `<table>/<file>.parquet` layout, only regular files, and a manifest of the wrong shape is one violation line,
 * never a crash. Each case damages a copy of a real dataset and runs the real CLI on it.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseManifest } from '../dist/src/state/runManifest.js';
import { AS_OF, generate, synthgen, withTempDir } from './helpers/cli.js';
import { type Report, violations } from './helpers/report.js';

let dataset = '';

beforeAll(async () => {
  dataset = await mkdtemp(join(tmpdir(), 'synthgen-verify-untrusted-'));
  await generate(['--table-names', 'users,products,orders', '--num-rows', 'users=2000,products=300,orders=3000', '--seed', '5', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'], dataset);
}, 60_000);
afterAll(async () => {
  if (dataset) await rm(dataset, { recursive: true, force: true });
});

type Manifest = Record<string, unknown> & { files: Record<string, unknown>[] };

async function manifestPath(dir: string): Promise<string> {
  const [name] = await readdir(join(dir, 'data', '_runs'));
  return join(dir, 'data', '_runs', name ?? '');
}

async function editManifest(dir: string, edit: (manifest: Manifest) => unknown): Promise<string> {
  const path = await manifestPath(dir);
  const manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest;
  await writeFile(path, JSON.stringify(edit(manifest) ?? manifest));
  return path.slice(join(dir, 'data').length + 1);
}

/** Damages a copy of the dataset, runs `verify --json` on it, and returns the exit code, report and stderr. */
async function verifyDamaged(damage: (dir: string) => Promise<void>): Promise<{ code: number | null; report: Report; stderr: string }> {
  return withTempDir(async (dir) => {
    await cp(dataset, dir, { recursive: true });
    await damage(dir);
    const result = await synthgen(['verify', '--out', 'data', '--metadata', 'm.json', '--json'], dir);
    expect(result.stderr, 'verify printed an error instead of a report').toBe('');
    return { code: result.code, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
  });
}

const firstUsersFile = (manifest: Manifest) => {
  const file = manifest.files.find((f) => f.table === 'users');
  if (!file) throw new Error('no users file in the manifest');
  return file;
};

/** Adds entries to the manifest: copies of its first users file's entry, at other paths. */
async function addEntries(dir: string, paths: readonly string[]): Promise<void> {
  await editManifest(dir, (m) => {
    const model = firstUsersFile(m);
    m.files.push(...paths.map((path) => ({ ...model, path })));
  });
}

const BAD_PATHS = [
  '../outside.parquet',
  'users/../../outside.parquet',
  '/dev/null',
  '../../../../../../../../../../dev/zero',
  'orders/x.parquet',
  'users/sub/x.parquet',
  'users\\..\\..\\outside.parquet',
  'users/x.json',
  'users/*.parquet',
];

test('paths from a manifest that are not <table>/<file>.parquet inside the dataset folder are violations, and nothing there is read', async () => {
  const { code, report } = await verifyDamaged(async (dir) => {
    // A real Parquet file outside --out: reading it would show up as a size, row count or ID range.
    const manifest = JSON.parse(await readFile(await manifestPath(dir), 'utf8')) as Manifest;
    await cp(join(dir, 'data', String(firstUsersFile(manifest).path)), join(dir, 'outside.parquet'));
    await addEntries(dir, BAD_PATHS);
  });
  expect(code).toBe(1);
  for (const path of BAD_PATHS) {
    const line = violations(report).find((c) => c.check === `file ${path}`);
    expect(line?.detail, path).toMatch(/^not a path inside the dataset folder: the manifest must give <table>\/<file>\.parquet \(/);
    // Nothing was read there: no size, checksum, row or ID findings for it.
    expect(line?.detail, path).not.toMatch(/bytes|SHA-256|rows|IDs|Parquet \(/);
  }
  // Only those: the dataset's own files still verify.
  expect(violations(report).map((c) => c.check).sort()).toEqual(BAD_PATHS.map((p) => `file ${p}`).sort());
});

describe('only regular files are read', () => {
  test('listed files that are a folder, a symbolic link out, or a FIFO, and a manifest that is a FIFO, are violation lines; nothing hangs', async () => {
    const { code, report } = await verifyDamaged(async (dir) => {
      await addEntries(dir, ['users/folder.parquet', 'users/link.parquet', 'users/fifo.parquet']);
      await mkdir(join(dir, 'data', 'users', 'folder.parquet'));
      await writeFile(join(dir, 'secret.txt'), 'not for verify');
      await symlink(join(dir, 'secret.txt'), join(dir, 'data', 'users', 'link.parquet'));
      execFileSync('mkfifo', [join(dir, 'data', 'users', 'fifo.parquet')]);
      execFileSync('mkfifo', [join(dir, 'data', '_runs', 'zz-fifo.json')]);
    });
    expect(code).toBe(1);
    expect(violations(report).map((c) => [c.check, c.detail])).toEqual([
      ['manifest _runs/zz-fifo.json', 'unreadable: a FIFO (named pipe), not a regular file'],
      ['file users/folder.parquet', 'a directory, not a regular file: only regular files are read'],
      ['file users/link.parquet', 'a symbolic link, not a regular file: only regular files are read'],
      ['file users/fifo.parquet', 'a FIFO (named pipe), not a regular file: only regular files are read'],
    ]);
  });

  test('a table folder that is a symbolic link out of the dataset is not followed', async () => {
    const { code, report } = await verifyDamaged(async (dir) => {
      await cp(join(dir, 'data', 'users'), join(dir, 'elsewhere'), { recursive: true });
      await rm(join(dir, 'data', 'users'), { recursive: true });
      await symlink(join(dir, 'elsewhere'), join(dir, 'data', 'users'));
    });
    expect(code).toBe(1);
    const lines = violations(report).filter((c) => c.check.startsWith('file users/'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.detail).toBe('its folder users is a symbolic link, not a directory: only files inside the dataset folder are read');
  });
});

const WRONG_SHAPES: readonly [string, (m: Manifest) => unknown, string][] = [
  ['files holds null', (m) => ({ ...m, files: [null] }), 'files[0] is not an object'],
  ['no tables', (m) => ({ ...m, tables: undefined }), '"tables" is not an object'],
  ['files is not a list', (m) => ({ ...m, files: {} }), '"files" is not a list'],
  ['a path that is a number', (m) => ({ ...m, files: m.files.map((f, i) => (i === 0 ? { ...f, path: 7 } : f)) }), 'files[0].path is not a string'],
  ['a row count that is a string', (m) => ({ ...m, files: m.files.map((f, i) => (i === 0 ? { ...f, rows: '2000' } : f)) }), 'files[0].rows is not a non-negative integer'],
  ['a SHA-256 that is not 64 hex digits', (m) => ({ ...m, files: m.files.map((f, i) => (i === 0 ? { ...f, sha256: 'abc' } : f)) }), 'files[0].sha256 is not 64 hex digits'],
  ['a table range with a fractional ID', (m) => ({ ...m, tables: { users: { first_id: 1.5, last_id: 2000, rows: 2000 } } }), 'tables.users.first_id is not a positive integer'],
  ['the top level is a list', () => [], 'the top level is not an object'],
];

test('manifests of the wrong shape are one violation line each, never a crash', async () => {
  const { code, report } = await verifyDamaged(async (dir) => {
    const path = await manifestPath(dir);
    const manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest;
    for (const [index, [, edit]] of WRONG_SHAPES.entries()) await writeFile(join(dir, 'data', '_runs', `bad-${index}.json`), JSON.stringify(edit(structuredClone(manifest))));
    await writeFile(join(dir, 'data', '_runs', 'bad-json.json'), '{"format": "synthgen-run-manifest", ');
  });
  expect(code).toBe(1);
  const lines = violations(report);
  for (const [index, [what, , reason]] of WRONG_SHAPES.entries()) {
    expect(lines.find((c) => c.check === `manifest _runs/bad-${index}.json`)?.detail, what).toBe(`unreadable: ${reason}`);
  }
  expect(lines.find((c) => c.check === 'manifest _runs/bad-json.json')?.detail).toMatch(/^unreadable: not valid JSON \(/);
  expect(lines).toHaveLength(WRONG_SHAPES.length + 1);
});

describe('parseManifest', () => {
  test('takes what synthgen writes and gives it back unchanged', async () => {
    const value = JSON.parse(await readFile(await manifestPath(dataset), 'utf8')) as unknown;
    expect(parseManifest(value, '_runs/x.json')).toEqual(value);
  });

  test('names the manifest and what is wrong in one line', async () => {
    const value = JSON.parse(await readFile(await manifestPath(dataset), 'utf8')) as Manifest;
    expect(() => parseManifest({ ...value, format_version: 2 }, '_runs/x.json')).toThrow(/^manifest _runs\/x\.json unreadable: format_version 2 is not supported/);
    expect(() => parseManifest({ ...value, run_id: '' }, '_runs/x.json')).toThrow('manifest _runs/x.json unreadable: "run_id" is not a run id');
    expect(() => parseManifest({ ...value, seed: -1 }, '_runs/x.json')).toThrow('manifest _runs/x.json unreadable: "seed" is not a non-negative integer');
    expect(() => parseManifest({ ...value, versions: { synthgen: 1 } }, '_runs/x.json')).toThrow('manifest _runs/x.json unreadable: versions.synthgen is not a string');
    const file = value.files[0] ?? {};
    expect(() => parseManifest({ ...value, files: [{ ...file, first_id: 5, last_id: 4 }] }, '_runs/x.json')).toThrow(
      'manifest _runs/x.json unreadable: files[0] has last_id below first_id',
    );
    expect(() => parseManifest({ ...value, files: [{ ...file, bytes: 2 ** 53 }] }, '_runs/x.json')).toThrow('manifest _runs/x.json unreadable: files[0].bytes is not a non-negative integer');
  });
});
