/** The run a stopped or refused run's error points at (errors/resumableRunError.ts). */
import type { StoppedRun } from '../errors/resumableRunError.js';

/** `metadataPath` as the caller named it; `sources` the files that define the run's tables. */
export function stoppedRun(runId: string, metadataPath: string, sources: { readonly modules: readonly string[]; readonly schemas: readonly string[] }): StoppedRun {
  return { runId, metadataPath, modules: sources.modules, schemas: sources.schemas };
}
