/**
 * One version rule for every table (src/versions/tableVersions.ts): synthgen's own tables get what a schema file's
 * get. A run records each table's identity and its fields' fingerprints; the same definitions keep their version, in
 * another process too; a definition that computes a field otherwise (as a later release may) makes the next version,
 * with a notice naming the field, and children go on referencing rows of both versions, unless a table with rows
 * recomputes that field over the older rows, which is refused; a changed identity is refused; metadata an earlier
 * synthgen wrote (no versions) is continued when its rows are of the version this synthgen makes, and refused,
 * naming the version, when not. A refused run changes neither the metadata nor the files. A program's own table
 * (registered in code, with no file) gets the same, its fingerprints never taken from the disk cache that keeps the
 * package's own tables'.
 *
 * A later release is played by editing what the metadata records (a field's fingerprint, the identity), which is
 * what a changed definition looks like to the next run. The first run is the CLI's (another process); the others
 * are the engine's in this process.
 */
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { AS_OF, count, generate, laterAsOf, query, tableSql, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';
import { tableRegistry } from '../dist/src/tables/index.js';
import { definitionPrint } from '../dist/src/versions/tableVersions.js';
import { defineTable, tableRegistry as programRegistry, uniform } from '../dist/src/index.js';

/** The version synthgen's own tables declare (they share one). */
const DECLARED = tableRegistry().get('users')?.version ?? 0;
/** Each built-in table's declared version (orders and their lines may be ahead of users). */
const declared = (table: string) => tableRegistry().get(table)?.version ?? 0;
const CHANGED = '0'.repeat(64);

interface Recorded {
  format_version: number;
  tables: Record<string, { segments: { version: number }[]; definition?: unknown; versions?: { identity: string; versions: Record<string, Record<string, string>> } }>;
}

let dataset = '';

beforeAll(async () => {
  dataset = await mkdtemp(join(tmpdir(), 'synthgen-versions-'));
  const args = ['--table-names', 'users,products,orders', '--num-rows', 'users=300,products=100,orders=500', '--seed', '3', '--as-of', AS_OF];
  await generate([...args, '--out', join(dataset, 'data'), '--metadata', join(dataset, 'm.json')], dataset);
}, 60_000);
afterAll(async () => {
  if (dataset) await rm(dataset, { recursive: true, force: true });
});

async function recorded(dir: string): Promise<Recorded> {
  return JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')) as Recorded;
}

/** A copy of the dataset, its metadata edited by `edit`. */
async function copyEdited(dir: string, edit: (metadata: Recorded) => void): Promise<string> {
  await cp(dataset, dir, { recursive: true });
  const metadata = await recorded(dir);
  edit(metadata);
  const text = JSON.stringify(metadata, null, 2);
  await writeFile(join(dir, 'm.json'), text);
  return text;
}

/** A run of `rows` in `dir` at the n-th later as-of, and the notices it gave. */
async function run(dir: string, rows: Record<string, number>, later: number): Promise<string[]> {
  const notices: string[] = [];
  await engineRun(dir, { tables: Object.keys(rows), rows, seed: 4, asOf: laterAsOf(later), onProgress: (event) => (event.type === 'notice' ? notices.push(event.message) : undefined) });
  return notices;
}

/** Refused: the message, and neither the metadata nor any table's files changed. */
async function refused(dir: string, rows: Record<string, number>, before: string): Promise<string> {
  const files = async () => (await Promise.all(['users', 'products', 'orders'].map((t) => readdir(join(dir, 'data', t))))).flat().sort();
  const listed = await files();
  const error = await run(dir, rows, 1).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Error);
  expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(before);
  expect(await files()).toEqual(listed);
  return (error as Error).message;
}

function fingerprint(metadata: Recorded, table: string, field: string, print: string): void {
  const versions = metadata.tables[table]?.versions?.versions[String(DECLARED)];
  if (!versions?.[field]) throw new Error(`no fingerprint of ${table}.${field}`);
  versions[field] = print;
}

