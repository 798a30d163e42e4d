/**
 * Two ways a row learns what another row chose (model/children/firstDraws.ts, keyed picks in
 * model/parents/referenceFields.ts), on small tables of the test's own:
 * - a children table's first draws are its parent's first candidates: where the parent keeps one of them by a rule the
 *   line recomputes (shop ids even on the first try, divisible by 3 on the second), the line names the visit's shop
 *   exactly; where the line's `when` is false, the draws are NULL;
 * - a keyed reference: every line of one key (shop, slot) takes the same item, never one created after the line, and
 *   lines without a key take the item the same reference without `keyed` gives them; a later run, with a seed of its
 *   own, gives a key the same item again (the key's draws do not depend on the run's seed).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Column, type ParentReference, type TableDefinition, defineTable, tableRegistry } from '../dist/src/index.js';
import { query, tableSql } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';

const column = (name: string, type: string, sql: Column['sql']): Column => ({ name, type, description: 'd', distribution: 'd', sql });
const MODULE = { kind: 'module' as const, path: '/test/keyed-first-draws.mjs' };

function simple(name: string): TableDefinition {
  return defineTable({
    name,
    description: 'd',
    version: 1,
    primaryKey: `${name}_id`,
    parents: [],
    pools: [],
    helpers: [],
    columns: [column(`${name}_id`, 'BIGINT', ({ row }) => row.id), column('created', 'BIGINT', ({ row }) => row.created)],
  });
}

/** Visits keep the first shop drawn when its id is even, else the second when divisible by 3, else later tries. */
const visits = defineTable({
  name: 'visits',
  description: 'd',
  version: 1,
  primaryKey: 'visit_id',
  parents: [{ table: 'shops', column: 'shop_id', skew: 2, accept: { attempts: 4, sql: (_c, shop, attempt) => (attempt === 0 ? `${shop.id} % 2 = 0` : attempt === 1 ? `${shop.id} % 3 = 0` : `${shop.id} % 7 = 0`) } }],
  pools: [],
  helpers: [],
  columns: [
    column('visit_id', 'BIGINT', ({ row }) => row.id),
    column('shop_id', 'BIGINT', ({ parent }) => parent('shops').id),
    column('created', 'BIGINT', ({ row }) => row.created),
    column('line_count', 'BIGINT', ({ aggregate }) => aggregate('visit_lines', 'count')),
  ],
});

/** Lines of a visit: 1 to 6, the first draws read on visits with an odd id only, items keyed by (first shop, line) on lines 1-3. */
function visitLines(keyed: boolean): TableDefinition {
  const items: ParentReference = { table: 'items', column: 'item_id', skew: 2, ...(keyed ? { keyed: { key: '_key', at: '_key_at' } } : {}) };
  return defineTable({
    name: 'visit_lines',
    description: 'd',
    version: 1,
    primaryKey: 'visit_id',
    children: { parent: 'visits', column: 'visit_id', line: 'line_number', count: (p) => `(1 + ${p.bits('lines')} % 6)`, most: 6, mean: 3.5, firstDraws: { draws: { shops: 2 }, when: '_odd' } },
    parents: [{ table: 'visits', column: 'visit_id', skew: 1 }, items],
    pools: [],
    helpers: [
      { name: '_odd', sql: ({ parent }) => `(${parent('visits').id} % 2 = 1)` },
      { name: '_key', sql: ({ parent, lineNumber }) => `CASE WHEN ${lineNumber} <= 3 THEN ${parent('visits.shops').id} * 8 + ${lineNumber} END` },
      { name: '_key_at', sql: ({ parent }) => parent('visits.shops').created },
    ],
    columns: [
      column('visit_id', 'BIGINT', ({ parent }) => parent('visits').id),
      column('line_number', 'INTEGER', ({ lineNumber }) => lineNumber),
      column('first_shop', 'BIGINT', ({ parent }) => parent('visits.shops').id),
      column('second_shop', 'BIGINT', ({ parent }) => parent('visits.shops#1').id),
      column('first_shop_created', 'BIGINT', ({ parent }) => parent('visits.shops').created),
      column('item_id', 'BIGINT', ({ parent }) => parent('items').id),
      column('created', 'BIGINT', ({ row }) => row.created),
    ],
  });
}

const run = (keyed: boolean) => ({
  registry: tableRegistry([simple('shops'), simple('items'), visits, visitLines(keyed)].map((definition) => ({ definition, origin: MODULE }))),
  tables: ['shops', 'items', 'visits'],
  rows: { shops: 2000, items: 3000, visits: 20_000 },
  seed: 11,
});

