/**
 * The data side of `synthgen verify`: for a table whose files are here (a view of that name), its primary key is
 * unique and holds exactly the IDs the manifests here give it, its unique columns are unique, its foreign keys
 * resolve and its rules hold. A dataset may hold only some of a metadata's runs (others went to another folder or
 * bucket), so a reference resolves to a parent row here, or else to a parent ID of a run whose files are elsewhere,
 * by the metadata; references to IDs of the runs that are here must find their rows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { type IdRange, describeRanges, idCount } from './idRanges.js';
import { quotedIdentifier } from '../schema/sql.js';
import type { ParentReference, TableDefinition } from '../schema/tableDefinition.js';
import type { TableLookup } from '../schema/compileTable.js';
import type { VerifyCheck } from './verifyReport.js';

export interface TableScope {
  readonly connection: DuckDBConnection;
  readonly tables: TableLookup;
  /** The module that defined a table, for a user's table (its rules are theirs). */
  readonly originOf: (table: string) => string | undefined;
  /** Tables with readable files here, each a view of its name. */
  readonly present: ReadonlySet<string>;
  /** The IDs the manifests here give a table, merged. */
  readonly hereIds: (table: string) => readonly IdRange[];
  /**
   * The IDs a reference to `table` may take without a row here, by the metadata: of its runs whose files are not
   * here (all of them when none of its files are). Undefined when there is no metadata for it.
   */
  readonly elsewhereIds: (table: string) => readonly IdRange[] | undefined;
}

async function one(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  const reader = await connection.runAndReadAll(sql);
  return (reader.getRowObjectsJson()[0] ?? {}) as Record<string, unknown>;
}

const num = (value: unknown) => Number(value ?? 0);

function sqlId(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`${value} is not an ID`);
  return String(value);
}

