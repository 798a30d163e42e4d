/**
 * Reads a schema file (YAML, or JSON, which YAML parses too) into a checked SchemaSpec: the format's zod definitions
 * (schemaFormat.ts) for its shape, checkSchema.ts for what must agree across it (names, keys, references), and
 * checkSql.ts for its SQL. Every problem is one line `file:line:col: where: what is wrong, and what is expected`.
 */
import { readFile, stat } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { errnoCode, reasonOf } from '../../errors/errno.js';
import { UserError, inWords } from '../../errors/userError.js';
import { checkCasts } from './checkCasts.js';
import { checkSchema } from './checkSchema.js';
import { checkSql } from './checkSql.js';
import { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_FILE_BYTES, documentProblem, firstAlias } from './documentLimits.js';
import { withDuckDB } from '../../workers/duckdbApi.js';
import { didYouMean } from './nearest.js';
import { COMMON, COMMON_NAMES, type ColumnSpec, GENERATORS, GENERATOR_NAMES, type GeneratorName, SCHEMA_FILE, type SchemaSpec, type TableSpec } from './schemaFormat.js';
import { type Fail, SourceMap, type ValuePath } from './sourceMap.js';
import { problemOf } from './zodIssues.js';

/** `table accounts, column seats, int.min` for a path into the file. */
function placeOf(path: ValuePath): string {
  const [tables, table, section, name, ...rest] = path.map(String);
  if (tables !== 'tables' || table === undefined) return path.length ? path.map(String).join('.') : 'the file';
  const parts = [`table ${table}`];
  if (section === 'columns' && name !== undefined) parts.push(`column ${name}`);
  else if (section === 'rules' && name !== undefined) parts.push(`rule ${Number(name) + 1}`);
  else if (section !== undefined) parts.push([section, name, ...rest].filter((p) => p !== undefined).join('.'));
  if (section === 'columns' || section === 'rules') if (rest.length) parts.push(rest.join('.'));
  return parts.join(', ');
}

async function readText(file: string): Promise<string> {
  try {
    const { size } = await stat(file);
    if (size > MAX_FILE_BYTES) throw new UserError((w) => `${w.schemaFile(file)}: ${(size / 1e6).toFixed(1)} MB; a schema file is at most ${MAX_FILE_BYTES / 1024 / 1024} MB (describe columns, not data)`);
    return await readFile(file, 'utf8');
  } catch (error: unknown) {
    if (error instanceof UserError) throw error;
    if (errnoCode(error) === 'ENOENT') throw new UserError((w) => `${w.schemaFile(file)}: no such file: check the path, or ${w.starterSchema(file)}`);
    throw new UserError((w) => `${w.schemaFile(file)}: cannot read it (${reasonOf(error)})`);
  }
}

const COMMON_OPTIONS = z.strictObject(COMMON);

function columnOf(table: string, name: string, raw: Record<string, unknown>, map: SourceMap, fail: Fail): ColumnSpec {
  const path = ['tables', table, 'columns', name];
  const keys = Object.keys(raw);
  const valid = [...GENERATOR_NAMES, ...COMMON_NAMES];
  const unknown = keys.find((k) => !(valid as string[]).includes(k));
  if (unknown !== undefined) {
    fail([...path, unknown], `unknown generator or option ${unknown}${didYouMean(unknown, valid)}: a column has one generator (${GENERATOR_NAMES.join(', ')}) and may have ${COMMON_NAMES.join(', ')}`, true);
  }
  const generators = keys.filter((k): k is GeneratorName => (GENERATOR_NAMES as string[]).includes(k));
  const [generator, second] = generators;
  if (generator === undefined) fail(path, `no generator: give it one of ${GENERATOR_NAMES.join(', ')} (docs/schema.md shows each)`);
  if (second !== undefined) fail([...path, second], `two generators (${generators.join(', ')}): a column has exactly one`, true);
  const parsed = GENERATORS[generator].safeParse(raw[generator]);
  if (!parsed.success) {
    const problem = problemOf(GENERATORS[generator], parsed.error.issues, [...path, generator]);
    fail(problem.path, problem.message, problem.key);
  }
  const common = COMMON_OPTIONS.safeParse(Object.fromEntries(COMMON_NAMES.filter((k) => k in raw).map((k) => [k, raw[k]])));
  if (!common.success) {
    const problem = problemOf(COMMON_OPTIONS, common.error.issues, path);
    fail(problem.path, problem.message, problem.key);
  }
  return { name, generator, options: parsed.data, ...common.data, at: map.at(path, true), valueAt: map.at([...path, generator]) } as ColumnSpec;
}

