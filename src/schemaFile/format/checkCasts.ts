/**
 * Every value a column can take fits the type it is written as, checked by DuckDB before a run: a range's ends (int,
 * decimal, double), each choice, a key's IDs, the type a generator writes by default (INTEGER for an int) and every
 * `type` override. A value that does not fit would fail inside a worker, part way through a run; here it is one line
 * at the option that brings it (the max, the type). What a column computes from others (sql, parent, template) is
 * bound by DuckDB later (checkTypes.ts), and its values are checked as they are written.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Fail } from './sourceMap.js';
import { type ColumnSpec, ELEMENT_GENERATORS, GENERATORS, type SchemaSpec, type TableSpec } from './schemaFormat.js';
import type { ValuePath } from './sourceMap.js';

/** Whole numbers are drawn as doubles: beyond this, not every one can come out, and a literal may read as a double. */
export const LARGEST_WHOLE = Number.MAX_SAFE_INTEGER;
/** The largest ID a key or a reference must hold: a table of 2^31 - 1 rows, which an INTEGER key still numbers. */
const LARGEST_ID = 2 ** 31 - 1;

/** A value the column can take: SQL for it in the generator's own type, how to name it, and where it comes from. */
interface Candidate {
  readonly sql: string;
  readonly shown: string;
  readonly what: string;
  /** What to change instead of the type. */
  readonly instead: string;
  readonly path: ValuePath;
  /** A whole number drawn as a double (an int's end). */
  readonly whole?: true;
}

/** What a generator writes unless `type` says otherwise, and the values to check against it and the override. */
interface Values {
  readonly type: string;
  readonly candidates: readonly Candidate[];
}

const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;
const literal = (value: number, type: string) => `CAST(${value} AS ${type})`;
const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** A range's ends, as the generator computes them: whole numbers as BIGINT, others as DOUBLE. */
function ends(options: { readonly min: number; readonly max: number }, at: ValuePath, whole: boolean): Candidate[] {
  return (['min', 'max'] as const).map((end) => {
    const value = whole ? (end === 'min' ? Math.ceil(options.min) : Math.floor(options.max)) : options[end];
    return { sql: literal(value, whole ? 'BIGINT' : 'DOUBLE'), shown: String(options[end]), what: `its ${end}`, instead: end === 'min' ? 'raise min' : 'lower max', path: [...at, end], ...(whole ? { whole: true as const } : {}) };
  });
}

/** The values of a generator with `options` at `at`, or undefined when they come from elsewhere (bound later). */
function valuesOf(generator: string, options: unknown, at: ValuePath, unique: boolean): Values | undefined {
  const o = options as never;
  switch (generator) {
    case 'key':
    case 'ref': {
      const line = options === 'line';
      const type = line ? 'INTEGER' : 'BIGINT';
      return { type, candidates: line ? [] : [{ sql: literal(LARGEST_ID, type), shown: String(LARGEST_ID), what: 'the largest ID it must hold (a table of 2^31 - 1 rows)', instead: 'drop type', path: at }] };
    }
    case 'int':
      return { type: unique ? 'BIGINT' : 'INTEGER', candidates: ends(o, at, true) };
    case 'double':
      return { type: 'DOUBLE', candidates: ends(o, at, false) };
    case 'decimal': {
      const { precision = 12, scale = 2 } = options as { precision?: number; scale?: number };
      const type = `DECIMAL(${precision},${Math.min(scale, precision)})`;
      return { type, candidates: ends(o, at, false).map((c) => ({ ...c, sql: `round(${c.sql}, ${scale})` })) };
    }
    case 'bool':
      return { type: 'BOOLEAN', candidates: [true, false].map((v) => ({ sql: String(v), shown: String(v), what: 'one of its values', instead: 'drop type', path: at })) };
    case 'choice': {
      const values: (string | number | boolean)[] = Array.isArray(options) ? (options as (string | number | boolean)[]) : Object.keys(options as object);
      const type = values.every((v) => typeof v === 'boolean') ? 'BOOLEAN' : values.every((v) => typeof v === 'number') ? (values.every((v) => Number.isInteger(v)) ? 'INTEGER' : 'DOUBLE') : 'VARCHAR';
      const index = (i: number) => (Array.isArray(options) ? [...at, i] : [...at, String(values[i])]);
      return { type, candidates: values.map((v, i) => ({ sql: typeof v === 'string' ? sqlString(v) : String(v), shown: JSON.stringify(v), what: 'one of its values', instead: 'change that value', path: index(i) })) };
    }
    case 'list': {
      const [entry] = Object.entries((options as { of: Record<string, unknown> }).of);
      if (!entry || !(ELEMENT_GENERATORS as readonly string[]).includes(entry[0])) return undefined;
      const parsed = GENERATORS[entry[0] as keyof typeof GENERATORS].safeParse(entry[1]);
      const element = parsed.success ? valuesOf(entry[0], parsed.data, [...at, 'of', entry[0]], false) : undefined;
      return element && { type: `${element.type}[]`, candidates: element.candidates.map((c) => ({ ...c, sql: `[${c.sql}]`, what: `${c.what} (of an element)` })) };
    }
    default:
      return undefined;
  }
}

