/**
 * parsePendingRun, the reader of an interrupted run's record: it takes back what a run writes, and refuses, naming
 * the field, anything that could point a resume at files outside the run's own (a run id that is a path, an `out`
 * that is not an absolute folder) or take a name for a table of the run that is not one (`constructor`).
 */
import { expect, test } from 'vitest';
import { PENDING_FORMAT, PENDING_VERSION, type PendingRun, parsePendingRun } from '../dist/src/state/pendingRun.js';
import { planTable } from '../dist/src/records/plan.js';
import { reserveRanges } from '../dist/src/run/reserve.js';
import { tableRegistry } from '../dist/src/tables/index.js';
import { BUILTIN_VERSION, EARLIER_AS_OF, EARLIER_SINCE, usersAndProducts } from './helpers/metadata.js';

const AS_OF = '2026-01-01T00:00:00.000Z';
const STAMP = '20260102030405-0a1b2c3d';
const SHA = 'ab'.repeat(32);
const VERSION = BUILTIN_VERSION;

/** The record runGeneration.ts's pendingRecord() writes for a users+orders run (3 users parts), read back from JSON. */
function record(): Record<string, unknown> {
  const tables = ['users', 'orders'];
  const rows = { users: 250, orders: 40 };
  const { reserved } = reserveRanges({ tables, rows, seed: 7, asOf: AS_OF, runId: STAMP, before: usersAndProducts(), registry: tableRegistry() });
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
    { first_id: 1, last_id: 100, seed: 1, since: EARLIER_SINCE, as_of: EARLIER_AS_OF, version: VERSION },
    { first_id: 101, last_id: 350, seed: 7, since: EARLIER_AS_OF, as_of: AS_OF, version: VERSION },
  ]);
  // Each table's window: users continues from its last as-of, orders (no rows yet) starts 3 years before as-of.
  expect(parsed.reserved.users?.since).toBe(EARLIER_AS_OF);
  expect(parsed.reserved.orders?.since).toBe('2023-01-01T00:00:00Z');
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

test('a definitions entry for a table of the run is kept; one an earlier synthgen wrote without a kind is a module\'s', () => {
  const definitions = { orders: { kind: 'schema', module: '/home/me/bank.yaml', sha256: SHA } };
  expect(parsePendingRun({ ...record(), definitions }).definitions).toEqual(definitions);
  const earlier = { orders: { module: '/home/me/orders.mjs', sha256: SHA } };
  expect(parsePendingRun({ ...record(), definitions: earlier }).definitions).toEqual({ orders: { kind: 'module', ...earlier.orders } });
});

/** The record with `edit` applied to its JSON copy. */
function editedRecord(edit: (run: Record<string, any>) => void): Record<string, unknown> {
  const run = record() as Record<string, any>;
  edit(run);
  return run;
}

test('a top-level since (--since) is kept, and a record without one reads back without one', () => {
  expect(parsePendingRun({ ...record(), since: '2024-01-01T00:00:00Z' }).since).toBe('2024-01-01T00:00:00Z');
  expect(parsePendingRun(record())).not.toHaveProperty('since');
});

test.each<[string, unknown]>([
  ['not a time', 'a while ago'],
  ['a number', 1704067200],
])('a top-level since that is %s is refused', (_, since) => {
  expect(() => parsePendingRun({ ...record(), since })).toThrow('"since" is not a timestamp');
});

test.each<[string, (run: Record<string, any>) => void]>([
  ['missing', (run) => delete run.reserved.users.since],
  ['not a time', (run) => (run.reserved.users.since = 'then')],
  ['equal to as_of', (run) => (run.reserved.users.since = AS_OF)],
  ['after as_of', (run) => (run.reserved.users.since = '2026-06-01T00:00:00.000Z')],
])("a reserved range's since %s is refused, naming it", (_, edit) => {
  expect(() => parsePendingRun(editedRecord(edit))).toThrow('reserved.users.since is not a timestamp before as_of');
});

test('a parent range without since is refused, naming it', () => {
  expect(() => parsePendingRun(editedRecord((run) => delete run.reserved.orders.parents.users[0].since))).toThrow(
    'reserved.orders.parents.users[0] lacks seed, since, as_of or version',
  );
});

test("a parent range's own parents are kept, and checked as parent ranges", () => {
  const grand = { first_id: 1, last_id: 5, seed: 2, since: EARLIER_SINCE, as_of: EARLIER_AS_OF, version: VERSION };
  const nested = editedRecord((run) => (run.reserved.orders.parents.users[0].parents = { shops: [grand] }));
  expect(parsePendingRun(nested).reserved.orders?.parents.users?.[0]?.parents).toEqual({ shops: [grand] });
  const { since: _, ...withoutSince } = grand;
  const bad = editedRecord((run) => (run.reserved.orders.parents.users[0].parents = { shops: [withoutSince] }));
  expect(() => parsePendingRun(bad)).toThrow('reserved.orders.parents.users[0].parents.shops[0] lacks seed, since, as_of or version');
});

test('parents nested past any real table graph are refused, not followed down the stack', () => {
  const range = { first_id: 1, last_id: 5, seed: 2, since: EARLIER_SINCE, as_of: EARLIER_AS_OF, version: VERSION };
  let deep: Record<string, unknown> = { ...range };
  for (let i = 0; i < 100; i += 1) deep = { ...range, parents: { t: [deep] } };
  expect(() => parsePendingRun(editedRecord((run) => (run.reserved.orders.parents.users[0] = { ...run.reserved.orders.parents.users[0], parents: { t: [deep] } })))).toThrow(
    'nests parents too deep',
  );
});
