/**
 * parsePendingRun, the reader of an interrupted run's record: it takes back what a run writes, and refuses, naming
 * the field, anything that could point a resume at files outside the run's own (a run id that is a path, an `out`
 * that is not an absolute folder) or take a name for a table of the run that is not one (`constructor`).
 */
import { expect, test } from 'vitest';
import { PENDING_FORMAT, PENDING_VERSION, type PendingRun, parsePendingRun } from '../dist/src/state/pendingRun.js';
import { type Metadata, emptyMetadata } from '../dist/src/state/metadata.js';
import { planTable } from '../dist/src/run/plan.js';
import { reserveRanges } from '../dist/src/run/reserve.js';
import { tableRegistry } from '../dist/src/tables/index.js';

const AS_OF = '2026-01-01T00:00:00.000Z';
const STAMP = '20260102030405-0a1b2c3d';
const SHA = 'ab'.repeat(32);
/** The built-in tables' generator version (they share one). */
const VERSION = tableRegistry().get('users')?.version ?? 0;

/** Users and products already made by an earlier run, so orders (their child) has parents to reference. */
function before(): Metadata {
  const segment = (last_id: number) => ({ first_id: 1, last_id, seed: 1, as_of: AS_OF, version: VERSION, run_id: '20260101000000-00000000' });
  return { ...emptyMetadata(), tables: { users: { last_id: 100, segments: [segment(100)] }, products: { last_id: 20, segments: [segment(20)] } } };
}

/** The record runGeneration.ts's pendingRecord() writes for a users+orders run (3 users parts), read back from JSON. */
function record(): Record<string, unknown> {
  const tables = ['users', 'orders'];
  const rows = { users: 250, orders: 40 };
  const { reserved } = reserveRanges({ tables, rows, seed: 7, asOf: AS_OF, runId: STAMP, before: before(), registry: tableRegistry() });
  const plans = Object.fromEntries(
    [...reserved].map(([table, range]) => [table, planTable({ table, firstId: range.first, lastId: range.last, rowsPerPart: table === 'users' ? 100 : 1000 })]),
  );
  const run: PendingRun = {
    format: PENDING_FORMAT,
    format_version: PENDING_VERSION,
    run_id: STAMP,
    started_at: '2026-01-02T03:04:05.000Z',
    seed: 7,
    as_of: AS_OF,
    tables,
    rows,
    file_size_limit_mb: 100,
    parquet: { compression: 'zstd', compression_level: 1, row_group_size: 122880 },
    out: '/data/out',
    stamp: STAMP,
    command: 'synthgen --table-names users,orders --num-rows users=250,orders=40',
    reserved: Object.fromEntries(reserved),
    plans,
    written: { users: { '0': { sha256: SHA, bytes: 1234, inode: 42, mtime_ns: '1767323045000000000' } } },
    uploaded: {},
  };
  return JSON.parse(JSON.stringify(run)) as Record<string, unknown>;
}

/** The record with `field` replaced; JSON.parse keeps a `"__proto__"` key as a key, as reading the file would. */
const edited = (field: string, json: string) => ({ ...record(), [field]: JSON.parse(json) as unknown });

test('a record as a run writes it is read back whole', () => {
  const written = record();
  const parsed = parsePendingRun(written);
  expect(parsed).toEqual(written);
  // Not vacuous: the child's parent ranges (the earlier users and this run's) and the plans made it through.
  expect(parsed.reserved.orders?.parents.users).toEqual([
    { first_id: 1, last_id: 100, seed: 1, as_of: AS_OF, version: VERSION },
    { first_id: 101, last_id: 350, seed: 7, as_of: AS_OF, version: VERSION },
  ]);
  expect(parsed.plans.users?.parts).toBe(3);
});

test('a run id that is a path is refused, naming run_id', () => {
  expect(() => parsePendingRun({ ...record(), run_id: '../../../tmp/evil' })).toThrow('"run_id" is not a run id');
});

test('a run id that is one plain name but not a run stamp is refused too', () => {
  expect(() => parsePendingRun({ ...record(), run_id: 'evil' })).toThrow('"run_id" is not a run id');
});

test('"constructor" in written is not taken for a table of the run', () => {
  expect(() => parsePendingRun(edited('written', '{"constructor": {}}'))).toThrow('written.constructor is not a table of this run');
});

test('"__proto__" in uploaded is not taken for a table of the run', () => {
  expect(() => parsePendingRun(edited('uploaded', `{"__proto__": {"0": "${SHA}"}}`))).toThrow('uploaded.__proto__ is not a table of this run');
});

test('a prototype key among the tables is refused, naming "tables"', () => {
  expect(() => parsePendingRun({ ...record(), tables: ['users', 'constructor'] })).toThrow('"tables" is not a list of table names');
});

test('a written entry for a part index outside the plan is refused, naming it', () => {
  const file = { sha256: SHA, bytes: 1, inode: 1, mtime_ns: '1' };
  expect(() => parsePendingRun({ ...record(), written: { users: { '3': file } } })).toThrow('written.users.3 is not one of its parts');
});

test('a part index with a leading zero is not one of the parts', () => {
  const file = { sha256: SHA, bytes: 1, inode: 1, mtime_ns: '1' };
  expect(() => parsePendingRun({ ...record(), written: { users: { '01': file } } })).toThrow('written.users.01 is not one of its parts');
});

test('a written file with a bad sha256 is refused, naming the part', () => {
  const file = { sha256: 'AB'.repeat(32), bytes: 1, inode: 1, mtime_ns: '1' };
  expect(() => parsePendingRun({ ...record(), written: { users: { '1': file } } })).toThrow("written.users.1 is not a file's sha256, bytes, inode and mtime_ns");
});

test('an uploaded object with a bad sha256 is refused, naming the part', () => {
  expect(() => parsePendingRun({ ...record(), uploaded: { users: { '2': 'abc' } } })).toThrow('uploaded.users.2 is not a SHA-256');
});

test.each([['data/out'], ['/data/../etc'], ['/data//out']])('an out of %s is not an absolute folder', (out) => {
  expect(() => parsePendingRun({ ...record(), out })).toThrow('"out" is not an absolute folder');
});

test('a definitions entry for a table not in the run is refused, naming it', () => {
  const definitions = { reviews: { module: '/home/me/reviews.mjs', sha256: SHA } };
  expect(() => parsePendingRun({ ...record(), definitions })).toThrow('definitions.reviews is not a table of the run');
});

test('a definitions entry for a table of the run is kept', () => {
  const definitions = { orders: { module: '/home/me/orders.mjs', sha256: SHA } };
  expect(parsePendingRun({ ...record(), definitions }).definitions).toEqual(definitions);
});
