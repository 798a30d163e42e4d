/** The programmatic API: run the engine without the CLI. */
export { UserError } from './engine/errors.js';
export { DEFAULT_FILE_SIZE_MB, type RunOptions, type RunSummary, type ProgressEvent, runGeneration } from './engine/run.js';
export { loadMetadata, type Metadata } from './engine/metadata.js';
export { partQuery } from './engine/partQuery.js';
export { TABLES, tableNamed } from './engine/tables/index.js';
export type { TableDefinition, Column, Field, ParentReference } from './engine/tableDefinition.js';
export { dataDictionary } from './engine/dataDictionary.js';
