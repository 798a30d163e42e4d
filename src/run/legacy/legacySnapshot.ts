/**
 * Reads the original tool's files of a table with DuckDB and writes what children need of its rows as the snapshot
 * kept beside the metadata (legacyTable.ts says which columns): each row's ID, creation time (to the second, rounded
 * up, so nothing made after it precedes it), group and values, numbered by group, then creation time, then ID.
 * The files are checked first, strictly: a column missing or of another type, a row without a key, a key twice or
 * one the metadata does not give the tool, a value that cannot be copied: one line, naming the file. A row that only
 * lacks a value children need (no creation time, a country synthgen does not model) is left out, and counted.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { firstLineOf as firstLine } from '../../errors/thrownValue.js';
import { UserError } from '../../errors/userError.js';
import { type LegacyKind, type LegacyTableSpec, describeKinds, isKind } from '../../model/legacy/legacyTable.js';
import { quotedIdentifier as q, quotedString } from '../../model/sql.js';
import { queryRow } from '../../workers/queryRow.js';
import type { Flag, LegacyFile } from './legacyFiles.js';

export interface SnapshotRows {
  readonly rows: number;
  /** Rows left out, and what they lack. */
  readonly left: readonly { readonly rows: number; readonly lacking: string }[];
}

/** What the files must hold, as a line says it. */
function describeColumns(spec: LegacyTableSpec): string {
  const alternatives = (columns: readonly string[]) => columns.join(' or ');
  const needed = [`${spec.key} (${describeKinds(['integer'])})`, `${alternatives(spec.created)} (${describeKinds(['time'])})`];
  if (spec.group) needed.push(`${alternatives(spec.group.columns)} (${describeKinds(['text'])})`);
  for (const value of spec.values.filter((v) => v.required)) needed.push(`${alternatives(value.columns)} (${describeKinds(value.kinds)})`);
  return needed.join(', ');
}

/** Checks one file's columns; returns those synthgen reads that it has (lower case). */
async function checkColumns(connection: DuckDBConnection, spec: LegacyTableSpec, file: LegacyFile): Promise<Set<string>> {
  let described: Record<string, unknown>[];
  try {
    described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quotedString(file.path)})`)).getRowObjectsJson() as Record<string, unknown>[];
  } catch (error: unknown) {
    throw new UserError(`${spec.table} file ${file.name} cannot be read as Parquet (${firstLine(error)}): give the original tool's Parquet files`);
  }
  const types = new Map(described.map((row) => [String(row.column_name).toLowerCase(), String(row.column_type)]));
  const wanted: { columns: readonly string[]; kinds: readonly LegacyKind[]; required: boolean }[] = [
    { columns: [spec.key], kinds: ['integer'], required: true },
    { columns: spec.created, kinds: ['time'], required: true },
    ...(spec.group ? [{ columns: spec.group.columns, kinds: ['text'] as const, required: true }] : []),
    ...spec.values,
  ];
  const present = new Set<string>();
  for (const { columns, kinds, required } of wanted) {
    const found = columns.filter((column) => types.has(column));
    if (found.length === 0 && required) {
      const also = columns.length > 1 ? ` (nor ${columns.slice(1).join(' or ')})` : '';
      throw new UserError(`${spec.table} file ${file.name} has no ${columns[0] ?? ''} column${also}: synthgen reads ${describeColumns(spec)} of the original tool's ${spec.table}; see docs/moving-over.md`);
    }
    for (const column of found) {
      const type = types.get(column) ?? '';
      if (!isKind(type, kinds)) throw new UserError(`${spec.table} file ${file.name}: column ${column} is ${type}, and synthgen reads it as ${describeKinds(kinds)}`);
      present.add(column);
    }
  }
  return present;
}