let dir = '';
let keyedData = '';
let plainData = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-keyed-'));
  keyedData = join(dir, 'keyed');
  plainData = join(dir, 'plain');
  await Promise.all([engineRun(keyedData, run(true)), engineRun(plainData, run(false))]);
  // A later run of visits alone, with another seed: its lines' keys meet the first run's.
  await engineRun(keyedData, { ...run(true), tables: ['visits'], rows: { visits: 10_000 }, seed: 12, asOf: '2026-07-01T00:00:00Z' });
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const t = async (data: string, table: string) => tableSql(join(data, 'data'), table);

test('first draws are the parent’s first candidates: where the visit kept one by its rule, the line names its shop; NULL where not asked', async () => {
  const [row] = await query(`SELECT
      count(*) FILTER (WHERE l.first_shop % 2 = 0) AS first_kept,
      count(*) FILTER (WHERE l.first_shop % 2 = 0 AND l.first_shop <> v.shop_id) AS first_wrong,
      count(*) FILTER (WHERE l.first_shop % 2 = 1 AND l.second_shop % 3 = 0) AS second_kept,
      count(*) FILTER (WHERE l.first_shop % 2 = 1 AND l.second_shop % 3 = 0 AND l.second_shop <> v.shop_id) AS second_wrong,
      count(*) FILTER (WHERE l.visit_id % 2 = 0 AND (l.first_shop IS NOT NULL OR l.second_shop IS NOT NULL)) AS drawn_unasked,
      count(*) FILTER (WHERE l.visit_id % 2 = 1 AND (l.first_shop IS NULL OR l.second_shop IS NULL)) AS missing,
      count(*) FILTER (WHERE l.first_shop_created > v.created) AS shop_after_visit
    FROM ${await t(keyedData, 'visit_lines')} l JOIN ${await t(keyedData, 'visits')} v USING (visit_id)`);
  expect(Number(row?.first_kept)).toBeGreaterThan(10_000);
  expect(Number(row?.second_kept)).toBeGreaterThan(2_000);
  expect(Number(row?.first_wrong)).toBe(0);
  expect(Number(row?.second_wrong)).toBe(0);
  expect(Number(row?.drawn_unasked)).toBe(0);
  expect(Number(row?.missing)).toBe(0);
  expect(Number(row?.shop_after_visit)).toBe(0);
});

test('a keyed pick: one item per key, none created after its line; lines without a key pick as without keyed', async () => {
  const lines = await t(keyedData, 'visit_lines');
  const [keys] = await query(`SELECT count(*) AS keys, count(*) FILTER (WHERE lines > 1) AS shared, count(*) FILTER (WHERE items > 1) AS split
    FROM (SELECT first_shop, line_number, count(*) AS lines, count(DISTINCT item_id) AS items FROM ${lines} WHERE line_number <= 3 AND first_shop IS NOT NULL GROUP BY ALL)`);
  expect(Number(keys?.shared)).toBeGreaterThan(1000);
  expect(Number(keys?.split)).toBe(0);
  const [late] = await query(`SELECT count(*) AS n FROM ${lines} l JOIN ${await t(keyedData, 'items')} i ON i.items_id = l.item_id WHERE i.created > l.created`);
  expect(Number(late?.n)).toBe(0);
  const [same] = await query(`SELECT count(*) AS unkeyed, count(*) FILTER (WHERE k.item_id = p.item_id) AS same, (SELECT count(*) FROM ${lines}) AS lines
    FROM ${lines} k JOIN ${await t(plainData, 'visit_lines')} p USING (visit_id, line_number)
    WHERE k.line_number > 3 OR k.first_shop IS NULL`);
  expect(Number(same?.unkeyed)).toBeGreaterThan(20_000);
  expect(Number(same?.same)).toBe(Number(same?.unkeyed));
});

test('a key keeps its parent across runs: the later run’s lines of a key the first run had take the same item', async () => {
  const lines = await t(keyedData, 'visit_lines');
  const [row] = await query(`WITH keyed AS (SELECT first_shop, line_number, visit_id > 20000 AS later, item_id FROM ${lines} WHERE line_number <= 3 AND first_shop IS NOT NULL)
    SELECT count(*) AS met, count(*) FILTER (WHERE a.item_id <> b.item_id) AS moved
    FROM (SELECT DISTINCT first_shop, line_number, item_id FROM keyed WHERE NOT later) a JOIN (SELECT DISTINCT first_shop, line_number, item_id FROM keyed WHERE later) b USING (first_shop, line_number)`);
  expect(Number(row?.met)).toBeGreaterThan(500);
  expect(Number(row?.moved)).toBe(0);
});