/** A temporary table of ID ranges (first_id, last_id), filled in batches: a statement per range would be slow. */
async function rangeTable(connection: DuckDBConnection, name: string, ranges: readonly IdRange[]): Promise<string> {
  const table = quotedIdentifier(`synthgen_ranges_${name}`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${table} (first_id BIGINT, last_id BIGINT)`);
  for (let start = 0; start < ranges.length; start += 1000) {
    const values = ranges.slice(start, start + 1000).map((r) => `(${sqlId(r.first_id)}, ${sqlId(r.last_id)})`);
    await connection.run(`INSERT INTO ${table} VALUES ${values.join(', ')}`);
  }
  return table;
}

function tally(checks: VerifyCheck[], check: string, violations: number, what: string, fine: string): void {
  checks.push(violations === 0 ? { check, result: 'ok', detail: fine } : { check, result: 'violation', detail: `${violations} ${what}` });
}

/** Unique and contiguous: every ID the manifests here give the table is present once, and no other. */
async function checkPrimaryKey(scope: TableScope, definition: TableDefinition, checks: VerifyCheck[]): Promise<number> {
  const { connection } = scope;
  const table = quotedIdentifier(definition.name);
  const key = quotedIdentifier(definition.primaryKey);
  const stats = await one(connection, `SELECT count(*) AS n, count(DISTINCT ${key}) AS d, min(${key}) AS lo, max(${key}) AS hi FROM ${table}`);
  const [n, distinct, lo, hi] = [num(stats.n), num(stats.d), num(stats.lo), num(stats.hi)];
  tally(checks, `${definition.name}.${definition.primaryKey} unique`, n - distinct, 'duplicated IDs', `${n} rows, no ID twice`);
  const expected = scope.hereIds(definition.name);
  const ranges = await rangeTable(connection, `here_${definition.name}`, expected);
  const fit = await one(
    connection,
    `SELECT count(DISTINCT c.${key}) FILTER (WHERE r.first_id IS NOT NULL) AS inside, count(*) FILTER (WHERE r.first_id IS NULL) AS outside
     FROM ${table} c LEFT JOIN ${ranges} r ON c.${key} BETWEEN r.first_id AND r.last_id`,
  );
  const missing = idCount(expected) - num(fit.inside);
  const outside = num(fit.outside);
  const check = `${definition.name}.${definition.primaryKey} contiguous`;
  const given = expected.length ? describeRanges(expected) : 'no IDs';
  checks.push(
    missing === 0 && outside === 0
      ? { check, result: 'ok', detail: `IDs ${given}, none missing` }
      : { check, result: 'violation', detail: `IDs ${lo}-${hi} present with ${missing} missing${outside ? ` and ${outside} rows outside them` : ''}; the manifests give ${given}` },
  );
  return n;
}

async function checkReference(scope: TableScope, definition: TableDefinition, parent: ParentReference, checks: VerifyCheck[]): Promise<void> {
  const check = `${definition.name}.${parent.column} -> ${parent.table}`;
  const parentDefinition = scope.tables(parent.table);
  const here = scope.present.has(parent.table) && parentDefinition !== undefined;
  const elsewhere = scope.elsewhereIds(parent.table);
  if (!here && elsewhere === undefined) {
    checks.push({ check, result: 'skipped', detail: `no ${parent.table} files here and no metadata to check against` });
    return;
  }
  const fk = quotedIdentifier(parent.column);
  const ranges = await rangeTable(scope.connection, `elsewhere_${parent.table}`, elsewhere ?? []);
  const parentKeys = here ? `(SELECT DISTINCT ${quotedIdentifier(parentDefinition.primaryKey)} AS k FROM ${quotedIdentifier(parent.table)})` : '(SELECT NULL::BIGINT AS k WHERE false)';
  // Each reference finds at most one parent key (distinct) and one range (merged ranges are disjoint).
  const counts = await one(
    scope.connection,
    `SELECT count(*) FILTER (WHERE p.k IS NOT NULL) AS here,
            count(*) FILTER (WHERE p.k IS NULL AND r.first_id IS NOT NULL) AS elsewhere,
            count(*) FILTER (WHERE p.k IS NULL AND r.first_id IS NULL) AS orphans
     FROM ${quotedIdentifier(definition.name)} c
     LEFT JOIN ${parentKeys} p ON c.${fk} = p.k
     LEFT JOIN ${ranges} r ON c.${fk} BETWEEN r.first_id AND r.last_id`,
  );
  const [toHere, toElsewhere, orphans] = [num(counts.here), num(counts.elsewhere), num(counts.orphans)];
  if (!here) {
    tally(checks, check, orphans, `rows reference IDs the metadata never gave ${parent.table}`, `every reference is a ${parent.table} ID the metadata holds (its files are not here)`);
  } else if (elsewhere && elsewhere.length > 0) {
    const fine = `every reference resolves: ${toHere} to ${parent.table} rows here, ${toElsewhere} to ${parent.table} IDs of runs whose files are elsewhere (by the metadata)`;
    tally(checks, check, orphans, `rows reference a ${parent.table} row that does not exist`, fine);
  } else {
    tally(checks, check, orphans, `rows reference a ${parent.table} row that does not exist`, 'every reference resolves');
  }
}

/** Every check of a table whose files are here; returns its row count. */
export async function checkTable(scope: TableScope, definition: TableDefinition, checks: VerifyCheck[]): Promise<number> {
  const t = (table: string) => quotedIdentifier(table);
  const rows = await checkPrimaryKey(scope, definition, checks);
  for (const column of definition.unique ?? []) {
    const c = quotedIdentifier(column);
    const dup = await one(scope.connection, `SELECT count(${c}) - count(DISTINCT ${c}) AS n FROM ${t(definition.name)}`);
    tally(checks, `${definition.name}.${column} unique`, num(dup.n), 'repeated values', 'no value twice');
  }
  for (const parent of definition.parents) await checkReference(scope, definition, parent, checks);
  for (const rule of definition.rules ?? []) {
    const missing = (rule.reads ?? []).filter((other) => !scope.present.has(other));
    if (missing.length) {
      checks.push({ check: `${definition.name}: ${rule.description}`, result: 'skipped', detail: `needs ${missing.join(', ')} files here` });
      continue;
    }
    const check = `${definition.name}: ${rule.description}`;
    let broken: Record<string, unknown>;
    try {
      broken = await one(scope.connection, `SELECT count(*) AS n FROM ${rule.violations(t)}`);
    } catch (error: unknown) {
      // A rule of a user's module that does not run is their definition's fault: a finding, not a crash.
      const origin = scope.originOf(definition.name);
      if (!origin) throw error;
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      checks.push({ check, result: 'violation', detail: `the rule does not run (${reason}): fix its violations() in ${origin}` });
      continue;
    }
    tally(checks, check, num(broken.n), 'rows break it', 'holds for every row');
  }
  return rows;
}