test("a run records every table's identity and fields' fingerprints; the same definitions keep their version, in another process too", async () => {
  const first = await recorded(dataset);
  expect(first.format_version).toBe(5);
  for (const table of ['users', 'products', 'orders', 'order_items']) {
    expect(first.tables[table]).not.toHaveProperty('definition');
    expect(first.tables[table]?.versions?.identity).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(first.tables[table]?.versions?.versions ?? {})).toEqual([String(declared(table))]);
  }
  expect(Object.keys(first.tables.users?.versions?.versions[String(DECLARED)] ?? {})).toEqual(expect.arrayContaining(['email', '_locale', 'registration_date']));
  // The CLI kept the package's tables' fingerprints in its disk cache: computed afresh here, they agree.
  const registry = programRegistry();
  for (const table of ['users', 'products', 'orders', 'order_items']) {
    const { identity, prints } = await definitionPrint(registry, table);
    expect({ identity, versions: { [String(declared(table))]: prints } }).toEqual(first.tables[table]?.versions);
  }
  await withTempDir(async (dir) => {
    await cp(dataset, dir, { recursive: true });
    expect(await run(dir, { users: 50, orders: 80 }, 1)).toEqual([]);
    const second = await recorded(dir);
    for (const table of ['users', 'orders', 'order_items']) {
      expect(second.tables[table]?.versions).toEqual(first.tables[table]?.versions);
      expect(second.tables[table]?.segments.map((s) => s.version)).toEqual([declared(table), declared(table)]);
    }
  });
});

test('a field computed otherwise makes the next version, named in a notice; orders then reference rows of both versions', async () => {
  await withTempDir(async (dir) => {
    await copyEdited(dir, (metadata) => fingerprint(metadata, 'users', 'email', CHANGED));
    const notices = await run(dir, { users: 60 }, 1);
    expect(notices).toEqual([expect.stringMatching(new RegExp(`^users: its columns changed since version ${DECLARED} \\(email\\), so its new rows are version ${DECLARED + 1}; rows already generated keep theirs`))]);
    const after = await recorded(dir);
    expect(after.tables.users?.segments.map((s) => s.version)).toEqual([DECLARED, DECLARED + 1]);
    expect(Object.keys(after.tables.users?.versions?.versions ?? {})).toEqual([String(DECLARED), String(DECLARED + 1)]);
    // orders recompute users' _locale, which both versions compute alike: they may reference rows of either.
    expect(await run(dir, { orders: 3000 }, 2)).toEqual([]);
    const orders = await tableSql(join(dir, 'data'), 'orders');
    const [spread] = await query(`SELECT count(*) FILTER (WHERE order_id > 500 AND user_id <= 300) AS old, count(*) FILTER (WHERE order_id > 500 AND user_id > 300) AS new FROM ${orders}`);
    expect([Number(spread?.old), Number(spread?.new)].every((n) => n > 0)).toBe(true);
    const users = await tableSql(join(dir, 'data'), 'users');
    expect(count(await query(`SELECT count(*) AS n FROM ${orders} o ANTI JOIN ${users} u USING (user_id)`))).toBe(0);
  });
});

