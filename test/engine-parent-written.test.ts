/**
 * A children table reads its group parent's written values (ParentRow.written, model/parentWritten.ts): what the
 * parent's file holds, through the tallies' machinery. Checked here, on small tables of the test's own: every line's
 * copy equals its parent's file value when both tables are cut into several parts, the same bytes at 1 and 2 workers;
 * a run stopped once the parent's parts are written resumes to the clean bytes (the parent's values written again
 * into scratch); each misuse is refused in one line, and so is the parent aggregating a field that reads one.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Column, type ParentRow, type RunSummary, type TableDefinition, WorkerPool, defineTable, tableRegistry } from '../dist/src/index.js';
import { columnDependencies } from '../dist/src/model/dictionary/columnDependencies.js';
import type { CompiledTable } from '../dist/src/model/compiledTable.js';
import type { TallyLayout } from '../dist/src/model/tallies.js';
import { runTallies } from '../dist/src/run/runTallies.js';
import { query, tableContents, tableSql, withTempDir } from './helpers/cli.js';
import { engineResume, engineRun } from './helpers/engine.js';

const column = (name: string, type: string, sql: Column['sql']): Column => ({ name, type, description: 'd', distribution: 'd', sql });
const MODULE = { kind: 'module' as const, path: '/test/parent-written.mjs' };

/** A parent whose `label` is a hash of its draws (incompressible, so a few thousand rows make a file of 1 MB). */
function baskets(extra: readonly Column[] = []): TableDefinition {
  return defineTable({
    name: 'baskets',
    description: 'd',
    version: 1,
    primaryKey: 'basket_id',
    parents: [],
    pools: [],
    helpers: [{ name: '_secret', sql: ({ row }) => `md5(${row.bits('secret')}::VARCHAR)` }],
    columns: [
      column('basket_id', 'BIGINT', ({ row }) => row.id),
      column('label', 'VARCHAR', ({ row }) => `md5(${row.bits('label')}::VARCHAR)`),
      column('note', 'VARCHAR', ({ field }) => `md5(${field('_secret')})`),
      // Inside this query its lines' written reads are NULL; their count is not one.
      column('line_count', 'BIGINT', ({ aggregate }) => aggregate('basket_lines', 'count')),
      ...extra,
    ],
  });
}

/** Lines, 0 to 4 per basket, each copying its basket's written label, and a helper reading it. */
function basketLines(reads: (parent: ParentRow) => string = (p) => p.written('label')): TableDefinition {
  return defineTable({
    name: 'basket_lines',
    description: 'd',
    version: 1,
    primaryKey: 'basket_id',
    children: { parent: 'baskets', column: 'basket_id', line: 'line_number', count: (p) => `(${p.bits('lines')} % 5)`, most: 4, mean: 2 },
    parents: [{ table: 'baskets', column: 'basket_id', skew: 1 }],
    pools: [],
    helpers: [{ name: '_label_length', sql: ({ parent }) => `length(${reads(parent('baskets'))})` }],
    columns: [
      column('basket_id', 'BIGINT', ({ parent }) => parent('baskets').id),
      column('line_number', 'INTEGER', ({ lineNumber }) => lineNumber),
      column('basket_label', 'VARCHAR', ({ parent }) => reads(parent('baskets'))),
      column('label_length', 'BIGINT', ({ field }) => field('_label_length')),
      // Incompressible, so that the lines too make several files of 1 MB.
      column('token', 'VARCHAR', ({ row }) => `md5(${row.bits('token')}::VARCHAR)`),
    ],
  });
}

const registry = tableRegistry([
  { definition: baskets(), origin: MODULE },
  { definition: basketLines(), origin: MODULE },
]);
const RUN = { registry, tables: ['baskets'], rows: { baskets: 60_000 }, seed: 3, fileSizeLimitMB: 1 };

let clean = '';
let summary: RunSummary | undefined;