/** SQL: a time column as whole epoch seconds, rounded up (integer arithmetic: nanoseconds overflow a DOUBLE's digits). */
function epochSeconds(column: string, type: string): string {
  const ceil = (value: string, per: number) => `-((-(${value})) // ${per})`;
  return type === 'TIMESTAMP_NS' ? ceil(`epoch_ns(${q(column)})`, 1_000_000_000) : ceil(`epoch_us(${q(column)}::TIMESTAMPTZ)`, 1_000_000);
}

/** The rows of every file in one table, with the columns the checks and the snapshot read. */
async function readRows(connection: DuckDBConnection, spec: LegacyTableSpec, files: readonly LegacyFile[], present: ReadonlySet<string>): Promise<void> {
  const all = `read_parquet([${files.map((f) => quotedString(f.path)).join(', ')}], union_by_name = true, filename = '__file')`;
  const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${all}`)).getRowObjectsJson() as Record<string, unknown>[];
  const types = new Map(described.map((row) => [String(row.column_name).toLowerCase(), String(row.column_type)]));
  const created = spec.created.filter((column) => present.has(column)).map((column) => epochSeconds(column, types.get(column) ?? ''));
  const columns = [
    '__file',
    `${q(spec.key)}::HUGEINT AS id`,
    `${created.length === 1 ? created[0] : `coalesce(${created.join(', ')})`} AS created`,
    `${spec.group ? spec.group.sql(present) : '0'} AS grp`,
    ...spec.values.flatMap((value) => {
      const has = value.columns.some((column) => present.has(column));
      const sql = has ? `CAST(${value.sql(present)} AS ${value.type})` : `NULL::${value.type}`;
      const wrong = value.wrong && has ? [`${value.wrong.sql(present)} AS ${q(`__wrong_${value.column}`)}`, `${q(value.columns[0] ?? '')}::VARCHAR AS ${q(`__raw_${value.column}`)}`] : [];
      return [`${sql} AS ${q(value.column)}`, ...wrong];
    }),
  ];
  await connection.run(`CREATE OR REPLACE TEMP TABLE __legacy_read AS SELECT ${columns.join(', ')} FROM ${all}`);
}

/** Refuses rows without a key, keys twice, keys the metadata does not give the tool, and values that cannot be copied. */
async function checkRows(connection: DuckDBConnection, spec: LegacyTableSpec, nameOf: (path: unknown) => string, taken: readonly { first_id: number; last_id: number }[]): Promise<void> {
  const { key, table } = spec;
  const keyless = await queryRow(connection, 'SELECT __file FROM __legacy_read WHERE id IS NULL LIMIT 1');
  if (keyless.__file !== undefined) throw new UserError(`${table} file ${nameOf(keyless.__file)} has a row with no ${key}: every row the original tool wrote has one`);
  const twice = await queryRow(connection, 'SELECT id, min(__file) AS first, max(__file) AS last FROM __legacy_read GROUP BY id HAVING count(*) > 1 ORDER BY id LIMIT 1');
  if (twice.id !== undefined) {
    const where = twice.first === twice.last ? `in ${nameOf(twice.first)}` : `in ${nameOf(twice.first)} and ${nameOf(twice.last)}`;
    throw new UserError(`${key} ${String(twice.id)} occurs more than once ${where}: give each of the original tool's ${table} files once`);
  }
  const ranges = taken.length === 0 ? '(SELECT NULL::BIGINT AS first_id, NULL::BIGINT AS last_id WHERE false)' : `(VALUES ${taken.map((r) => `(${r.first_id}, ${r.last_id})`).join(', ')}) r(first_id, last_id)`;
  const outside = await queryRow(connection, `SELECT id, __file FROM __legacy_read WHERE NOT EXISTS (SELECT 1 FROM ${ranges} WHERE id BETWEEN first_id AND last_id) ORDER BY id LIMIT 1`);
  if (outside.id !== undefined) {
    const recorded = taken.length === 0 ? 'it records none' : `it records IDs ${taken.map((r) => (r.first_id === r.last_id ? `${r.first_id}` : `${r.first_id}-${r.last_id}`)).slice(0, 3).join(', ')}${taken.length > 3 ? ', ...' : ''}`;
    throw new UserError(`${table} file ${nameOf(outside.__file)} holds ${key} ${String(outside.id)}, which the metadata does not record as made by the original tool (${recorded}): pass the files of the dataset this metadata belongs to`);
  }
  for (const value of spec.values) {
    if (!value.wrong) continue;
    const column = q(`__wrong_${value.column}`);
    const exists = await queryRow(connection, `SELECT count(*) AS n FROM (DESCRIBE __legacy_read) WHERE column_name = ${quotedString(`__wrong_${value.column}`)}`);
    if (Number(exists.n) === 0) continue;
    const bad = await queryRow(connection, `SELECT id, __file, ${q(`__raw_${value.column}`)} AS raw FROM __legacy_read WHERE ${column} ORDER BY id LIMIT 1`);
    if (bad.id !== undefined) throw new UserError(`${table} file ${nameOf(bad.__file)}: ${key} ${String(bad.id)} has ${value.columns[0] ?? value.column} ${String(bad.raw)}, which synthgen cannot copy: ${value.wrong.right}`);
  }
}