/** The document's values; aliases that expand into far more than the file holds (a YAML "billion laughs") are refused. */
function valuesOf(document: ReturnType<typeof parseDocument>, file: string, map: SourceMap): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error: unknown) {
    if (!(error instanceof ReferenceError)) throw error;
    const at = firstAlias(document, (offset) => map.spotOf(offset));
    throw new UserError(`${file}:${at.line}:${at.column}: its aliases (*name) expand into far more than the file holds: write the values out, or use fewer aliases`);
  }
}

/**
 * The checked schema file. `known` are the tables besides the file's that it may reference, with their columns
 * (the built-in tables, a module's).
 */
export async function loadSchemaFile(file: string, known: ReadonlyMap<string, readonly string[]>): Promise<SchemaSpec> {
  if (!/\.(ya?ml|json)$/i.test(file)) throw new UserError((w) => `${w.schemaFile(file)}: a schema file is YAML (.yaml, .yml) or JSON (.json)`);
  const text = await readText(file);
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const map = new SourceMap(document, lines);
  const fail: Fail = (path, message, key = false) => {
    const at = map.at(path, key);
    throw new UserError((w) => `${file}:${at.line}:${at.column}: ${placeOf(path)}: ${inWords(message, w)}`);
  };
  const [syntax] = document.errors;
  if (syntax) {
    const at = map.spotOf(syntax.pos[0]);
    // yaml reports its own stack running out as a syntax error: the file is nested too deep for it.
    if (/call stack/i.test(syntax.message)) throw new UserError(`${file}:${at.line}:${at.column}: nested more than ${MAX_DEPTH} levels deep: a schema file needs far fewer; flatten it`);
    throw new UserError(`${file}:${at.line}:${at.column}: not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${syntax.message.split('\n')[0] ?? ''}`);
  }
  const limit = documentProblem(document, (offset) => map.spotOf(offset));
  if (limit) throw new UserError(`${file}:${limit.at.line}:${limit.at.column}: ${limit.message}`);
  const parsed = SCHEMA_FILE.safeParse(valuesOf(document, file, map));
  if (!parsed.success) {
    const problem = problemOf(SCHEMA_FILE, parsed.error.issues);
    fail(problem.path, problem.message, problem.key);
  }
  const entries = Object.entries(parsed.data.tables);
  if (entries.length === 0) fail(['tables'], (w) => `no tables: describe at least one (${w.exampleSchema})`);
  const tables = entries.map(([name, options]): TableSpec => {
    const { columns, rules, ...rest } = options;
    if (Object.keys(columns).length === 0) fail(['tables', name, 'columns'], 'no columns: a table has its key and at least one more');
    return {
      ...rest,
      name,
      columns: Object.entries(columns).map(([column, raw]) => columnOf(name, column, raw, map, fail)),
      ...(rules ? { rules: rules.map((rule, i) => ({ ...rule, at: map.at(['tables', name, 'rules', i, 'check']) })) } : {}),
      at: map.at(['tables', name], true),
    };
  });
  const spec: SchemaSpec = { file, ...(parsed.data.locale === undefined ? {} : { locale: parsed.data.locale }), tables };
  checkSchema(spec, known, fail);
  await withDuckDB(async (connection) => {
    await checkCasts(spec, connection, fail);
    await checkSql(spec, known, connection, fail);
  });
  return spec;
}
