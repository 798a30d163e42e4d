/**
 * The data side of `synthgen verify`: for a table whose files are here (a view of that name), its primary key is
 * unique and holds exactly the IDs the manifests here give it, its unique columns are unique, its foreign keys
 * resolve and its rules hold. A dataset may hold only some of a metadata's runs (others went to another folder or
 * bucket), so a reference resolves to a parent row here, or else to a parent ID of a run whose files are elsewhere,
 * by the metadata; references to IDs of the runs that are here must find their rows.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { type IdRange, describeRanges, idCount } from './idRanges.js';
import { quotedIdentifier } from '../model/sql.js';
import type { ParentReference, TableDefinition } from '../model/tableDefinition.js';
import type { TableLookup } from '../model/compileTable.js';
import type { VerifyCheck } from './verifyReport.js';
import { idsOf, lowestIds, offending, violation } from './offendingIds.js';
import { type RunAsOf, checkValues } from './valueChecks.js';
import { checkRule } from './verifyRules.js';
import { queryRow } from '../workers/queryRow.js';
import { checkChildKey } from './childKeys.js';
import { type ColumnCheck, type RecordedVersions, type RowScope, type VersionRun, tableChecks } from './versionScopes.js';

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
  /** The runs here that made a table's rows: each one's IDs and as-of, by its manifest. */
  readonly runsOf: (table: string) => readonly RunAsOf[];
  /** The runs here that made a table's rows: each one's IDs and the version it made them as, by its manifest. */
  readonly versionRunsOf: (table: string) => readonly VersionRun[];
  /** A schema file's table's versions (undefined for any other table): which definition a row is checked against. */
  readonly versionsOf: (table: string) => RecordedVersions | undefined;
  /**
   * The rows of a table made as some versions (all of them: the view of its name), as a relation over their files
   * alone; undefined when none of those files is readable here.
   */
  readonly relationOf: (table: string, versions?: readonly number[]) => string | undefined;
  /** Tables with rows of the original tool's that other tables reference: their rules read those too (legacyViews.ts). */
  readonly withLegacy?: ReadonlySet<string>;
}

const one = queryRow;

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