/** The type's name as DuckDB reads it, or why it is not a type (only `NULL::type` parses as one cast). */
async function typeProblem(connection: DuckDBConnection, type: string): Promise<string | undefined> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS tree', [`SELECT NULL::${type}`]);
  const tree = JSON.parse(String(reader.getRowObjects()[0]?.['tree'])) as { error: boolean; statements?: { node: { select_list?: { class?: string; child?: { class?: string } }[]; from_table?: { type?: string } } }[] };
  const [statement, more] = tree.statements ?? [];
  const [cast, other] = statement?.node.select_list ?? [];
  if (tree.error || more || other || cast?.class !== 'CAST' || cast.child?.class !== 'CONSTANT' || statement?.node.from_table?.type !== 'EMPTY') return 'it does not read as one type';
  return connection.run(`SELECT NULL::${type}`).then(
    () => undefined,
    (error: unknown) => firstLine(error),
  );
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n').find((line) => line.trim() !== '') ?? message).replace(/^[A-Za-z]+ Error: /, '');
}

/** Whether DuckDB casts `sql` to `type` (a value out of its range is NULL with try_cast; a cast it has none for throws). */
async function fits(connection: DuckDBConnection, sql: string, type: string, list: boolean): Promise<boolean> {
  const cast = list ? `(try_cast(${sql} AS ${type}))[1]` : `try_cast(${sql} AS ${type})`;
  return connection.runAndReadAll(`SELECT ${cast} IS NOT NULL AS ok`).then(
    (reader) => reader.getRowObjects()[0]?.['ok'] === true,
    () => false,
  );
}

async function checkColumn(connection: DuckDBConnection, table: TableSpec, column: ColumnSpec, fail: Fail): Promise<void> {
  const at = ['tables', table.name, 'columns', column.name];
  if (column.type !== undefined) {
    const problem = await typeProblem(connection, column.type);
    if (problem !== undefined) fail([...at, 'type'], `${column.type} is not a DuckDB type (${problem}): use INTEGER, BIGINT, DOUBLE, DECIMAL(12,2), VARCHAR, DATE, TIMESTAMPTZ, ...`);
  }
  const values = valuesOf(column.generator, column.options, [...at, column.generator], column.unique === true);
  if (!values) return;
  const list = values.type.endsWith('[]');
  for (const candidate of values.candidates) {
    if (candidate.whole && Math.abs(Number(candidate.shown)) > LARGEST_WHOLE) {
      fail(candidate.path, `${candidate.shown} is beyond the whole numbers an int column draws exactly (-${LARGEST_WHOLE} to ${LARGEST_WHOLE}): ${candidate.instead}`);
    }
    if (column.type === undefined && !(await fits(connection, candidate.sql, values.type, list))) {
      fail(candidate.path, `${candidate.shown} does not fit ${values.type}, the type ${article(column.generator)} ${column.generator} column is written as: ${/INT/.test(values.type) ? 'give type: BIGINT, or ' : ''}${candidate.instead}`);
    }
    if (column.type !== undefined && !(await fits(connection, candidate.sql, column.type, list && column.type.trim().endsWith('[]')))) {
      fail([...at, 'type'], `${column.type} cannot hold ${candidate.shown}, ${candidate.what}: give a type that holds it (${values.type}, or wider), or ${candidate.instead}`);
    }
  }
}

export async function checkCasts(spec: SchemaSpec, connection: DuckDBConnection, fail: Fail): Promise<void> {
  for (const table of spec.tables) {
    for (const column of table.columns) await checkColumn(connection, table, column, fail);
  }
}
