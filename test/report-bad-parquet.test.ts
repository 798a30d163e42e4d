/**
 * `synthgen report` over a dataset holding a `.parquet` file DuckDB cannot read: an empty (0-byte) file, a truncated
 * one (its footer cut off), and one whose footer is whole but whose pages are overwritten (DuckDB's error then names
 * no file). Each is one line on stderr naming the file as the dataset names it and what to do, exit code 2, no
 * stack, and no report file written.
 */
import { cp, mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exists, synthgen } from './helpers/cli.js';
import { tinyDataset } from './helpers/reportRun.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-report-parquet-'));
  await tinyDataset(dir);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A copy of the dataset as `<name>/`, with `damage` done to the one file of `table`; returns that file's path under the copy. */
async function damaged(name: string, table: string, damage: (path: string) => Promise<void>): Promise<string> {
  await cp(join(dir, 'data'), join(dir, name), { recursive: true });
  const [file] = (await readdir(join(dir, name, table))).filter((entry) => entry.endsWith('.parquet'));
  if (!file) throw new Error(`no ${table} file`);
  await damage(join(dir, name, table, file));
  return `${name}/${table}/${file}`;
}

async function expectRefusal(out: string, file: string, what: RegExp): Promise<void> {
  const html = `${out}.html`;
  const result = await synthgen(['report', '--out', out, '--file', html], dir);
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.split('\n').filter(Boolean);
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]?.startsWith(`synthgen: cannot read ${file}: `), lines[0]).toBe(true);
  expect(lines[0]).toMatch(what);
  // What to do: take the file out of the table's folder, or put the whole file back; verify says which files are off.
  expect(lines[0]).toMatch(/move it out of .+ or restore it/);
  expect(lines[0]).toMatch(/synthgen verify/);
  expect(result.stderr).not.toMatch(/internal error|\bat .*\.js:\d+/);
  expect(result.stdout).toBe('');
  expect(await exists(join(dir, html))).toBe(false);
}

test('an empty (0-byte) .parquet file', async () => {
  const file = await damaged('empty', 'orders', (path) => writeFile(path, ''));
  await expectRefusal('empty', file, /it is empty \(0 bytes\)/);
});

test('a truncated .parquet file (its footer cut off)', async () => {
  const file = await damaged('truncated', 'users', async (path) => truncate(path, Math.floor((await readFile(path)).length / 2)));
  await expectRefusal('truncated', file, /not a whole Parquet file/);
});

test('a .parquet file with a whole footer but overwritten pages', async () => {
  const file = await damaged('overwritten', 'products', async (path) => {
    const bytes = await readFile(path);
    // The footer is the last 8 bytes (its length, then PAR1) and the footer itself; everything between PAR1 and it is pages.
    const footer = bytes.readUInt32LE(bytes.length - 8);
    bytes.fill(0, 4, bytes.length - 8 - footer);
    await writeFile(path, bytes);
  });
  await expectRefusal('overwritten', file, /not a whole Parquet file/);
});
