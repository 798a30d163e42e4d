/**
 * Where a table's definition comes from, as recorded when it was loaded (never told from a file's name): synthgen's
 * own tables (and any a program hands tableRegistry() without a file), a `--tables` module's, or a `--schema`
 * file's. A run that must load the definitions again (a resume, advice after a failure) names each (originSource).
 */
import type { Vocabulary } from '../errors/vocabulary.js';
import type { VersionRecord } from './versionRecord.js';

/** In the registry a program builds: nothing to load again. */
export interface BuiltinOrigin {
  readonly kind: 'builtin';
}

/** A `--tables` JavaScript module (its absolute path). */
export interface ModuleOrigin {
  readonly kind: 'module';
  readonly path: string;
}

/**
 * A `--schema` file (its absolute path), with its tables' version record as the metadata will keep it (it also holds
 * what verify checks of each version), decided when the file is loaded. The record is absent while the file's tables
 * are first compiled to fingerprint their fields (schemaFile/loadSchemaTables.ts), and when the origin is read back
 * from the metadata (recordedOrigin: there the record is the table's, TableState.versions).
 */
export interface SchemaFileOrigin {
  readonly kind: 'schema';
  readonly path: string;
  readonly record?: VersionRecord;
}

export type TableOrigin = BuiltinOrigin | ModuleOrigin | SchemaFileOrigin;

/** A table defined in a file the user gives (module or schema file). */
export type FileOrigin = ModuleOrigin | SchemaFileOrigin;

export const BUILTIN_ORIGIN: BuiltinOrigin = { kind: 'builtin' };

/** The origin the metadata (or a pending run) records for a table, `{ kind, module }` on disk. */
export function recordedOrigin(recorded: { readonly kind: FileOrigin['kind']; readonly module: string }): FileOrigin {
  return { kind: recorded.kind, path: recorded.module };
}

/**
 * The file that defines a table, in the reader's words (errors/vocabulary.ts): `schema file bank.yaml` to a program,
 * `--schema bank.yaml` to the CLI, which loads it again; none for a built-in one.
 */
export function originSource(origin: TableOrigin): ((words: Vocabulary) => string) | undefined {
  switch (origin.kind) {
    case 'builtin':
      return undefined;
    case 'module':
      return (words) => words.tablesModule(origin.path);
    case 'schema':
      return (words) => words.schemaFile(origin.path);
  }
}

/** The file that defines a table; none for a built-in one. */
export function originPath(origin: TableOrigin): string | undefined {
  return origin.kind === 'builtin' ? undefined : origin.path;
}

/** How a definition problem names where a table comes from. */
export function describeOrigin(origin: TableOrigin): string {
  return origin.kind === 'builtin' ? 'synthgen' : origin.path;
}

/** The --tables modules and --schema files that define tables of these origins, each once, in the order given. */
export function sourcesOf(origins: readonly TableOrigin[]): { readonly modules: string[]; readonly schemas: string[] } {
  const modules = new Set<string>();
  const schemas = new Set<string>();
  for (const origin of origins) {
    if (origin.kind === 'module') modules.add(origin.path);
    else if (origin.kind === 'schema') schemas.add(origin.path);
  }
  return { modules: [...modules], schemas: [...schemas] };
}
