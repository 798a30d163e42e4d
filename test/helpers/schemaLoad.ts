/**
 * Schema files loaded in this process as `--schema` loads them (cli/tableModules.ts: loadSchemaTables with the
 * built-in tables and pools, the disk cache the environment names, the original tool's tables, and the versions the
 * dataset's metadata records), for tests of what a wrong file is told without a spawned CLI (~2 s of start-up each;
 * the load itself costs ~0.5 s). What the CLI adds, `synthgen: ` before the message and exit code 2, is a UserError's
 * rendering: a test that checks it spawns the CLI for a case or two.
 */
import { homedir } from 'node:os';
import { BUILTIN_POOLS, UserError, builtinEntries, loadMetadata, loadSchemaTables, type SchemaTables } from '../../dist/src/index.js';
import { cacheFromEnvironment } from '../../dist/src/state/cache.js';
import { LEGACY_TABLES } from '../../dist/src/tables/legacy/legacyColumns.js';

/** The files' tables, with the versions the metadata at `metadataPath` (if any) gives them. */
export async function loadSchema(files: readonly string[], metadataPath?: string): Promise<SchemaTables> {
  const states = metadataPath === undefined ? {} : (await loadMetadata(metadataPath)).metadata.tables;
  return loadSchemaTables(files, states, builtinEntries(), BUILTIN_POOLS, cacheFromEnvironment(process.env, homedir()), LEGACY_TABLES);
}

/** The message of the UserError loading the files throws; fails if they load, or if it throws anything else. */
export async function schemaProblem(files: readonly string[], metadataPath?: string): Promise<string> {
  const loaded = await loadSchema(files, metadataPath).catch((error: unknown) => {
    if (error instanceof UserError) return error.message;
    throw error;
  });
  if (typeof loaded === 'string') return loaded;
  throw new Error(`${files.join(', ')} loaded (tables ${loaded.registry.names.join(', ')}) where a refusal was expected`);
}