/** Unique and contiguous: every ID the manifests here give the table is present once, and no other. */
async function checkPrimaryKey(scope: TableScope, definition: TableDefinition, checks: VerifyCheck[]): Promise<number> {
  const { connection } = scope;
  const table = quotedIdentifier(definition.name);
  const key = quotedIdentifier(definition.primaryKey);
  const stats = await one(connection, `SELECT count(*) AS n, count(DISTINCT ${key}) AS d, min(${key}) AS lo, max(${key}) AS hi FROM ${table}`);
  const [n, distinct, lo, hi] = [num(stats.n), num(stats.d), num(stats.lo), num(stats.hi)];
  const unique = `${definition.name}.${definition.primaryKey} unique`;
  if (n === distinct) {
    checks.push({ check: unique, result: 'ok', detail: `${n} rows, no ID twice` });
  } else {
    // Only now, as it groups every row: the lowest few IDs that occur more than once, and how many do.
    const twice = offending(await one(connection, `SELECT ${lowestIds('k')} AS ids, count(*) AS listed FROM (SELECT ${key} AS k FROM ${table} GROUP BY ${key} HAVING count(*) > 1)`));
    checks.push(violation(unique, twice.listed, `IDs occur more than once (${n - distinct} extra rows)`, definition.primaryKey, twice.ids));
  }
  const expected = scope.hereIds(definition.name);
  const ranges = await rangeTable(connection, `here_${definition.name}`, expected);
  const fit = await one(
    connection,
    `SELECT count(DISTINCT c.${key}) FILTER (WHERE r.first_id IS NOT NULL) AS inside, count(*) FILTER (WHERE r.first_id IS NULL) AS outside,
            ${lowestIds(`c.${key}`)} FILTER (WHERE r.first_id IS NULL) AS outside_ids
     FROM ${table} c LEFT JOIN ${ranges} r ON c.${key} BETWEEN r.first_id AND r.last_id`,
  );
  const missing = idCount(expected) - num(fit.inside);
  const outside = num(fit.outside);
  const check = `${definition.name}.${definition.primaryKey} contiguous`;
  const given = expected.length ? describeRanges(expected) : 'no IDs';
  if (missing === 0 && outside === 0) {
    checks.push({ check, result: 'ok', detail: `IDs ${given}, none missing` });
    return n;
  }
  // Only now, as it reads every expected ID: the lowest few missing.
  const missingIds = missing > 0 ? idsOf((await one(connection, `SELECT ${lowestIds('e.i')} AS ids FROM (SELECT s.i FROM ${ranges} r, range(r.first_id, r.last_id + 1) s(i)) e ANTI JOIN ${table} c ON e.i = c.${key}`)).ids) : [];
  const outsideIds = idsOf(fit.outside_ids);
  const listed = (ids: readonly number[], total: number) => (ids.length ? ` (${definition.primaryKey} ${ids.join(', ')}${total > ids.length ? ` and ${total - ids.length} more` : ''})` : '');
  checks.push({
    check,
    result: 'violation',
    detail: `IDs ${lo}-${hi} present with ${missing} missing${listed(missingIds, missing)}${outside ? ` and ${outside} rows outside them${listed(outsideIds, outside)}` : ''}; the manifests give ${given}`,
    ids: [...missingIds, ...outsideIds].sort((a, b) => a - b).slice(0, 5),
  });
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
  const key = quotedIdentifier(definition.primaryKey);
  const ranges = await rangeTable(scope.connection, `elsewhere_${parent.table}`, elsewhere ?? []);
  const parentKeys = here ? `(SELECT DISTINCT ${quotedIdentifier(parentDefinition.primaryKey)} AS k FROM ${quotedIdentifier(parent.table)})` : '(SELECT NULL::BIGINT AS k WHERE false)';
  // Each reference finds at most one parent key (distinct) and one range (merged ranges are disjoint).
  const counts = await one(
    scope.connection,
    `SELECT count(*) FILTER (WHERE p.k IS NOT NULL) AS here,
            count(*) FILTER (WHERE p.k IS NULL AND r.first_id IS NOT NULL) AS elsewhere,
            count(*) FILTER (WHERE p.k IS NULL AND r.first_id IS NULL) AS orphans,
            ${lowestIds(`c.${key}`)} FILTER (WHERE p.k IS NULL AND r.first_id IS NULL) AS ids
     FROM ${quotedIdentifier(definition.name)} c
     LEFT JOIN ${parentKeys} p ON c.${fk} = p.k
     LEFT JOIN ${ranges} r ON c.${fk} BETWEEN r.first_id AND r.last_id`,
  );
  const [toHere, toElsewhere, orphans] = [num(counts.here), num(counts.elsewhere), num(counts.orphans)];
  const what = here ? `rows reference a ${parent.table} row that does not exist` : `rows reference IDs the metadata never gave ${parent.table}`;
  let fine = 'every reference resolves';
  if (!here) fine = `every reference is a ${parent.table} ID the metadata holds (its files are not here)`;
  else if (elsewhere && elsewhere.length > 0) fine = `every reference resolves: ${toHere} to ${parent.table} rows here, ${toElsewhere} to ${parent.table} IDs of runs whose files are elsewhere (by the metadata)`;
  checks.push(orphans === 0 ? { check, result: 'ok', detail: fine } : violation(check, orphans, what, definition.primaryKey, idsOf(counts.ids)));
}

/** A unique column's repeated values among `rows` (a relation); the rows holding them are found only when there are some. */
async function checkUnique(scope: TableScope, definition: TableDefinition, column: string, rows: string, check: string, checks: VerifyCheck[]): Promise<void> {
  const [c, key] = [quotedIdentifier(column), quotedIdentifier(definition.primaryKey)];
  const dup = num((await one(scope.connection, `SELECT count(${c}) - count(DISTINCT ${c}) AS n FROM ${rows}`)).n);
  if (dup === 0) {
    checks.push({ check, result: 'ok', detail: 'no value twice' });
    return;
  }
  const repeated = `(SELECT ${c} FROM ${rows} GROUP BY ${c} HAVING count(*) > 1)`;
  const found = offending(await one(scope.connection, `SELECT ${lowestIds(key)} AS ids, count(*) AS listed FROM ${rows} WHERE ${c} IN ${repeated}`));
  checks.push(violation(check, dup, `repeated values, in ${found.listed} rows`, definition.primaryKey, found.ids, found.listed));
}

/** The rows a check applies to, as a relation, with the columns their files have. */
interface ScopeRows {
  readonly relation: string;
  readonly columns: ReadonlySet<string>;
}

/**
 * The rows of `rows` for a check named `check` of `column`, or the check skipped, saying why: none of their files is
 * readable here (each such file is a violation already), or none has the column.
 */
