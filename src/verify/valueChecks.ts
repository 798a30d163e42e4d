/**
 * Checks of each value against what its column declares (tableDefinition.ts), as of the version that made its row
 * (versionScopes.ts): a DATE or TIMESTAMP is not after the as-of of the run that made its row, unless the column
 * says it may be (a promised date); a bounded number lies within its minimum and maximum. One scan of the table
 * answers every column's checks.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quotedIdentifier, quotedString } from '../model/sql.js';
import type { TableDefinition } from '../model/tableDefinition.js';
import { type ColumnCheck, describeBounds, tableChecks } from './versionScopes.js';
import { idsOf, lowestIds, violation } from './offendingIds.js';
import { queryRow } from '../workers/queryRow.js';
import type { VerifyCheck } from './verifyReport.js';

/** One run's IDs of a table and its as-of: which rows a time is compared with which as-of. */
export interface RunAsOf {
  readonly first_id: number;
  readonly last_id: number;
  readonly as_of: string;
}

/** Above this many runs the as-of is found by a range join against a table of them, else by a CASE tree inline. */
const INLINE_RUNS = 64;
const AS_OF = '__run_as_of';

interface ValueCheck {
  readonly check: string;
  /** SQL over the row (and its run's as-of) that is true when the value breaks the check. */
  readonly broken: string;
  readonly what: string;
  readonly fine: string;
}

/** Each check as SQL over the row (a check of some versions is given those versions' rows alone: versionScopes.ts). */
function valueChecks(table: string, wanted: readonly ColumnCheck[]): ValueCheck[] {
  return wanted.map((check) => {
    const c = quotedIdentifier(check.column);
    const name = `${table}.${check.column}`;
    if (check.kind === 'as-of') {
      return { check: `${name} not after as-of${check.scope.label}`, broken: `${c} > ${AS_OF}`, what: "rows are after their run's as-of", fine: "no value after its run's as-of" };
    }
    const range = describeBounds(check.low, check.high);
    const broken = [check.low === null ? '' : `${c} < ${check.low}`, check.high === null ? '' : `${c} > ${check.high}`].filter((s) => s).join(' OR ');
    return { check: `${name} ${range}${check.scope.label}`, broken, what: `rows are not ${range}`, fine: `every value ${range}` };
  });
}

/** The runs as sorted, disjoint ranges (an overlap, which the key checks report, goes to the earlier run). */
function disjoint(runs: readonly RunAsOf[]): RunAsOf[] {
  const sorted = [...runs].sort((a, b) => a.first_id - b.first_id || a.last_id - b.last_id);
  const out: RunAsOf[] = [];
  for (const run of sorted) {
    const last = out[out.length - 1];
    const first = last ? Math.max(run.first_id, last.last_id + 1) : run.first_id;
    if (first > run.last_id) continue;
    if (last && last.as_of === run.as_of && first === last.last_id + 1) out[out.length - 1] = { ...last, last_id: run.last_id };
    else out.push({ first_id: first, last_id: run.last_id, as_of: run.as_of });
  }
  return out;
}

const asOfLiteral = (run: RunAsOf) => `TIMESTAMPTZ ${quotedString(run.as_of)}`;

/** SQL for the as-of of the run whose range holds `key` (NULL outside every run): a binary CASE tree. */
function asOfTree(key: string, runs: readonly RunAsOf[], low = 0, high = runs.length - 1): string {
  if (low === high) {
    const run = runs[low];
    return run ? `CASE WHEN ${key} BETWEEN ${run.first_id} AND ${run.last_id} THEN ${asOfLiteral(run)} END` : 'NULL';
  }
  const middle = Math.floor((low + high + 1) / 2);
  return `CASE WHEN ${key} < ${runs[middle]?.first_id ?? 0} THEN ${asOfTree(key, runs, low, middle - 1)} ELSE ${asOfTree(key, runs, middle, high)} END`;
}

/** The rows of `table` (a relation of the table's rows) with their run's as-of beside them, as a relation. */
async function rowsWithAsOf(connection: DuckDBConnection, definition: TableDefinition, runs: readonly RunAsOf[], table: string): Promise<string> {
  const key = quotedIdentifier(definition.primaryKey);
  if (runs.length <= INLINE_RUNS) return `(SELECT *, ${runs.length ? asOfTree(key, runs) : 'NULL::TIMESTAMPTZ'} AS ${AS_OF} FROM ${table})`;
  const ranges = quotedIdentifier(`synthgen_as_of_${definition.name}`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${ranges} (first_id BIGINT, last_id BIGINT, as_of TIMESTAMPTZ)`);
  for (let start = 0; start < runs.length; start += 1000) {
    const values = runs.slice(start, start + 1000).map((r) => `(${r.first_id}, ${r.last_id}, ${asOfLiteral(r)})`);
    await connection.run(`INSERT INTO ${ranges} VALUES ${values.join(', ')}`);
  }
  return `(SELECT c.*, r.as_of AS ${AS_OF} FROM ${table} c LEFT JOIN ${ranges} r ON c.${key} BETWEEN r.first_id AND r.last_id)`;
}

/**
 * Every value check of a table whose files are here, against the runs (by the manifests here) that made its rows:
 * by default its definition's, over all its rows (the view of its name); else `columns`, over the rows `relation` holds.
 */
export async function checkValues(
  connection: DuckDBConnection,
  definition: TableDefinition,
  runs: readonly RunAsOf[],
  checks: VerifyCheck[],
  columns: readonly ColumnCheck[] = tableChecks(definition, undefined, []).values,
  relation = quotedIdentifier(definition.name),
): Promise<void> {
  const wanted = valueChecks(definition.name, columns);
  if (wanted.length === 0) return;
  const key = quotedIdentifier(definition.primaryKey);
  const ordered = disjoint(runs);
  // Only a check against as-of needs it beside the row; bounds alone read the table as it is.
  const needsAsOf = wanted.some((c) => c.broken.includes(AS_OF));
  const source = needsAsOf ? await rowsWithAsOf(connection, definition, ordered, relation) : relation;
  // Counts first; the offending keys only for the checks that fail, so a clean table is one plain scan.
  const counts = await queryRow(connection, `SELECT ${wanted.map((c, i) => `count(*) FILTER (WHERE ${c.broken}) AS n${i}`).join(', ')} FROM ${source}`);
  const failing = wanted.flatMap((_check, i) => (Number(counts[`n${i}`] ?? 0) > 0 ? [i] : []));
  const ids = failing.length ? await queryRow(connection, `SELECT ${failing.map((i) => `${lowestIds(key)} FILTER (WHERE ${wanted[i]?.broken}) AS k${i}`).join(', ')} FROM ${source}`) : {};
  wanted.forEach((c, i) => {
    const count = Number(counts[`n${i}`] ?? 0);
    checks.push(count === 0 ? { check: c.check, result: 'ok', detail: c.fine } : violation(c.check, count, c.what, definition.primaryKey, idsOf(ids[`k${i}`])));
  });
}
