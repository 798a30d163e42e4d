/**
 * The package's API: defining tables of your own (what a `--tables` module imports), and running the engine
 * without the CLI.
 */

// Defining tables.
export { defineTable, definePool } from './model/defineTable.js';
export type { TableDefinition, Column, Field, ParentReference, ParentRow, PoolDefinition, PoolReader, RowContext, Rule } from './model/tableDefinition.js';
export { type RandomSource, uniform, draw20, chance, below, between } from './model/random.js';
export { type Choice, weighted, weightedIndex, labelOf, describeWeights } from './model/columns/weighted.js';
export { MONEY, money, cents } from './model/columns/money.js';
export { MINUTE, HOUR, DAY, YEAR, toTimestamp, toDate, spanOf, createdInIdOrder } from './model/columns/time.js';
export { type Timeline, DEFAULT_HISTORY_YEARS, defaultSince } from './model/time/timeline.js';
export { concat, quotedString, quotedIdentifier, stringList } from './model/sql.js';

// The built-in tables, and the registry a run reads tables from.
export { BUILTIN_TABLES, tableRegistry } from './tables/index.js';
export { TableRegistry, type RegisteredTable, type TableOrigin } from './model/registry.js';
export { DefinitionError } from './model/defineTable.js';
export { loadTableModules } from './model/loadTableModules.js';
export { compileTable, partQuery } from './model/compileTable.js';
export { dataDictionary } from './model/dictionary/dataDictionary.js';

// Running.
export { UserError } from './errors/userError.js';
export { ResumableRunError, type StoppedRun, type NextStep } from './errors/resumableRunError.js';
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
  WorkerPool,
  defaultThreads,
  runGeneration,
} from './run/runGeneration.js';
export type { S3Environment } from './output/s3/upload.js';
export { loadMetadata, type Metadata } from './state/metadata.js';
export { verifyDataset, type VerifyOptions, type VerifyReport } from './verify/verify.js';
