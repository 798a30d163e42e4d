/**
 * `--tables` and `--schema`: the registry a command works with, the built-in tables and those of the modules and
 * schema files given. A schema file's tables take their versions from the dataset's metadata (schemaFile/).
 */
import { Option } from 'clipanion';
import { UserError } from '../errors/userError.js';
import { loadTableModules } from '../model/loadTableModules.js';
import type { RegisteredTable, TableRegistry } from '../model/registry.js';
import type { ValueCache } from '../model/valueCache.js';
import { homedir } from 'node:os';
import { cacheFromEnvironment } from '../state/cache.js';
import { BUILTIN_TABLES, builtinEntries, tableRegistry } from '../tables/index.js';

export function tablesOption() {
  return Option.Array('--tables', {
    description: 'A JavaScript module whose exports are tables made with defineTable() (see docs/tables-as-code.md); repeat for several',
  });
}

export function schemaOption() {
  return Option.Array('--schema', {
    description: 'A YAML or JSON schema file of your own tables (docs/schema.md; `synthgen init --schema FILE` writes a starter); repeat for several',
  });
}

/** The built-in table names, for help texts. */
export const BUILTIN_NAMES = BUILTIN_TABLES.map((table) => table.name).join(', ');

export interface TableSources {
  readonly modules?: readonly string[] | undefined;
  readonly schemas?: readonly string[] | undefined;
  /** The dataset's metadata, whose records give a schema file's tables their versions. */
  readonly metadataPath?: string;
  /** Told what a schema file's tables do differently this time (a new version). */
  readonly onNotice?: (message: string) => void;
}

/** The registry of the built-in tables, `others` and the schema files' tables, as loadSchemaTables makes it. */
async function schemaRegistry(sources: TableSources & { readonly schemas: readonly string[] }, others: readonly RegisteredTable[]): Promise<TableRegistry> {
  const { schemas } = sources;
  const [{ loadSchemaTables }, { loadMetadata }, { BUILTIN_POOLS }, { LEGACY_TABLES }] = await Promise.all([
    import('../schemaFile/loadSchemaTables.js'),
    import('../state/metadata.js'),
    import('../tables/builtinPools.js'),
    import('../tables/legacy/legacyColumns.js'),
  ]);
  const states = sources.metadataPath === undefined ? {} : (await loadMetadata(sources.metadataPath)).metadata.tables;
  const loaded = await loadSchemaTables(schemas, states, [...builtinEntries(), ...others], BUILTIN_POOLS, doorCache(), LEGACY_TABLES);
  for (const notice of loaded.notices) sources.onNotice?.(notice);
  return loaded.registry;
}

/** The disk cache where the environment says (SYNTHGEN_CACHE, SYNTHGEN_CACHE_DIR, XDG_CACHE_HOME; state/cache.ts). */
function doorCache(): ValueCache {
  return cacheFromEnvironment(process.env, homedir());
}

/** Definitions that cannot be checked alone (a parent, a cycle, a field read) fail here, naming the modules. */
export async function registryFor(sources: TableSources | readonly string[] | undefined): Promise<TableRegistry> {
  const given: TableSources = Array.isArray(sources) ? { modules: sources } : ((sources ?? {}) as TableSources);
  const modules = given.modules ?? [];
  const schemas = given.schemas ?? [];
  const fromModules = modules.length > 0 ? await loadTableModules(modules) : [];
  // The schema files' loader makes the registry of every table (the files' tables take their versions from it).
  if (schemas.length > 0) return schemaRegistry({ ...given, schemas }, fromModules);
  if (fromModules.length === 0) return tableRegistry([], doorCache());
  try {
    return tableRegistry(fromModules, doorCache());
  } catch (error: unknown) {
    if (error instanceof UserError && modules.length > 0) throw new UserError((words) => `${modules.map((m) => words.tablesModule(m)).join(' ')}: ${error.render(words)}`, error.exitCode);
    throw error;
  }
}
