/**
 * loadMetadata on real files: metadata as a run commits it reads back unchanged, and every field of a run record is
 * checked (not cast), so a missing or ill-typed one is refused naming it; a table name that is a key every object has
 * (`__proto__`, `constructor`) is refused wherever table names are read; a table's origin and versions are kept, and
 * an earlier synthgen's records of them are read.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type Metadata, commitMetadata, emptyMetadata, loadMetadata } from '../dist/src/state/metadata.js';
import { reserveRanges } from '../dist/src/run/reserve.js';
import { runRecordOf } from '../dist/src/run/spec/runSpecRecords.js';
import type { RunSpec } from '../dist/src/run/spec/runSpec.js';
import type { TableSummary } from '../dist/src/run/runTypes.js';
import { tableRegistry } from '../dist/src/tables/index.js';
import { usersAndProducts } from './helpers/metadata.js';
import { present } from './helpers/present.js';

const AS_OF = '2026-01-01T00:00:00.000Z';
const RUN_ID = '20260102030405-0a1b2c3d';
const SHA = 'cd'.repeat(32);

let dir = '';
let path = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-metadata-parser-'));
  path = join(dir, 'm.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What runGeneration.ts commits after a users+orders run on top of `users` and `products` rows. */
function committed(): Metadata {
  const before: Metadata = usersAndProducts();
  const spec = { runId: RUN_ID, startedAt: '2026-01-02T03:04:05.000Z', seed: 7, asOf: AS_OF, command: 'synthgen --table-names users,orders', format: { compression: 'zstd', level: 1, rowGroupSize: 122880 } } as RunSpec;
  const { reserved, after } = reserveRanges({ tables: ['users', 'orders'], rows: { users: 50, orders: 30 }, seed: 7, asOf: AS_OF, runId: RUN_ID, before, registry: tableRegistry() });
  const file = (first_id: number, last_id: number, bytes: number) => ({ path: `/out/x/${first_id}.parquet`, rows: last_id - first_id + 1, bytes, first_id, last_id, sha256: SHA });
  // Each table's window starts where the reservation put it, as in the summaries the run builds (runOutcome.ts).
  const since = (table: string) => present(reserved.get(table), `the reservation of ${table}`).since;
  const summaries: Record<string, TableSummary> = {
    users: { rows: 50, first_id: 101, last_id: 150, since: since('users'), bytes: 900, files: [file(101, 150, 900)] },
    orders: { rows: 30, first_id: 1, last_id: 30, since: since('orders'), bytes: 700, files: [file(1, 15, 300), file(16, 30, 400)] },
  };
  // Version 3: its run records its Parquet format.
  return { ...before, format_version: 3, tables: after, runs: [{ ...runRecordOf(spec, summaries), manifest: `/out/_runs/${RUN_ID}.json` }] };
}

/** Writes `value` as the metadata file and loads it. */
async function load(value: unknown): ReturnType<typeof loadMetadata> {
  await writeFile(path, JSON.stringify(value));
  return loadMetadata(path);
}

/** A JSON copy of `committed()`, to edit. */
type Editable = { tables: Record<string, Record<string, unknown> & { segments: Record<string, unknown>[] }>; runs: Record<string, unknown>[] };
const editable = (): Editable & Record<string, unknown> => JSON.parse(JSON.stringify(committed())) as Editable & Record<string, unknown>;
const firstRun = (metadata: Editable): Record<string, unknown> & { tables: Record<string, Record<string, unknown>> } =>
  metadata.runs[0] as Record<string, unknown> & { tables: Record<string, Record<string, unknown>> };

test('metadata as a run commits it reads back unchanged', async () => {
  const metadata = committed();
  await commitMetadata(path, metadata, { metadata: emptyMetadata(), legacy: false, exists: false });
  const loaded = await loadMetadata(path);
  expect(loaded).toEqual({ metadata, legacy: false, exists: true });
  expect(loaded.metadata.runs[0]?.tables.orders).toEqual({ first_id: 1, last_id: 30, files: 2, bytes: 700 });
  // And commits back to the same bytes.
  const text = await readFile(path, 'utf8');
  await commitMetadata(path, loaded.metadata, loaded);
  expect(await readFile(path, 'utf8')).toBe(text);
});

