/**
 * The package's API: defining tables of your own (what a `--tables` module imports), and running the engine
 * without the CLI.
 */
import { homedir } from 'node:os';
import { tableRegistry as builtinRegistry } from './tables/index.js';
import type { RegisteredTable, TableRegistry } from './model/registry.js';
import { cacheFromEnvironment } from './state/cache.js';
import { type RunOptions, type RunSummary, runGeneration as runEngine } from './run/runGeneration.js';
import { type VerifyOptions as EngineVerifyOptions, type VerifyReport, verifyDataset as verifyEngine } from './verify/verify.js';

// Defining tables.
export { defineTable, definePool } from './model/defineTable.js';
export type { TableDefinition, Column, Field, ParentReference, ParentRow, PoolDefinition, PoolReader, RowContext, Rule } from './model/tableDefinition.js';
export { type RandomSource, uniform, draw20, chance, below, between } from './model/random.js';
export { type Choice, weighted, weightedIndex, labelOf, describeWeights } from './model/columns/weighted.js';
export { MONEY, money, cents } from './model/columns/money.js';
export { MINUTE, HOUR, DAY, YEAR, toTimestamp, toDate, spanOf } from './model/columns/time.js';
export { createdInIdOrder } from './model/time/createdInIdOrder.js';
export { type Timeline, DEFAULT_HISTORY_YEARS, defaultSince } from './model/time/timeline.js';
export { concat, quotedString, quotedIdentifier, stringList } from './model/sql.js';

// The built-in tables, and the registry a run reads tables from.
export { BUILTIN_TABLES, builtinEntries } from './tables/index.js';
export type { ValueCache } from './model/valueCache.js';

/**
 * The registry of the built-in tables and, after them, the given ones (a user's modules). Values computed once (the
 * built-in pools, part sizes) are kept in the disk cache the environment names, as the CLI keeps them.
 */
export function tableRegistry(extra: readonly RegisteredTable[] = []): TableRegistry {
  return builtinRegistry(extra, cacheFromEnvironment(process.env, homedir()));
}
export { TableRegistry, type RegisteredTable } from './model/registry.js';
export type { TableOrigin, BuiltinOrigin, ModuleOrigin, SchemaFileOrigin } from './records/tableOrigin.js';
export { DefinitionError } from './model/defineTable.js';
export { loadTableModules } from './model/loadTableModules.js';
// Schema files (--schema): `loadSchemaTables(files, {}, builtinEntries(), BUILTIN_POOLS)`
// gives their tables and the registry to run them with.
export { loadSchemaTables, type SchemaTables } from './schemaFile/loadSchemaTables.js';
export { BUILTIN_POOLS } from './tables/builtinPools.js';
export { compileTable, partQuery } from './model/compileTable.js';
export { dataDictionary } from './model/dictionary/dataDictionary.js';

// Running.
export { UserError, type Wording } from './errors/userError.js';
// The words messages name settings and next steps in: `message` is in LIBRARY_WORDS, `render(words)` in a caller's own.
export { LIBRARY_WORDS, type Vocabulary } from './errors/vocabulary.js';
// The next steps LIBRARY_WORDS names besides runGeneration(): removing what an interrupted run wrote, listing runs.
export { discardInterruptedRun, type DiscardSummary } from './run/discardRun.js';
export { listRuns, type RunList } from './run/runs/listRuns.js';
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
  type StopSignal,
  WorkerPool,
  defaultThreads,
} from './run/runGeneration.js';
export type { S3Environment, S3RunOptions } from './records/s3Settings.js';
export { loadMetadata, type Metadata } from './state/metadata.js';
export type { VerifyReport } from './verify/verify.js';

/** A run's or a check's options, its registry left out where the built-in tables will do. */
type RegistryOptional<T> = T extends unknown ? Omit<T, 'registry'> & { readonly registry?: TableRegistry } : never;

/** Runs the engine (run/runGeneration.ts); with no registry given, on the built-in tables. */
export function runGeneration(options: RegistryOptional<RunOptions>): Promise<RunSummary> {
  return runEngine({ ...options, registry: options.registry ?? tableRegistry() });
}

export type VerifyOptions = RegistryOptional<EngineVerifyOptions>;

/** Checks a dataset (verify/verify.ts); with no registry given, against the built-in tables. */
export function verifyDataset(options: VerifyOptions): Promise<VerifyReport> {
  return verifyEngine({ ...options, registry: options.registry ?? tableRegistry() });
}
