/**
 * A table's history (from its first run's --since to a run's --as-of) spans at most 50 years. What a run computes
 * grows with the hours of the history it places rows in (its timeline hour by hour, the guides to its parents'
 * knots): over 1990-9999 a run ran out of heap (exit 134, lock left), over 1990-3500 orders failed after users and
 * products were written, on every resume. A longer history is refused up front with one line, before anything is
 * locked, recorded or written; the longest one is made.
 *
 * One refusal of each kind (a first window, a table continued) is the CLI's, one line and exit 2; the other refusal
 * and the runs that are made are the engine's, in this process.
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { UserError } from '../dist/src/index.js';
import { AS_OF, exists, parquetFiles, synthgen, withTempDir } from './helpers/cli.js';
import { type EngineRun, engineRun } from './helpers/engine.js';

const TABLES = ['--table-names', 'users,products,orders', '--num-rows', '1000', '--seed', '1', '--out', 'data', '--metadata', 'm.json'];
const TABLES_RUN: EngineRun = { tables: ['users', 'products', 'orders'], rows: { users: 1000, products: 1000, orders: 1000 }, seed: 1 };

async function files(dir: string): Promise<string[]> {
  return (await Promise.all(['users', 'products', 'orders'].map((table) => parquetFiles(join(dir, 'data'), table)))).flat();
}

/** Nothing locked, recorded or written by a refused run. */
async function nothingDone(dir: string, before: readonly string[]): Promise<void> {
  for (const suffix of ['.lock', '.pending.json']) expect(await exists(join(dir, `m.json${suffix}`))).toBe(false);
  expect(await files(dir)).toEqual(before);
}

async function refused(dir: string, args: readonly string[]): Promise<string> {
  const before = await files(dir);
  const result = await synthgen(args, dir);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toMatch(/^synthgen: [^\n]*50 years[^\n]*\n$/);
  await nothingDone(dir, before);
  return result.stderr;
}

/** The same refusal by the engine in this process: the UserError (exit 2) whose one line the CLI prints. */
async function refusedInProcess(dir: string, options: EngineRun): Promise<void> {
  const before = await files(dir);
  const error: unknown = await engineRun(dir, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).exitCode).toBe(2);
  expect((error as UserError).message).toMatch(/^[^\n]*50 years[^\n]*$/);
  await nothingDone(dir, before);
}

test('histories longer than 50 years are refused with one line before anything is written', async () => {
  await withTempDir(async (dir) => {
    const last = await refused(dir, [...TABLES, '--since', '1990-01-01', '--as-of', '9999-12-31T23:59:59Z']);
    expect(last).toContain('--since');
    await refusedInProcess(dir, { ...TABLES_RUN, since: '1990-01-01T00:00:00Z', asOf: '3500-01-01T00:00:00Z' });
    // Without --since, a history starts 3 years before --as-of: any --as-of is fine.
    expect(await exists(join(dir, 'm.json'))).toBe(false);
  });
});

test('a run continuing a table is refused when the table\'s history would pass 50 years; up to 50 is made', async () => {
  await withTempDir(async (dir) => {
    await engineRun(dir, { tables: ['users'], rows: { users: 100 }, seed: 1, since: '2000-01-01T00:00:00Z', asOf: AS_OF });
    const stderr = await refused(dir, ['--table-names', 'users', '--num-rows', '100', '--seed', '2', '--as-of', '2050-01-02', '--out', 'data', '--metadata', 'm.json']);
    expect(stderr).toContain('2000-01-01');
    await engineRun(dir, { tables: ['users'], rows: { users: 100 }, seed: 2, asOf: '2050-01-01T00:00:00Z' });
  });
});

test('a 50-year first window of the built-in tables is made', async () => {
  await withTempDir(async (dir) => {
    const summary = await engineRun(dir, { ...TABLES_RUN, since: '1990-01-01T00:00:00Z', asOf: '2040-01-01T00:00:00Z' });
    expect(summary.tables.orders?.rows).toBe(1000);
    expect(summary.tables.users?.since).toBe('1990-01-01T00:00:00Z');
  });
});
