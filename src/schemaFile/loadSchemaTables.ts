/**
 * `--schema saas.yaml`: a schema file's tables as the engine's (compile/), with the versions their rows get in this
 * dataset (schemaVersions.ts). Every problem is one line naming the file, and where the engine finds one in a
 * compiled table (a field that reads an unknown one, a cycle), the line and column of the table or column in the file.
 */
import { resolve } from 'node:path';
import { UserError } from '../errors/userError.js';
import type { Vocabulary } from '../errors/vocabulary.js';
import { type RegisteredTable, TableRegistry } from '../model/registry.js';
import { type SchemaFileOrigin, originSource } from '../records/tableOrigin.js';
import type { PoolDefinition, TableDefinition } from '../model/tableDefinition.js';
import type { ValueCache } from '../model/valueCache.js';
import type { LegacyTableSpec } from '../model/legacy/legacyTable.js';
import type { TableState } from '../state/metadata.js';
import { checkTypes } from './checkTypes.js';
import { compileSchema } from './compile/compileSchema.js';
import { loadSchemaFile } from './format/loadSchemaFile.js';
import { inferSqlTypes } from './inferSqlTypes.js';
import type { SchemaSpec, SourceSpot } from './format/schemaFormat.js';
import { type TableVersion, fingerprints, versionNotice, versionOf } from '../versions/tableVersions.js';
import { checkReadsAcrossVersions, checkRecordedReaders, parentReads } from '../versions/readsAcrossVersions.js';
import { schemaIdentity } from './schemaIdentity.js';
import { checksOf } from './versionChecks.js';

export interface SchemaTables {
  /** The files' tables, each with its origin (the file, and its record: versions and what verify checks). */
  readonly tables: readonly RegisteredTable[];
  /** Every table: `others` and the files', checked together; what a run, verify or report is given. */
  readonly registry: TableRegistry;
  /** What a run should say: tables whose changed columns make a new version. */
  readonly notices: readonly string[];
}

/** `file:line:col` of the table, or of the column, a definition problem names; the first file when none does. */
function spotOf(specs: readonly SchemaSpec[], message: string, words: Vocabulary): string {
  const match = /^table ([a-z0-9_]+)(?:, (?:column|helper|field) ([a-z0-9_]+))?/.exec(message);
  for (const spec of specs) {
    const table = spec.tables.find((t) => t.name === match?.[1]);
    if (!table) continue;
    const at: SourceSpot = table.columns.find((c) => c.name === match?.[2])?.at ?? table.at;
    return `${spec.file}:${at.line}:${at.column}`;
  }
  return specs[0]?.file ?? words.schemaFiles;
}

/** The engine's and the compiler's problems name the table and column, not where they are in the file: this adds it. */
function locate(specs: readonly SchemaSpec[], error: unknown): unknown {
  if (error instanceof UserError && error.message.startsWith('table ')) return new UserError((w) => `${spotOf(specs, error.message, w)}: ${error.render(w)}`, error.exitCode);
  return error;
}

/** Runs a step over the files' tables, turning the engine's definition problems into lines that point into a file. */
function located<T>(specs: readonly SchemaSpec[], step: () => T): T {
  try {
    return step();
  } catch (error: unknown) {
    throw locate(specs, error);
  }
}

function compileAll(specs: readonly SchemaSpec[], others: readonly RegisteredTable[], version: (table: string) => number): TableDefinition[][] {
  const lookup = (name: string) => others.find((t) => t.definition.name === name)?.definition;
  return specs.map((spec) => located([spec], () => compileSchema(spec, { version, lookup })));
}

/**
 * The files' tables. `others` are the tables they may reference (the built-in ones, a module's), `builtinPools` the
 * built-in tables' pools (whose values may be kept in `cache`), `legacy` how the original tool's files of the built-in
 * tables are read; `states` the dataset's tables as its metadata records
 * them (empty without one). The registry is made (checked) once, with every table at version 1, which fingerprints
 * their fields; the one returned is it revised with the versions the records and those fingerprints give (no check
 * reads a version: TableRegistry.revised). The caller passes that one along, and makes no other.
 */
export async function loadSchemaTables(
  files: readonly string[],
  states: Readonly<Record<string, TableState>>,
  others: readonly RegisteredTable[],
  builtinPools: ReadonlySet<PoolDefinition>,
  cache?: ValueCache,
  legacy: Readonly<Record<string, LegacyTableSpec>> = {},
): Promise<SchemaTables> {
  const known = new Map(others.map(({ definition }) => [definition.name, definition.columns.map((c) => c.name)] as const));
  const loaded: SchemaSpec[] = [];
  for (const file of files) loaded.push(await loadSchemaFile(file, known));
  const specs = await inferSqlTypes(loaded, (name) => others.find((t) => t.definition.name === name)?.definition);
  const entriesOf = (compiled: TableDefinition[][], origin: (spec: SchemaSpec, table: string) => SchemaFileOrigin) => {
    const entries: RegisteredTable[] = [...others];
    compiled.forEach((definitions, i) => {
      const spec = specs[i];
      if (spec) for (const definition of definitions) entries.push({ definition, origin: origin(spec, definition.name) });
    });
    return entries;
  };
  // First as version 1, to fingerprint the fields; then with the versions the dataset's records give them.
  const draft = located(specs, () => TableRegistry.create(entriesOf(compileAll(specs, others, () => 1), (spec) => ({ kind: 'schema', path: resolve(spec.file) })), builtinPools, legacy, cache));
  const versions = new Map<string, TableVersion>();
  const notices: string[] = [];
  const where = new Map<string, string>();
  for (const spec of specs) for (const table of spec.tables) where.set(table.name, `${spec.file}:${table.at.line}:${table.at.column}`);
  for (const spec of specs) {
    for (const table of spec.tables) {
      const definition = draft.get(table.name);
      if (!definition) throw new Error(`${table.name} is not compiled`);
      // Fingerprints build the table's pools: a faker column's problem shows there first.
      const prints = await fingerprints(draft, table.name).catch((error: unknown) => Promise.reject(locate([spec], error)));
      const print = { identity: schemaIdentity(table), prints, checks: checksOf(definition) };
      const version = versionOf({ where: where.get(table.name) ?? spec.file, table: table.name, kind: 'schema', packaged: false, declared: 1, print, state: states[table.name] });
      versions.set(table.name, version);
      const notice = versionNotice(table.name, version);
      if (notice) notices.push(notice);
    }
  }
  // Every table of a file or module given that reads a changed field, then those the metadata records as readers.
  for (const name of draft.names) {
    const source = originSource(draft.originOf(name));
    if (source !== undefined) checkReadsAcrossVersions(draft, name, parentReads(draft, name), where.get(name) ?? source, versions, states);
  }
  checkRecordedReaders(new Set(draft.names), (table) => where.get(table) ?? table, versions, states);
  const final = draft.revised(
    entriesOf(compileAll(specs, others, (table) => versions.get(table)?.version ?? 1), (spec, table) => {
      const record = versions.get(table)?.record;
      return { kind: 'schema', path: resolve(spec.file), ...(record ? { record } : {}) };
    }),
  );
  await checkTypes(specs, final);
  const mine = new Set(specs.flatMap((spec) => spec.tables.map((t) => t.name)));
  const tables = final.names.flatMap((name): RegisteredTable[] => {
    const definition = final.get(name);
    return mine.has(name) && definition ? [{ definition, origin: final.originOf(name) }] : [];
  });
  return { tables, registry: final, notices };
}
