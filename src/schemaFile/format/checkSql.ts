/**
 * A schema file's SQL, read by DuckDB's own parser (json_serialize_sql), before anything runs: a `sql` column or a
 * rule is one expression that parses; the names it reads are the row's columns, or its parents' by alias; and it
 * calls only functions DuckDB declares consistent (functionCatalog.ts), nothing that would make a row differ from
 * run to run (random(), now(), current_query(), ...) or read other tables.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { MAX_VALUE_CHARS } from '../compile/generators/fakerLimits.js';
import { FunctionCatalog, type Verdict } from './functionCatalog.js';
import type { Fail } from './sourceMap.js';
import { didYouMean } from './nearest.js';
import type { ColumnSpec, SchemaSpec, TableSpec } from './schemaFormat.js';

interface Node {
  readonly [key: string]: unknown;
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

/** Every expression node of a parsed tree, with the lambda parameters in scope. */
function* walk(value: unknown, bound: readonly string[] = []): Generator<{ node: Node; bound: readonly string[] }> {
  if (Array.isArray(value)) {
    for (const item of value) yield* walk(item, bound);
    return;
  }
  if (!isNode(value)) return;
  if (value['class'] === 'LAMBDA') {
    const parameters = [...walk(value['lhs'])].flatMap(({ node }) => (node['class'] === 'COLUMN_REF' ? [String((node['column_names'] as string[])[0])] : []));
    yield* walk(value['expr'], [...bound, ...parameters]);
    return;
  }
  if (typeof value['class'] === 'string') yield { node: value, bound };
  for (const child of Object.values(value)) yield* walk(child, bound);
}

/** The one expression of `SELECT <expression>`, or why it is not one. */
async function parse(connection: DuckDBConnection, expression: string): Promise<{ tree: unknown } | { problem: string }> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS tree', [`SELECT ${expression}`]);
  const tree = JSON.parse(String(reader.getRowObjects()[0]?.['tree'])) as { error: boolean; error_message?: string; statements?: { node: Node }[] };
  if (tree.error) return { problem: `does not parse: ${(tree.error_message ?? '').split('\n')[0] ?? ''}`.replace(/[\s:]+$/, '') };
  const [statement, more] = tree.statements ?? [];
  const node = statement?.node;
  const list = node?.['select_list'];
  const extra = node && (node['where_clause'] !== null || (node['from_table'] as Node | undefined)?.['type'] !== 'EMPTY' || (node['modifiers'] as unknown[]).length > 0 || (node['group_expressions'] as unknown[]).length > 0);
  if (!node || more || !Array.isArray(list) || list.length !== 1 || extra || node['type'] !== 'SELECT_NODE') return { problem: 'is one SQL expression over the row, not a query or a list' };
  return { tree: list[0] };
}

/** Why a call of `name` is refused, or undefined when DuckDB declares it consistent (or does not know it: binding says so). */
function refusedCall(name: string, verdict: Verdict): string | undefined {
  switch (verdict) {
    case 'consistent':
    case 'unknown':
      return undefined;
    case 'aggregate':
      return `calls ${name}(), an aggregate: an expression reads one row (a parent sums its children with aggregate: { sum: ... })`;
    case 'table':
      return `calls ${name}(), which is not a scalar function: an expression reads only the row and its parents`;
    case 'varies':
      return `calls ${name}(), which differs from run to run (DuckDB does not declare it consistent, the same result for the same arguments): use a generator (choice, double, timestamp, ...) for randomness, and as_of-relative times for now`;
  }
}

/** Functions whose arguments set the size of the value they make: a string's length, a list's. */
const SIZED: Readonly<Record<string, (args: readonly (number | undefined)[]) => number | undefined>> = {
  repeat: (args) => args[1],
  lpad: (args) => args[1],
  rpad: (args) => args[1],
  list_resize: (args) => args[1],
  array_resize: (args) => args[1],
  range: (args) => (args.length === 1 ? args[0] : args[0] !== undefined && args[1] !== undefined ? Math.abs(args[1] - args[0]) / Math.abs(args[2] ?? 1) : undefined),
  generate_series: (args) => (args.length === 1 ? args[0] : args[0] !== undefined && args[1] !== undefined ? Math.abs(args[1] - args[0]) / Math.abs(args[2] ?? 1) : undefined),
};

/** A call that makes a value larger than one may be (repeat('x', 1e9) ran a worker out of memory), from its constant arguments. */
function oversized(node: Node): string | undefined {
  const name = String(node['function_name']).toLowerCase();
  const size = SIZED[name];
  if (!size) return undefined;
  const args = (node['children'] as Node[] | undefined ?? []).map((child) => {
    const value = child['class'] === 'CONSTANT' ? (child['value'] as { value?: unknown } | undefined)?.value : undefined;
    return typeof value === 'number' ? value : undefined;
  });
  const made = size(args);
  return made !== undefined && made > MAX_VALUE_CHARS ? `calls ${name}() for a value of ${made.toLocaleString('en-US')} characters or items: a value holds at most ${MAX_VALUE_CHARS.toLocaleString('en-US')}` : undefined;
}