type UsableRows = (rows: RowScope, column: string | undefined, check: string) => Promise<ScopeRows | VerifyCheck>;

function usableRows(scope: TableScope, table: string): UsableRows {
  const found = new Map<string, Promise<ScopeRows | undefined>>();
  const rowsOf = async (rows: RowScope): Promise<ScopeRows | undefined> => {
    const relation = scope.relationOf(table, rows.versions);
    if (relation === undefined) return undefined;
    const reader = await scope.connection.runAndReadAll(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${relation})`);
    return { relation, columns: new Set(reader.getRowObjectsJson().map((row) => String(row.column_name))) };
  };
  return async (rows, column, check) => {
    let known = found.get(rows.label);
    if (!known) found.set(rows.label, (known = rowsOf(rows)));
    const usable = await known;
    if (!usable) return { check, result: 'skipped', detail: 'none of their files is readable here' };
    if (column !== undefined && !usable.columns.has(column)) return { check, result: 'skipped', detail: `no file of them has a column ${column}` };
    return usable;
  };
}

/** The value checks, each over the rows of its versions, reported in the order given. */
async function checkScopedValues(scope: TableScope, definition: TableDefinition, wanted: readonly ColumnCheck[], usable: UsableRows, checks: VerifyCheck[]): Promise<void> {
  const results = new Map<ColumnCheck, VerifyCheck>();
  const groups = new Map<string, { rows: ScopeRows; checks: ColumnCheck[] }>();
  for (const check of wanted) {
    const name = `${definition.name}.${check.column}${check.scope.label}`;
    const rows = await usable(check.scope, check.column, name);
    if (!('relation' in rows)) {
      results.set(check, rows);
      continue;
    }
    const group = groups.get(check.scope.label) ?? { rows, checks: [] };
    groups.set(check.scope.label, group);
    group.checks.push(check);
  }
  for (const group of groups.values()) {
    const made: VerifyCheck[] = [];
    await checkValues(scope.connection, definition, scope.runsOf(definition.name), made, group.checks, group.rows.relation);
    group.checks.forEach((check, i) => {
      const result = made[i];
      if (result) results.set(check, result);
    });
  }
  for (const check of wanted) {
    const result = results.get(check);
    if (result) checks.push(result);
  }
}

/** The view of a table's rows with the original tool's (verify.ts): what other tables' rules read as the table. */
export function withLegacyRows(table: string): string {
  return `${table} with the original tool's`;
}

/** Every check of a table whose files are here; returns its row count. */
export async function checkTable(scope: TableScope, definition: TableDefinition, checks: VerifyCheck[]): Promise<number> {
  const rows = definition.children
    ? await checkChildKey(scope.connection, definition, definition.children, scope.hereIds(definition.name), (name, ranges) => rangeTable(scope.connection, name, ranges), checks)
    : await checkPrimaryKey(scope, definition, checks);
  const wanted = tableChecks(definition, scope.versionsOf(definition.name), scope.versionRunsOf(definition.name));
  const usable = usableRows(scope, definition.name);
  for (const { column, scope: within } of wanted.unique) {
    const check = `${definition.name}.${column} unique${within.label}`;
    const found = await usable(within, column, check);
    if ('relation' in found) await checkUnique(scope, definition, column, found.relation, check, checks);
    else checks.push(found);
  }
  for (const parent of definition.parents) await checkReference(scope, definition, parent, checks);
  await checkScopedValues(scope, definition, wanted.values, usable, checks);
  const legacy = scope.withLegacy ?? new Set<string>();
  const relation = (table: string) => quotedIdentifier(table !== definition.name && legacy.has(table) ? withLegacyRows(table) : table);
  for (const { rule, scope: within } of wanted.rules) {
    const missing = (rule.reads ?? []).filter((other) => !scope.present.has(other) && !legacy.has(other));
    const check = `${definition.name}: ${rule.description}${within.label}`;
    if (missing.length) {
      checks.push({ check, result: 'skipped', detail: `needs ${missing.join(', ')} files here` });
      continue;
    }
    const found = await usable(within, undefined, check);
    if (!('relation' in found)) checks.push(found);
    else checks.push(await checkRule(scope.connection, definition, rule, scope.originOf(definition.name), relation, within.versions ? { relation: found.relation, label: within.label } : undefined));
  }
  for (const note of wanted.notes) checks.push(note);
  return rows;
}
