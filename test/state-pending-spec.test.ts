/**
 * The record of an interrupted run is the run's spec as stored (run/runSpecRecords.ts): a new run's spec written as
 * its record and read back is the same run, so a resume finishes exactly what was started; a resume's own record is
 * the one it read, never rewritten.
 */
import { expect, test } from 'vitest';
import { parsePendingRun } from '../dist/src/state/pendingRun.js';
import { planTable } from '../dist/src/records/plan.js';
import { reserveRanges } from '../dist/src/run/reserve.js';
import { pendingRecordOf, specOfPending } from '../dist/src/run/spec/runSpecRecords.js';
import type { RunSpec } from '../dist/src/run/spec/runSpec.js';
import { tableRegistry } from '../dist/src/tables/index.js';
import { usersAndProducts } from './helpers/metadata.js';

const STAMP = '20260102030405-0a1b2c3d';
const AS_OF = '2026-01-01T00:00:00Z';

test('a spec stored as the pending record and read back is the same run', () => {
  const spec: RunSpec = {
    runId: STAMP,
    startedAt: '2026-01-02T03:04:05.000Z',
    stamp: STAMP,
    seed: 7,
    asOf: AS_OF,
    since: '2024-01-01T00:00:00Z',
    tables: ['users', 'orders'],
    rows: { users: 250, orders: 40 },
    fileSizeLimitMB: 100,
    format: { compression: 'zstd', level: 1, rowGroupSize: 122880 },
    out: '/data/out',
    s3: { target: { bucket: 'my-bucket', prefix: 'synthetic/' }, checksums: false, endpoint: 'http://localhost:9000', uploadConcurrency: 4, environment: { region: 'eu-west-1' } },
    command: 'synthgen --table-names users,orders --num-rows users=250,orders=40',
  };
  const { reserved } = reserveRanges({ tables: spec.tables, rows: spec.rows, seed: spec.seed, asOf: AS_OF, runId: STAMP, before: usersAndProducts(), registry: tableRegistry() });
  const plans = Object.fromEntries([...reserved].map(([table, range]) => [table, planTable({ table, firstId: range.first, lastId: range.last, rowsPerPart: 100 })]));
  const stored = pendingRecordOf(spec, reserved, plans, {});
  // The environment is the process's, never the record's: a resume reads its own.
  expect(JSON.stringify(stored)).not.toContain('eu-west-1');
  const pending = parsePendingRun(JSON.parse(JSON.stringify(stored)));
  const environment = { region: 'eu-west-1' };
  const again = specOfPending(pending, { environment }, 4);
  const { resuming, ...rest } = again;
  expect(rest).toEqual(spec);
  expect(resuming).toBe(pending);
  expect(pendingRecordOf(again, reserved, plans, {})).toBe(pending);
});
