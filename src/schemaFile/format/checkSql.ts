/**
 * A schema file's SQL, read by DuckDB's own parser (json_serialize_sql), before anything runs: a `sql` column or a
 * rule is one expression that parses; the names it reads are the row's columns, or its parents' by alias; and it
 * calls nothing that would make a row differ from run to run (random(), now(), ...) or read other tables.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { Fail } from './loadSchemaFile.js';
import { didYouMean } from './nearest.js';
import type { ColumnSpec, SchemaSpec, TableSpec } from './schemaFormat.js';

/** Functions whose value is not a function of the row: they would break "the same seed gives the same bytes". */
const NONDETERMINISTIC = new Set([
  'random', 'uuid', 'gen_random_uuid', 'uuidv4', 'uuidv7', 'setseed', 'now', 'current_timestamp', 'get_current_timestamp', 'transaction_timestamp',
  'current_date', 'current_time', 'today', 'localtimestamp', 'localtime', 'nextval', 'currval', 'current_localtimestamp', 'current_localtime',
]);

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
async function parse(connection: Awaited<ReturnType<DuckDBInstance['connect']>>, expression: string): Promise<{ tree: unknown } | { problem: string }> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS tree', [`SELECT ${expression}`]);
  const tree = JSON.parse(String(reader.getRowObjects()[0]?.['tree'])) as { error: boolean; error_message?: string; statements?: { node: Node }[] };
  if (tree.error) return { problem: `does not parse: ${(tree.error_message ?? '').split('\n')[0] ?? ''}` };
  const [statement, more] = tree.statements ?? [];
  const node = statement?.node;
  const list = node?.['select_list'];
  const extra = node && (node['where_clause'] !== null || (node['from_table'] as Node | undefined)?.['type'] !== 'EMPTY' || (node['modifiers'] as unknown[]).length > 0 || (node['group_expressions'] as unknown[]).length > 0);
  if (!node || more || !Array.isArray(list) || list.length !== 1 || extra || node['type'] !== 'SELECT_NODE') return { problem: 'is one SQL expression over the row, not a query or a list' };
  return { tree: list[0] };
}

function checkTree(tree: unknown, table: TableSpec, context: { readonly spec: SchemaSpec; readonly known: ReadonlyMap<string, readonly string[]> }): string | undefined {
  const own = table.columns.map((c) => c.name);
  const refs = table.columns.filter((c): c is ColumnSpec & { generator: 'ref' } => c.generator === 'ref');
  const aliasOf = (c: ColumnSpec & { generator: 'ref' }) => (typeof c.options !== 'string' && c.options.as !== undefined ? c.options.as : c.name.endsWith('_id') ? c.name.slice(0, -3) : c.name);
  for (const { node, bound } of walk(tree)) {
    const kind = node['class'];
    if (kind === 'SUBQUERY') return 'reads a subquery: an expression reads only the row and its parents (alias.column)';
    if (kind === 'WINDOW') return 'uses a window function: an expression reads only its own row';
    if (kind === 'FUNCTION' && NONDETERMINISTIC.has(String(node['function_name']).toLowerCase())) {
      return `calls ${String(node['function_name'])}(), which differs from run to run: use a generator (choice, double, timestamp, ...) for randomness, and as_of-relative times for now`;
    }
    if (kind !== 'COLUMN_REF') continue;
    const names = (node['column_names'] as string[]).map(String);
    const [first = '', second] = names;
    if (names.length === 1 || first === table.name) {
      const name = second ?? first;
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

export async function checkSql(spec: SchemaSpec, known: ReadonlyMap<string, readonly string[]>, fail: Fail): Promise<void> {
  const expressions = spec.tables.flatMap((table) => [
    ...table.columns.flatMap((c) => (c.generator === 'sql' ? [{ table, sql: c.options, path: ['tables', table.name, 'columns', c.name, 'sql'], what: 'the sql' }] : [])),
    ...(table.rules ?? []).map((rule, i) => ({ table, sql: rule.check, path: ['tables', table.name, 'rules', i, 'check'], what: `the rule "${rule.name}"` })),
  ]);
  if (expressions.length === 0) return;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const { table, sql, path, what } of expressions) {
      const parsed = await parse(connection, sql);
      const problem = 'problem' in parsed ? parsed.problem : checkTree(parsed.tree, table, { spec, known });
      if (problem !== undefined) fail(path, `${what} ${problem}`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