test('a run record without a manifest (as an older synthgen wrote) still loads', async () => {
  const metadata = editable();
  delete firstRun(metadata).manifest;
  const loaded = await load(metadata);
  expect(loaded.metadata.runs[0]).not.toHaveProperty('manifest');
  expect(loaded.metadata.runs[0]?.run_id).toBe(RUN_ID);
});

test.each(['started_at', 'finished_at', 'seed', 'as_of', 'command', 'tables'])('a run record without %s is refused, naming it', async (field) => {
  const metadata = editable();
  delete firstRun(metadata)[field];
  await expect(load(metadata)).rejects.toThrow(`is corrupt: runs[0].${field} is not`);
});

test.each<[string, (run: ReturnType<typeof firstRun>) => void, string]>([
  ['run_id a path', (run) => (run.run_id = '../../etc/x'), 'runs[0].run_id is not a run id'],
  ['started_at not a time', (run) => (run.started_at = 'yesterday'), 'runs[0].started_at is not a timestamp'],
  ['finished_at a number', (run) => (run.finished_at = 1767323045000), 'runs[0].finished_at is not a timestamp'],
  ['seed negative', (run) => (run.seed = -1), 'runs[0].seed is not a non-negative integer'],
  ['seed text', (run) => (run.seed = '7'), 'runs[0].seed is not a non-negative integer'],
  ['as_of null', (run) => (run.as_of = null), 'runs[0].as_of is not a timestamp'],
  ['command a list', (run) => (run.command = ['synthgen']), 'runs[0].command is not a string'],
  ['tables a list', (run) => (run.tables = [] as unknown as Record<string, Record<string, unknown>>), 'runs[0].tables is not an object'],
  ['first_id 0', (run) => (run.tables.users = { ...run.tables.users, first_id: 0 }), 'runs[0].tables.users.first_id is not a positive integer'],
  ['last_id missing', (run) => delete run.tables.users?.last_id, 'runs[0].tables.users.last_id is not a positive integer'],
  ['last_id below first_id', (run) => (run.tables.users = { ...run.tables.users, last_id: 100 }), 'runs[0].tables.users has last_id below first_id'],
  ['files fractional', (run) => (run.tables.orders = { ...run.tables.orders, files: 1.5 }), 'runs[0].tables.orders.files is not a non-negative integer'],
  ['bytes text', (run) => (run.tables.orders = { ...run.tables.orders, bytes: '700' }), 'runs[0].tables.orders.bytes is not a non-negative integer'],
  ['manifest a number', (run) => (run.manifest = 5), 'runs[0].manifest is not a path'],
])('a run record with %s is refused, naming the field', async (_, edit, message) => {
  const metadata = editable();
  edit(firstRun(metadata));
  await expect(load(metadata)).rejects.toThrow(`is corrupt: ${message}`);
});

/** The committed metadata's JSON text with `from` replaced by `to` (a `"__proto__"` key can only be written as text). */
async function loadText(from: string, to: string): ReturnType<typeof loadMetadata> {
  const text = JSON.stringify(committed());
  expect(text).toContain(from);
  await writeFile(path, text.replace(from, to));
  return loadMetadata(path);
}

test('a "__proto__" table is refused, not taken for the prototype', async () => {
  await expect(loadText('"products":{', '"__proto__":{')).rejects.toThrow('is corrupt: tables.__proto__ is not a table name');
});

test('a "constructor" table is refused', async () => {
  await expect(loadText('"products":{', '"constructor":{')).rejects.toThrow('is corrupt: tables.constructor is not a table name');
});

test('a "__proto__" parent of a segment is refused', async () => {
  await expect(loadText('"parents":{"users"', '"parents":{"__proto__"')).rejects.toThrow(/is corrupt: tables\.orders\.segments\[0\]\.parents\.__proto__ is not a table name/);
});

test('a "__proto__" table of a run record is refused', async () => {
  await expect(loadText('"tables":{"users":{"first_id":101', '"tables":{"__proto__":{"first_id":101')).rejects.toThrow('is corrupt: runs[0].tables.__proto__ is not a table name');
});

test('a legacy ID list named "__proto__" is refused', async () => {
  await writeFile(path, '{"users": [1, 2], "__proto__": [3]}');
  await expect(loadMetadata(path)).rejects.toThrow('is corrupt: legacy ID list "__proto__" does not name a table');
});

