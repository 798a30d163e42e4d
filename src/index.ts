/** The programmatic API: run the engine without the CLI. */
export { UserError } from './errors/userError.js';
export {
  DEFAULT_FILE_SIZE_MB,
  STOP_EXIT_CODES,
  type InterruptEvent,
  type NewRunOptions,
  type NewRunSettings,
  type ProgressEvent,
  type ResumeRunOptions,
  type RunOptions,
  type RunSummary,
  type S3Access,
  type S3RunOptions,
  type StopSignal,
  runGeneration,
} from './run/runGeneration.js';
export { loadMetadata, type Metadata } from './state/metadata.js';
export { partQuery } from './schema/partQuery.js';
export { TABLES, tableNamed } from './tables/index.js';
export type { TableDefinition, Column, Field, ParentReference } from './schema/tableDefinition.js';
export { dataDictionary } from './schema/dataDictionary.js';