beforeAll(async () => {
  clean = await mkdtemp(join(tmpdir(), 'synthgen-written-'));
  summary = await engineRun(clean, RUN);
}, 120_000);

afterAll(async () => {
  await rm(clean, { recursive: true, force: true });
});

test('every line holds its basket’s label as the basket’s file holds it, both tables in several parts', async () => {
  expect(summary?.tables.baskets?.files.length).toBeGreaterThan(1);
  expect(summary?.tables.basket_lines?.files.length).toBeGreaterThan(1);
  const data = join(clean, 'data');
  const [parents, lines] = await Promise.all([tableSql(data, 'baskets'), tableSql(data, 'basket_lines')]);
  const [row] = await query(
    `SELECT count(*) AS lines, count(*) FILTER (WHERE l.basket_label IS DISTINCT FROM b.label OR l.label_length IS DISTINCT FROM length(b.label)) AS wrong,
       count(DISTINCT l.basket_id) AS baskets
     FROM ${lines} l LEFT JOIN ${parents} b USING (basket_id)`,
  );
  expect(Number(row?.lines)).toBeGreaterThan(100_000);
  expect(Number(row?.baskets)).toBeGreaterThan(40_000);
  expect(Number(row?.wrong)).toBe(0);
  // The parent's own aggregate of the lines, computed in its query without the file, agrees with the lines' files.
  const [counts] = await query(`SELECT count(*) FILTER (WHERE b.line_count <> coalesce(l.n, 0)) AS wrong FROM ${parents} b LEFT JOIN (SELECT basket_id, count(*) AS n FROM ${lines} GROUP BY 1) l USING (basket_id)`);
  expect(Number(counts?.wrong)).toBe(0);
});

test('one worker writes the same bytes as two', async () => {
  await withTempDir(async (dir) => {
    const pool = new WorkerPool(1);
    try {
      await engineRun(dir, { ...RUN, pool, threads: pool.threadBudget });
    } finally {
      await pool.destroy();
    }
    for (const table of ['baskets', 'basket_lines']) expect(await tableContents(dir, table), table).toEqual(await tableContents(clean, table));
  });
}, 120_000);

test('a run stopped as its lines start, after its baskets are written, resumes to the clean run’s bytes', async () => {
  await withTempDir(async (dir) => {
    const stopped = join(dir, 'stopped');
    await mkdir(stopped);
    const controller = new AbortController();
    let parentsDone = 0;
    let parentsAtFirstLine = -1;
    const failure = await engineRun(stopped, {
      ...RUN,
      signal: controller.signal,
      onInterruptEvent: (event) => {
        if (event.type === 'part-ended' && event.path.includes(join('data', 'baskets'))) parentsDone += 1;
        if (event.type === 'part-started' && event.path.includes(join('data', 'basket_lines'))) {
          if (parentsAtFirstLine < 0) parentsAtFirstLine = parentsDone;
          controller.abort('SIGINT');
        }
      },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ exitCode: 130 });
    // The lines waited for their parents: every baskets part was written before the first lines part started.
    expect(parentsAtFirstLine).toBe(summary?.tables.baskets?.files.length);
    await engineResume(stopped, { registry });
    for (const table of ['baskets', 'basket_lines']) expect(await tableContents(stopped, table), table).toEqual(await tableContents(clean, table));
  });
}, 120_000);

test('the data dictionary names a written read as such, with the parent row it is read for', () => {
  const lookup = (name: string) => registry.get(name);
  expect(columnDependencies(basketLines(), lookup).get('basket_label')?.inputs).toEqual(['baskets.label as written', 'row of baskets']);
});

