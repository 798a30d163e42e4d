/** The programmatic API: run the engine without the CLI. */
export { UserError } from './errors/userError.js';
export { DEFAULT_FILE_SIZE_MB, type RunOptions, type RunSummary, type ProgressEvent, runGeneration } from './run/runGeneration.js';
export { loadMetadata, type Metadata } from './state/metadata.js';
export { partQuery, compileTable } from './schema/compileTable.js';
export { TABLES, tableNamed } from './tables/index.js';
export type { TableDefinition, Column, Field, ParentReference } from './schema/tableDefinition.js';
export { dataDictionary } from './schema/dataDictionary.js';