test('a changed field that a table with rows recomputes is refused, naming the reader and the field', async () => {
  await withTempDir(async (dir) => {
    const before = await copyEdited(dir, (metadata) => fingerprint(metadata, 'users', '_locale', CHANGED));
    expect(await refused(dir, { users: 60 }, before)).toMatch(/^orders reads users\._locale, which changed since users's rows of version \d+ were generated: new orders rows referencing them would not agree with their files/);
  });
});

test("a changed identity (key, parents, children, arrivals) is refused", async () => {
  await withTempDir(async (dir) => {
    const before = await copyEdited(dir, (metadata) => {
      const users = metadata.tables.users?.versions;
      if (users) users.identity = CHANGED;
    });
    expect(await refused(dir, { users: 60 }, before)).toMatch(/^the key, parents, children or arrivals of users changed since its rows were generated \(by synthgen itself\), so new rows would not continue them/);
  });
});

test('metadata an earlier synthgen wrote: rows of the version this synthgen makes are continued, their versions recorded; rows of another are refused', async () => {
  const earlier = (metadata: Recorded) => {
    metadata.format_version = 4;
    for (const state of Object.values(metadata.tables)) delete state.versions;
  };
  await withTempDir(async (dir) => {
    await copyEdited(dir, earlier);
    expect(await run(dir, { users: 40, orders: 40 }, 1)).toEqual([]);
    const after = await recorded(dir);
    expect(after.format_version).toBe(5);
    expect(Object.keys(after.tables.users?.versions?.versions ?? {})).toEqual([String(DECLARED)]);
    expect(after.tables.products).not.toHaveProperty('versions');
  });
  await withTempDir(async (dir) => {
    const before = await copyEdited(dir, (metadata) => {
      earlier(metadata);
      for (const segment of metadata.tables.users?.segments ?? []) segment.version = DECLARED - 1;
    });
    const expected = `existing users rows were made by generator version ${DECLARED - 1}, this synthgen makes version ${DECLARED}, and the metadata (written by an earlier synthgen) does not record what version ${DECLARED - 1} computed`;
    expect(await refused(dir, { users: 10 }, before)).toContain(expected);
    // Their children too: orders would recompute users' fields over those rows.
    expect(await refused(dir, { orders: 10 }, before)).toContain(expected);
  });
});

/** A program's own table, in code: its visits' page count 1 to `most`. */
function visits(most: number) {
  return defineTable({
    name: 'visits',
    description: 'Visits of a site by its users.',
    version: 1,
    primaryKey: 'visit_id',
    parents: [{ table: 'users', column: 'user_id', skew: 1 }],
    pools: [],
    helpers: [],
    columns: [
      { name: 'visit_id', type: 'BIGINT', description: 'Key.', distribution: 'Sequential.', sql: ({ row }) => row.id },
      { name: 'user_id', type: 'BIGINT', description: 'The visitor.', distribution: 'Uniform.', sql: ({ parent }) => parent('users').id },
      { name: 'pages', type: 'INTEGER', description: 'Pages seen.', distribution: 'Uniform.', sql: ({ row }) => `1 + floor(${uniform(row, 'pages')} * ${most})::INTEGER` },
    ],
  });
}

test("a program's own table gets versions too: a changed field makes the next, whatever the disk cache holds", async () => {
  await withTempDir(async (dir) => {
    await cp(dataset, dir, { recursive: true });
    const notices: string[] = [];
    const onProgress = (event: { type: string; message?: string }) => (event.type === 'notice' && event.message ? notices.push(event.message) : undefined);
    // The disk cache (the package entry's registry) is used for the built-in tables both times.
    await engineRun(dir, { registry: programRegistry([{ definition: visits(5) }]), tables: ['visits'], rows: { visits: 200 }, asOf: laterAsOf(1), onProgress });
    await engineRun(dir, { registry: programRegistry([{ definition: visits(9) }]), tables: ['visits'], rows: { visits: 200 }, asOf: laterAsOf(2), onProgress });
    expect(notices).toEqual([expect.stringMatching(/^visits: its columns changed since version 1 \(pages\), so its new rows are version 2;/)]);
    const after = await recorded(dir);
    expect(after.tables.visits?.segments.map((s) => s.version)).toEqual([1, 2]);
    expect(after.tables.visits).not.toHaveProperty('definition');
    const [pages] = await query(`SELECT max(pages) FILTER (WHERE visit_id <= 200) AS first, max(pages) FILTER (WHERE visit_id > 200) AS second FROM ${await tableSql(join(dir, 'data'), 'visits')}`);
    expect([Number(pages?.first), Number(pages?.second)]).toEqual([5, 9]);
  });
});

/** A program's baskets, tagged 0 to `tags - 1`, and their lines (a children table), which copy their basket's tag. */
function baskets(tags: number) {
  const column = (name: string, type: string, sql: Parameters<typeof defineTable>[0]['columns'][number]['sql']) => ({ name, type, description: 'd', distribution: 'd', sql });
  const basket = defineTable({
    name: 'baskets', description: 'Baskets.', version: 1, primaryKey: 'basket_id',
    parents: [{ table: 'users', column: 'user_id', skew: 1 }], pools: [],
    helpers: [{ name: '_tag', sql: ({ row }) => `floor(${uniform(row, 'tag')} * ${tags})::INTEGER` }],
    columns: [column('basket_id', 'BIGINT', ({ row }) => row.id), column('user_id', 'BIGINT', ({ parent }) => parent('users').id), column('tag', 'INTEGER', ({ field }) => field('_tag'))],
  });
  const lines = defineTable({
    name: 'basket_lines', description: 'Lines.', version: 1, primaryKey: 'basket_id',
    children: { parent: 'baskets', column: 'basket_id', line: 'line', count: (p) => `1 + floor(${uniform(p, 'lines')} * 3)::BIGINT`, most: 3, mean: 2 },
    parents: [{ table: 'baskets', column: 'basket_id', skew: 1 }], pools: [], helpers: [],
    columns: [column('basket_id', 'BIGINT', ({ parent }) => parent('baskets').id), column('line', 'INTEGER', ({ lineNumber }) => lineNumber), column('tag', 'INTEGER', ({ parent }) => parent('baskets').value('_tag'))],
  });
  return [{ definition: basket }, { definition: lines }];
}

test("a children table's lines copy a field their parent changes: both make a new version, as lines are made only with their parent's rows", async () => {
  await withTempDir(async (dir) => {
    await cp(dataset, dir, { recursive: true });
    const notices: string[] = [];
    const onProgress = (event: { type: string; message?: string }) => (event.type === 'notice' && event.message ? notices.push(event.message) : undefined);
    await engineRun(dir, { registry: programRegistry(baskets(3)), tables: ['baskets'], rows: { baskets: 100 }, asOf: laterAsOf(1), onProgress });
    await engineRun(dir, { registry: programRegistry(baskets(7)), tables: ['baskets'], rows: { baskets: 100 }, asOf: laterAsOf(2), onProgress });
    expect(notices).toEqual([expect.stringMatching(/^baskets: its columns changed since version 1 \(_tag, tag\)/), expect.stringMatching(/^basket_lines: its columns changed since version 1 \(tag\)/)]);
    const data = join(dir, 'data');
    const [agree] = await query(`SELECT count(*) AS n, count(*) FILTER (WHERE l.tag <> b.tag) AS differ FROM ${await tableSql(data, 'basket_lines')} l JOIN ${await tableSql(data, 'baskets')} b USING (basket_id)`);
    expect(Number(agree?.n)).toBeGreaterThan(200);
    expect(Number(agree?.differ)).toBe(0);
    // A program's table is not synthgen's own: a refusal does not say synthgen made it.
    const before = await readFile(join(dir, 'm.json'), 'utf8');
    const metadata = JSON.parse(before) as Recorded;
    const record = metadata.tables.baskets?.versions;
    if (record) record.identity = CHANGED;
    await writeFile(join(dir, 'm.json'), JSON.stringify(metadata));
    const refusal = await engineRun(dir, { registry: programRegistry(baskets(7)), tables: ['baskets'], rows: { baskets: 10 }, asOf: laterAsOf(3) }).then(() => '', (error: unknown) => String(error));
    expect(refusal).toMatch(/the key, parents, children or arrivals of baskets changed since its rows were generated \(by a program that registered it in code\), so new rows would not continue them: restore them as they were/);
  });
});

/** Stores as a --tables module would register them (their region 0 to `regions - 1`), and their visits, which copy it. */
function stores(regions: number) {
  const column = (name: string, type: string, sql: Parameters<typeof defineTable>[0]['columns'][number]['sql']) => ({ name, type, description: 'd', distribution: 'd', sql });
  const store = defineTable({
    name: 'stores', description: 'Stores.', version: 1, primaryKey: 'store_id', parents: [], pools: [], helpers: [],
    columns: [column('store_id', 'BIGINT', ({ row }) => row.id), column('region', 'INTEGER', ({ row }) => `floor(${uniform(row, 'region')} * ${regions})::INTEGER`)],
  });
  const visit = defineTable({
    name: 'store_visits', description: 'Visits.', version: 1, primaryKey: 'visit_id', parents: [{ table: 'stores', column: 'store_id', skew: 1 }], pools: [], helpers: [],
    columns: [column('visit_id', 'BIGINT', ({ row }) => row.id), column('store_id', 'BIGINT', ({ parent }) => parent('stores').id), column('region', 'INTEGER', ({ parent }) => parent('stores').value('region'))],
  });
  return [{ definition: store, origin: { kind: 'module', path: '/home/me/stores.mjs' } as const }, { definition: visit }];
}

test("metadata an earlier synthgen wrote: a module's parent changed since is refused even in a run of another table only", async () => {
  await withTempDir(async (dir) => {
    await cp(dataset, dir, { recursive: true });
    await engineRun(dir, { registry: programRegistry(stores(4)), tables: ['stores', 'store_visits'], rows: { stores: 50, store_visits: 100 }, asOf: laterAsOf(1) });
    const metadata = await recorded(dir);
    metadata.format_version = 4;
    for (const state of Object.values(metadata.tables)) delete state.versions;
    const before = JSON.stringify(metadata);
    await writeFile(join(dir, 'm.json'), before);
    const refusal = await engineRun(dir, { registry: programRegistry(stores(9)), tables: ['store_visits'], rows: { store_visits: 10 }, asOf: laterAsOf(2) }).then(() => '', (error: unknown) => String(error));
    expect(refusal).toMatch(/the definition of stores \(in \/home\/me\/stores\.mjs, as this synthgen compiles it\) changed since its rows were generated/);
    expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(before);
    // The module as it was: continued, and its versions recorded from then on.
    await engineRun(dir, { registry: programRegistry(stores(4)), tables: ['store_visits'], rows: { store_visits: 10 }, asOf: laterAsOf(2) });
    expect(Object.keys((await recorded(dir)).tables.store_visits?.versions?.versions ?? {})).toEqual(['1']);
  });
});
