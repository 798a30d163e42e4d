/** The run a stopped or refused run's error points at (errors/resumableRunError.ts). */
import type { StoppedRun } from '../errors/resumableRunError.js';

/** Where a table's definition comes from, as the registry or the metadata records it. */
export interface DefinedBy {
  readonly module: string;
  readonly schema?: unknown;
}

/** The modules and schema files that define tables of these origins, each once, in the order given. */
export function sourcesOf(origins: readonly DefinedBy[]): { readonly modules: string[]; readonly schemas: string[] } {
  const modules = new Set(origins.flatMap((o) => (o.schema === undefined ? [o.module] : [])));
  const schemas = new Set(origins.flatMap((o) => (o.schema === undefined ? [] : [o.module])));
  return { modules: [...modules], schemas: [...schemas] };
}

/** `metadataPath` as the caller named it; `sources` the files that define the run's tables. */
export function stoppedRun(runId: string, metadataPath: string, sources: { readonly modules: readonly string[]; readonly schemas: readonly string[] }): StoppedRun {
  return { runId, metadataPath, modules: sources.modules, schemas: sources.schemas };
}