interface Context {
  readonly spec: SchemaSpec;
  readonly known: ReadonlyMap<string, readonly string[]>;
  readonly catalog: FunctionCatalog;
}

async function checkTree(tree: unknown, table: TableSpec, context: Context): Promise<string | undefined> {
  const own = table.columns.map((c) => c.name);
  const refs = table.columns.filter((c): c is ColumnSpec & { generator: 'ref' } => c.generator === 'ref');
  const aliasOf = (c: ColumnSpec & { generator: 'ref' }) => (typeof c.options !== 'string' && c.options.as !== undefined ? c.options.as : c.name.endsWith('_id') ? c.name.slice(0, -3) : c.name);
  for (const { node, bound } of walk(tree)) {
    const kind = node['class'];
    if (kind === 'SUBQUERY') return 'reads a subquery: an expression reads only the row and its parents (alias.column)';
    if (kind === 'WINDOW') return 'uses a window function: an expression reads only its own row';
    if (kind === 'FUNCTION') {
      const large = oversized(node);
      if (large !== undefined) return large;
      const name = String(node['function_name']);
      const refused = refusedCall(name, await context.catalog.verdict(name));
      if (refused !== undefined) return refused;
    }
    if (kind !== 'COLUMN_REF') continue;
    const names = (node['column_names'] as string[]).map(String);
    const [first = '', second] = names;
    if (names.length === 1 || first === table.name) {
      const name = second ?? first;
      // A bare name that is no column but a function (current_date, current_timestamp) is DuckDB calling it.
      if (names.length === 1 && !own.includes(name) && !bound.includes(name) && context.catalog.has(name)) {
        const call = refusedCall(name, await context.catalog.verdict(name));
        if (call !== undefined) return call;
        continue;
      }
      if (!own.includes(name) && !bound.includes(name)) return `reads ${name}, which is not a column of ${table.name}${didYouMean(name, own)}`;
      continue;
    }
    const ref = refs.find((c) => aliasOf(c) === first);
    if (!ref) return `reads ${first}.${second}, but ${first} is not the alias of one of its refs${didYouMean(first, refs.map(aliasOf))}`;
    const parent = typeof ref.options === 'string' ? ref.options : ref.options.table;
    const columns = context.spec.tables.find((t) => t.name === parent)?.columns.map((c) => c.name) ?? context.known.get(parent) ?? [];
    if (second !== undefined && !columns.includes(second)) return `reads ${first}.${second}, but ${parent} has no column ${second}${didYouMean(second, [...columns])}`;
  }
  return undefined;
}

export async function checkSql(spec: SchemaSpec, known: ReadonlyMap<string, readonly string[]>, connection: DuckDBConnection, fail: Fail): Promise<void> {
  const expressions = spec.tables.flatMap((table) => [
    ...table.columns.flatMap((c) => (c.generator === 'sql' ? [{ table, sql: c.options, path: ['tables', table.name, 'columns', c.name, 'sql'], what: 'the sql' }] : [])),
    ...(table.rules ?? []).map((rule, i) => ({ table, sql: rule.check, path: ['tables', table.name, 'rules', i, 'check'], what: `the rule "${rule.name}"` })),
  ]);
  if (expressions.length === 0) return;
  const context: Context = { spec, known, catalog: await FunctionCatalog.load(connection) };
  const reserved = await reservedWords(connection);
  for (const { table, sql, path, what } of expressions) {
    const parsed = await parse(connection, sql);
    const problem = 'problem' in parsed ? `${parsed.problem}${quoteHint(sql, table, reserved)}` : await checkTree(parsed.tree, table, context);
    if (problem !== undefined) fail(path, `${what} ${problem}`);
  }
}

/** The words DuckDB's parser reserves: a column named one (order, select, group) must be quoted in SQL. */
async function reservedWords(connection: DuckDBConnection): Promise<ReadonlySet<string>> {
  const reader = await connection.runAndReadAll(`SELECT keyword_name AS word FROM duckdb_keywords() WHERE keyword_category = 'reserved'`);
  return new Set(reader.getRowObjects().map((row) => String(row['word']).toLowerCase()));
}

/** For SQL that does not parse: a column of the table named with a reserved word, written bare, and how to write it. */
function quoteHint(sql: string, table: TableSpec, reserved: ReadonlySet<string>): string {
  const unquoted = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, ' ');
  const word = table.columns.map((c) => c.name).find((name) => reserved.has(name) && new RegExp(`(^|[^A-Za-z0-9_."])${name}($|[^A-Za-z0-9_"])`, 'i').test(unquoted));
  return word === undefined ? '' : ` (${word} is a reserved word of SQL: write the column in double quotes, "${word}")`;
}