test('a table state with definition { kind, module, sha256 } and its versions keeps them, and is written as format 5', async () => {
  const metadata = editable();
  const definition = { kind: 'module', module: '/home/me/tables/reviews.mjs', sha256: SHA };
  const versions = { identity: 'a'.repeat(64), versions: { '2': { order_id: 'b'.repeat(64) } } };
  metadata.tables.orders = { ...metadata.tables.orders, definition, versions } as Editable['tables'][string];
  const loaded = await load(metadata);
  expect(loaded.metadata.tables.orders?.definition).toEqual(definition);
  expect(loaded.metadata.tables.orders?.versions).toEqual(versions);
  expect(loaded.metadata.tables.users).not.toHaveProperty('definition');
  expect(loaded.metadata.format_version).toBe(5);
});

test("an earlier synthgen's definition: without a kind, a module's; with a schema record, a schema file's, its versions the table's", async () => {
  const metadata = editable();
  const record = { identity: 'a'.repeat(64), versions: { '1': { order_id: 'b'.repeat(64) } } };
  metadata.tables.orders = { ...metadata.tables.orders, definition: { module: '/home/me/bank.yaml', sha256: SHA, schema: record } } as Editable['tables'][string];
  metadata.tables.users = { ...metadata.tables.users, definition: { module: '/home/me/users.mjs', sha256: SHA } } as Editable['tables'][string];
  const loaded = await load(metadata);
  expect(loaded.metadata.tables.orders?.definition).toEqual({ kind: 'schema', module: '/home/me/bank.yaml', sha256: SHA });
  expect(loaded.metadata.tables.orders?.versions).toEqual(record);
  expect(loaded.metadata.tables.users?.definition).toEqual({ kind: 'module', module: '/home/me/users.mjs', sha256: SHA });
  expect(loaded.metadata.tables.users).not.toHaveProperty('versions');
});

test.each<[string, Record<string, unknown>, string]>([
  ['a definition of another kind', { definition: { kind: 'table', module: '/m.mjs', sha256: SHA } }, 'tables.orders.definition.kind is not "module" or "schema"'],
  ['versions without an identity', { versions: { versions: { '1': { order_id: 'b'.repeat(64) } } } }, 'tables.orders.versions is not { identity, versions }'],
  ['versions numbered from 0', { versions: { identity: 'a'.repeat(64), versions: { '0': { order_id: 'b'.repeat(64) } } } }, 'tables.orders.versions is not { identity, versions }'],
])('%s is refused, naming it', async (_, fields, message) => {
  const metadata = editable();
  metadata.tables.orders = { ...metadata.tables.orders, ...fields } as Editable['tables'][string];
  await expect(load(metadata)).rejects.toThrow(`is corrupt: ${message}`);
});

test.each<[string, unknown]>([
  ['a sha256 that is not 64 hex digits', { module: '/home/me/reviews.mjs', sha256: 'abc' }],
  ['no module', { sha256: SHA }],
  ['an empty module', { module: '', sha256: SHA }],
  ['a string', '/home/me/reviews.mjs'],
])('a definition with %s is refused, naming it', async (_, definition) => {
  const metadata = editable();
  metadata.tables.orders = { ...metadata.tables.orders, definition } as Editable['tables'][string];
  await expect(load(metadata)).rejects.toThrow('is corrupt: tables.orders.definition is not { module, sha256 }');
});

test('a segment as a run records it keeps its since, the start of its window', async () => {
  const loaded = await load(editable());
  expect(loaded.metadata.tables.users?.segments.at(-1)).toMatchObject({ first_id: 101, last_id: 150, since: '2025-12-01T00:00:00.000Z', as_of: AS_OF });
});

test('a segment without since (as a release before windows wrote it) still loads, without one', async () => {
  const metadata = editable();
  delete metadata.tables.users?.segments[0]?.since;
  const loaded = await load(metadata);
  expect(loaded.metadata.tables.users?.segments[0]).not.toHaveProperty('since');
});

test.each<[string, unknown]>([
  ['not a time', 'last spring'],
  ['a number', 1735689600],
  ['null', null],
  ['equal to its as_of', AS_OF],
  ['after its as_of', '2026-02-01T00:00:00.000Z'],
])('a segment with since %s is refused, naming it', async (_, since) => {
  const metadata = editable();
  const last = metadata.tables.users?.segments.at(-1) as Record<string, unknown>;
  last.since = since;
  await expect(load(metadata)).rejects.toThrow('is corrupt: tables.users.segments[1].since is not a timestamp before its as_of');
});