/** The one line a registry of these definitions is refused with. */
function refusal(...definitions: TableDefinition[]): string {
  try {
    tableRegistry(definitions.map((definition) => ({ definition, origin: MODULE })));
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error('the definitions were accepted');
}

test('a written read of a picked parent, of a non-children table, or of a column the parent does not write is refused in one line', () => {
  const shops = defineTable({ name: 'shops', description: 'd', version: 1, primaryKey: 'shop_id', parents: [], pools: [], helpers: [], columns: [column('shop_id', 'BIGINT', ({ row }) => row.id), column('name', 'VARCHAR', () => `'s'`)] });
  const visits = defineTable({
    name: 'visits',
    description: 'd',
    version: 1,
    primaryKey: 'visit_id',
    parents: [{ table: 'shops', column: 'shop_id', skew: 1 }],
    pools: [],
    helpers: [],
    columns: [column('visit_id', 'BIGINT', ({ row }) => row.id), column('shop_id', 'BIGINT', ({ parent }) => parent('shops').id), column('shop_name', 'VARCHAR', ({ parent }) => parent('shops').written('name'))],
  });
  expect(refusal(shops, visits)).toMatch(/^.*table visits, column shop_name: reads shops\.name as written, but shops is not the parent it has rows per \(children: \{ parent: 'shops' \}\): written\(\) reads only a children table's group parent; read parent\('shops'\)\.value\('name'\) instead$/);
  // A children table's other, picked parent.
  const picked = defineTable({
    ...basketLines(),
    parents: [...basketLines().parents, { table: 'shops', column: 'shop_id', skew: 1 }],
    columns: [...basketLines().columns, column('shop_id', 'BIGINT', ({ parent }) => parent('shops').id), column('shop_name', 'VARCHAR', ({ parent }) => parent('shops').written('name'))],
  });
  expect(refusal(shops, baskets(), picked)).toMatch(/table basket_lines, column shop_name: reads shops\.name as written, but shops is not the parent it has rows per/);
  expect(refusal(baskets(), basketLines((p) => p.written('_secret')))).toMatch(/table basket_lines, helper _label_length: reads baskets\._secret as written, but baskets writes no column _secret \(a helper is not written\): name one of its columns$/);
});

test('a parent aggregating a field of its children that reads its written values is refused in one line', () => {
  const summing = baskets([column('label_lengths', 'BIGINT', ({ aggregate }) => aggregate('basket_lines', 'sum', '_label_length'))]);
  expect(refusal(summing, basketLines())).toMatch(/table baskets: aggregates basket_lines\._label_length, which reads baskets\.label as written: baskets makes its aggregates before its file exists, so there it would be NULL; aggregate a field that recomputes the value \(parent\('baskets'\)\.value\(\.\.\.\)\) instead$/);
});

test('the built-in shape: lines read their orders’ written values, users tally orders, products tally lines', () => {
  const layout = (table: string, key: string, byParent?: true): TallyLayout => ({ table, key, columns: [{ column: `c_${table}_${key}`, table, key, fn: byParent ? 'value' : 'count', field: undefined, type: 'BIGINT', ...(byParent ? { byParent } : {}) }], ...(byParent ? { byParent } : {}) });
  const reads: Record<string, TallyLayout[]> = { users: [layout('orders', 'user_id')], products: [layout('order_items', 'product_id')], orders: [], order_items: [layout('orders', 'order_id', true)] };
  // Only what the run's order reads of a compiled table: the tallies it loads.
  const compiled = new Map(Object.entries(reads).map(([table, tallies]) => [table, { table, tallies } as unknown as CompiledTable]));
  const run = runTallies(['users', 'products', 'orders', 'order_items'], compiled, {}, '/nowhere');
  expect(run.order).toEqual(['orders', 'users', 'order_items', 'products']);
  // users wait for the orders; the lines run beside them, the orders already written; products wait for the lines.
  expect(run.order.filter((table) => run.waits(table))).toEqual(['users', 'products']);
  expect(run.outputs('orders', 0).map((output) => output.path)).toEqual(['/nowhere/tallies/orders__user_id-0.parquet', '/nowhere/tallies/orders__order_id__written-0.parquet']);
});
