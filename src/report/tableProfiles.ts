/**
 * The report's pages for tables other than the built-in ones (a schema file's, a module's): from the Parquet files
 * alone, so no definition is needed. Per table: its rows by month of its first time column, and a profile of every
 * column (DuckDB's SUMMARIZE: type, nulls, range, quartiles) with the most common values of the few-valued ones.
 */
import { quotedIdentifier } from '../model/sql.js';
import type { ColumnProfile, TableDescription, TableProfile } from './reportData.js';
import { type ReportDatabase, type Row, numberOf } from './reportDatabase.js';

/** Text and boolean columns of at most this many distinct values get their most common values listed. */
const FEW_VALUES = 50;
const TOP_VALUES = 5;
const TIME_TYPES = /^(TIMESTAMP|DATE)/;

function text(value: Row[string] | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** SUMMARIZE's figures come as DECIMAL, DOUBLE or text by column type: a number where there is one. */
function figure(value: Row[string] | undefined): number | null {
  const parsed = value === null || value === undefined ? Number.NaN : Number(String(value));
  return Number.isFinite(parsed) ? parsed : null;
}

async function topValues(db: ReportDatabase, table: string, column: string, rows: number): Promise<ColumnProfile['top']> {
  const name = quotedIdentifier(column);
  const found = await db.rows(`SELECT ${name}::VARCHAR AS value, count(*) AS n FROM ${quotedIdentifier(table)} WHERE ${name} IS NOT NULL GROUP BY 1 ORDER BY n DESC, value LIMIT ${TOP_VALUES + 1}`);
  // More values than the approximate count said: not a few-valued column after all.
  if (found.length > TOP_VALUES && (await db.rows(`SELECT count(DISTINCT ${name}) > ${FEW_VALUES} AS many FROM ${quotedIdentifier(table)}`))[0]?.many === true) return [];
  return found.slice(0, TOP_VALUES).map((row) => ({ value: String(row.value), share: rows > 0 ? numberOf(row.n) / rows : 0 }));
}

async function columnProfiles(db: ReportDatabase, table: string, rows: number, described: TableDescription | undefined): Promise<ColumnProfile[]> {
  const summary = await db.rows(`SUMMARIZE SELECT * FROM ${quotedIdentifier(table)}`);
  const profiles: ColumnProfile[] = [];
  for (const row of summary) {
    const name = String(row.column_name);
    const type = String(row.column_type);
    const distinct = numberOf(row.approx_unique);
    const fewValued = /^(VARCHAR|BOOLEAN)$/.test(type) && distinct <= FEW_VALUES;
    profiles.push({
      name,
      description: described?.columns.find((c) => c.name === name)?.description ?? null,
      type,
      nullShare: (figure(row.null_percentage) ?? 0) / 100,
      approxDistinct: distinct,
      min: text(row.min),
      max: text(row.max),
      mean: figure(row.avg),
      quartiles: row.q50 === null || row.q50 === undefined ? null : [text(row.q25) ?? '', text(row.q50) ?? '', text(row.q75) ?? ''],
      top: fewValued ? await topValues(db, table, name, rows) : [],
    });
  }
  return profiles;
}

async function rowsByMonth(db: ReportDatabase, table: string, columns: readonly ColumnProfile[]): Promise<TableProfile['byMonth']> {
  const time = columns.find((c) => TIME_TYPES.test(c.type));
  if (!time) return null;
  const name = quotedIdentifier(time.name);
  const months = await db.rows(`SELECT strftime(date_trunc('month', ${name}), '%Y-%m') AS month, count(*) AS n FROM ${quotedIdentifier(table)} WHERE ${name} IS NOT NULL GROUP BY 1 ORDER BY 1`);
  return { column: time.name, months: months.map((m) => ({ month: String(m.month), rows: numberOf(m.n) })) };
}

/** The profiles of the dataset's tables that are not built-in, by name, with what `described` says of them. */
export async function tableProfiles(db: ReportDatabase, described: readonly TableDescription[]): Promise<TableProfile[]> {
  const profiles: TableProfile[] = [];
  for (const table of db.ownTables) {
    const summary = db.summaryOf(table);
    const definition = described.find((d) => d.name === table);
    const columns = await columnProfiles(db, table, summary.rows, definition);
    const byMonth = await rowsByMonth(db, table, columns);
    profiles.push({ name: table, description: definition?.description ?? null, rows: summary.rows, files: summary.files, byMonth, columns });
  }
  return profiles;
}