/** The rows children can reference, and the others counted by what they lack. */
function usable(spec: LegacyTableSpec): { where: string; left: { sql: string; lacking: string }[] } {
  const left = [{ sql: 'created IS NULL', lacking: `a creation time (${spec.created.join(' or ')})` }];
  if (spec.group) left.push({ sql: 'grp IS NULL', lacking: spec.group.lacking });
  for (const value of spec.values.filter((v) => !v.fallback)) left.push({ sql: `${q(value.column)} IS NULL`, lacking: `a ${value.columns[0] ?? value.column}` });
  return { where: left.map((l) => `NOT (${l.sql})`).join(' AND '), left };
}

/** Reads the files, checks them, and writes the snapshot at `path`. */
export async function writeSnapshot(options: {
  readonly connection: DuckDBConnection;
  readonly spec: LegacyTableSpec;
  readonly files: readonly LegacyFile[];
  /** The IDs the metadata gives the tool's rows of the table. */
  readonly taken: readonly { first_id: number; last_id: number }[];
  readonly flag: Flag;
  readonly path: string;
}): Promise<SnapshotRows> {
  const { connection, spec, files } = options;
  const present = new Set<string>();
  for (const file of files) for (const column of await checkColumns(connection, spec, file)) present.add(column);
  const names = new Map(files.map((file) => [file.path, file.name]));
  const nameOf = (path: unknown) => names.get(String(path)) ?? String(path);
  try {
    await readRows(connection, spec, files, present);
    await checkRows(connection, spec, nameOf, options.taken);
    const { where, left } = usable(spec);
    const values = spec.values.map((value) => q(value.column));
    await connection.run(
      `COPY (SELECT row_number() OVER (ORDER BY grp, created, id) AS position, id::BIGINT AS id, created::BIGINT AS created, grp::INTEGER AS grp${values.map((v) => `, ${v}`).join('')}
        FROM __legacy_read WHERE ${where} ORDER BY position) TO ${quotedString(options.path)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    const counts = await queryRow(connection, `SELECT count(*) FILTER (WHERE ${where}) AS rows${left.map((l, i) => `, count(*) FILTER (WHERE ${l.sql}) AS left${i}`).join('')} FROM __legacy_read`);
    return { rows: Number(counts.rows), left: left.map((l, i) => ({ rows: Number(counts[`left${i}`]), lacking: l.lacking })).filter((l) => l.rows > 0) };
  } catch (error: unknown) {
    if (error instanceof UserError) throw error;
    throw new UserError((w) => `${options.flag(w)}: cannot read the original tool's ${spec.table} files (${firstLine(error)}): give Parquet files the tool wrote`);
  } finally {
    await connection.run('DROP TABLE IF EXISTS __legacy_read').catch(() => undefined);
  }
}
