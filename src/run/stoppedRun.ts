/** The run a stopped or refused run's error points at (errors/resumableRunError.ts), from its tables' origins. */
import type { DefinitionSource, StoppedRun } from '../errors/resumableRunError.js';

/** Where a table's definition comes from, as the registry or the metadata records it. */
export interface DefinedBy {
  readonly module: string;
  readonly schema?: unknown;
}

/** `metadataPath` as the caller named it; `origins` those of the run's tables, built-in ones having none. */
export function stoppedRun(runId: string, metadataPath: string, origins: readonly DefinedBy[]): StoppedRun {
  const sources: DefinitionSource[] = origins.map((origin) => ({ kind: origin.schema === undefined ? 'module' : 'schema', file: origin.module }));
  return { runId, metadataPath, sources };
}
