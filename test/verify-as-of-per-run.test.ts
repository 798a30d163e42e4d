/**
 * Each row's times are held to the as-of of the run that made it, found by its ID: inline for a few runs, by a
 * range join for many. Both ways must agree, at the boundary (a time equal to its as-of is fine) and one second past.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test } from 'vitest';
import { defineTable } from '../dist/src/index.js';
import { type RunAsOf, checkValues } from '../dist/src/verify/valueChecks.js';
import type { VerifyCheck } from '../dist/src/verify/verifyReport.js';

const table = defineTable({
  name: 'events',
  description: 'd',
  version: 1,
  primaryKey: 'id',
  parents: [],
  pools: [],
  helpers: [],
  columns: [
    { name: 'id', type: 'BIGINT', description: 'd', distribution: 'd', sql: ({ row }) => row.id },
    { name: 'at', type: 'TIMESTAMPTZ', description: 'd', distribution: 'd', sql: ({ row }) => `to_timestamp(${row.created})` },
  ],
});

const BASE = Date.parse('2026-01-01T00:00:00Z');
const ROWS = 1000;

/** `runs` runs of equal size, their as-of a day apart, listed last first (verify must not rely on the order). */
function runsOf(runs: number): RunAsOf[] {
  const size = ROWS / runs;
  return Array.from({ length: runs }, (_, k) => ({ first_id: k * size + 1, last_id: (k + 1) * size, as_of: new Date(BASE + k * 86_400_000).toISOString() })).reverse();
}

async function check(runs: readonly RunAsOf[], late: readonly number[]): Promise<VerifyCheck | undefined> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`SET TimeZone = 'UTC'`);
    await connection.run(`CREATE TABLE runs (first_id BIGINT, last_id BIGINT, as_of TIMESTAMPTZ)`);
    await connection.run(`INSERT INTO runs VALUES ${runs.map((r) => `(${r.first_id}, ${r.last_id}, '${r.as_of}')`).join(', ')}`);
    // Every time at its run's as-of exactly; the late ones a second after it.
    const lateList = `[${late.join(', ')}]`;
    await connection.run(
      `CREATE TABLE events AS SELECT i AS id, r.as_of + CASE WHEN list_contains(${lateList}, i) THEN INTERVAL 1 SECOND ELSE INTERVAL 0 SECOND END AS at
       FROM range(1, ${ROWS + 1}) s(i) JOIN runs r ON i BETWEEN r.first_id AND r.last_id`,
    );
    const checks: VerifyCheck[] = [];
    await checkValues(connection, table, runs, checks);
    return checks.find((c) => c.check === 'events.at not after as-of');
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

test.each([
  ['a few runs (inline)', 10],
  ['many runs (a range join)', 200],
])('%s: a time one second after its own run’s as-of, though before the next run’s, is named', async (_what, runs) => {
  expect(await check(runsOf(runs), [])).toEqual({ check: 'events.at not after as-of', result: 'ok', detail: "no value after its run's as-of" });
  const late = [999, 7, 500, 501, 2, 1000];
  expect(await check(runsOf(runs), late)).toEqual({
    check: 'events.at not after as-of',
    result: 'violation',
    detail: "6 rows are after their run's as-of: id 2, 7, 500, 501, 999 and 1 more",
    ids: [2, 7, 500, 501, 999],
  });
});
