/**
 * A row's standing (schema/parents/standing.ts) and first children (schema/parents/firstChildren.ts), computed by
 * the compiler's SQL in DuckDB: the rank is a true ranking by popularity, a parent's recomputed standing equals its
 * own, and every row marked a first child is its parent's first, with idle parents never referenced at all.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { writePoolFile } from '../dist/src/model/poolFile.js';
import { TableRegistry, defineTable, partQuery } from '../dist/src/index.js';
import type { TableDefinition } from '../dist/src/index.js';
import { query } from './helpers/cli.js';

async function numbers(sql: string): Promise<Record<string, number>> {
  const [row] = await query(sql);
  return Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, Number(value)]));
}

const AS_OF = '2026-01-01T00:00:00Z';
const SINCE = '2025-01-01T00:00:00Z';
const column = (name: string, type: string, sql: TableDefinition['columns'][number]['sql']) => ({ name, type, description: 'd', distribution: 'd', sql });
/** Not a multiple of the 1024 residues, so the last block of IDs is partial. */
const ACCOUNTS = 5000;
const EVENTS = 60000;

const accounts = defineTable({
  name: 'accounts',
  description: 'd',
  version: 1,
  primaryKey: 'account_id',
  parents: [],
  pools: [],
  helpers: [],
  columns: [
    column('account_id', 'BIGINT', ({ row }) => row.id),
    column('popularity', 'DOUBLE', ({ row }) => row.popularity),
    column('popularity_rank', 'BIGINT', ({ row }) => row.popularityRank),
  ],
});

const events = defineTable({
  name: 'events',
  description: 'd',
  version: 1,
  primaryKey: 'event_id',
  parents: [{ table: 'accounts', column: 'account_id', skew: 3, idle: 0.25, firsts: { every: 5, within: 3600 } }],
  pools: [],
  helpers: [],
  columns: [
    column('event_id', 'BIGINT', ({ row }) => row.id),
    column('account_id', 'BIGINT', ({ parent }) => parent('accounts').id),
    column('first_child', 'BOOLEAN', ({ parent }) => parent('accounts').firstChild),
    column('account_popularity', 'DOUBLE', ({ parent }) => parent('accounts').popularity),
    column('created', 'TIMESTAMPTZ', ({ row }) => `to_timestamp(${row.created})`),
  ],
});

const registry = TableRegistry.create([{ definition: accounts }, { definition: events }], new Set());
const parents = { accounts: [{ first_id: 1, last_id: ACCOUNTS, seed: 3, since: SINCE, as_of: AS_OF, version: 1 }] };
const accountPart = { seed: 3, asOf: AS_OF, own: { first_id: 1, last_id: ACCOUNTS, since: SINCE }, firstId: 1, lastId: ACCOUNTS, parents: {} };
const eventPart = { seed: 9, asOf: AS_OF, own: { first_id: 1, last_id: EVENTS, since: SINCE }, firstId: 1, lastId: EVENTS, parents };

/** The part's SELECT with its pools read from the file a run writes, as a worker loads them. */
async function rowsOf(table: string, part: typeof accountPart | typeof eventPart): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'synthgen-standing-'));
  const definition = registry.lookup(table);
  if (!definition) throw new Error(table);
  const sql = partQuery(definition, part, registry.lookup);
  const spec = await writePoolFile(scratch, registry.compile(table, part), () => undefined);
  if (!spec) throw new Error(`${table} reads no pool`);
  const columns = spec.columns.map((c) => `'${c.name}': '${c.type}'`).join(', ');
  return sql.replace(`CROSS JOIN "${spec.table}"`, `CROSS JOIN (SELECT * FROM read_json('${spec.file}', columns = {${columns}}, maximum_object_size = 67108864))`);
}

test('popularityRank is a permutation of 1..N that orders rows by popularity, ties in ID order', async () => {
  const rows = await rowsOf('accounts', accountPart);
  const result = await numbers(
    `SELECT count(*) AS n, count(DISTINCT popularity_rank) AS ranks, min(popularity_rank) AS lo, max(popularity_rank) AS hi,
       count(*) FILTER (WHERE popularity_rank <> expected) AS misplaced, count(DISTINCT popularity) AS levels
     FROM (SELECT *, row_number() OVER (ORDER BY floor(popularity * 16), account_id) AS expected FROM (${rows}))`,
  );
  expect(result).toMatchObject({ n: ACCOUNTS, ranks: ACCOUNTS, lo: 1, hi: ACCOUNTS, misplaced: 0 });
  expect(result.levels).toBeGreaterThan(1000);
});

test('first children are their parent’s first reference, there are many, and idle parents are never referenced (but by the uniform pick of the first moments, when a popularity class has no parent yet)', async () => {
  const accountRows = await rowsOf('accounts', accountPart);
  const eventRows = await rowsOf('events', eventPart);
  const result = await numbers(
    `SELECT count(*) FILTER (WHERE first_child) AS firsts, count(*) FILTER (WHERE first_child AND nth > 1) AS not_first,
       count(*) FILTER (WHERE e.account_popularity <> a.popularity) AS popularity_differs, count(*) FILTER (WHERE a.popularity > 0.75 AND (first_child OR account_id > 128)) AS idle_referenced,
       count(*) FILTER (WHERE first_child AND e.event_id % 5 <> 0) AS off_candidates
     FROM (SELECT *, row_number() OVER (PARTITION BY account_id ORDER BY event_id) AS nth FROM (${eventRows})) e JOIN (${accountRows}) a USING (account_id)`,
  );
  expect(result).toMatchObject({ not_first: 0, popularity_differs: 0, idle_referenced: 0, off_candidates: 0 });
  // Roughly one candidate in five finds a new, non-idle account since the one before.
  expect(result.firsts).toBeGreaterThan(500);
});
