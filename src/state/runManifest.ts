/**
 * A run's manifest: `<out>/_runs/<run-id>.json` (and beside the objects on S3), naming every file the run made with
 * its table, ID range, row count, byte size and SHA-256, and everything needed to make the same files again (tool
 * and generator versions, seed, as-of, arguments). `synthgen verify` checks a dataset against its manifests; the
 * metadata's run record points at it. Written atomically, before the metadata is committed.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { refuseLinkedFolder } from '../files/linkedFolder.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { atomicWrite } from '../files/atomicWrite.js';
import { type ParquetRecord, formatOfRecord, formatRecord, recordProblem } from '../records/parquetFormat.js';

export const MANIFEST_FORMAT = 'synthgen-run-manifest';
export const RUNS_FOLDER = '_runs';

export interface ManifestFile {
  readonly table: string;
  /** Relative to the dataset root (`--out`, or the S3 prefix): `<table>/<file name>`. */
  readonly path: string;
  readonly first_id: number;
  readonly last_id: number;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

export interface RunManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly format_version: 1;
  readonly run_id: string;
  readonly versions: Readonly<Record<string, string>>;
  /** Each table's generator version (changes whenever its values do). */
  readonly table_versions: Readonly<Record<string, number>>;
  readonly seed: number;
  readonly as_of: string;
  /** No finish time: a resumed run writes the same manifest, byte for byte, as the attempt it finishes. */
  readonly started_at: string;
  readonly command: string;
  /** How the run's files are encoded (absent from manifests of releases before it was a choice: ZSTD level 3). */
  readonly parquet?: ParquetRecord;
  readonly arguments: {
    readonly tables: readonly string[];
    readonly rows: Readonly<Record<string, number>>;
    readonly file_size_limit_mb: number;
    readonly s3?: string;
  };
  readonly tables: Readonly<Record<string, ManifestTable>>;
  readonly files: readonly ManifestFile[];
}

/** A table's IDs in the run; for a children table, its parent's IDs, with the lines they have as rows. */
export interface ManifestTable {
  readonly first_id: number;
  readonly last_id: number;
  readonly rows: number;
  /** A children table's parent: its rows come in groups per parent ID, so they are not its IDs' count. */
  readonly per_parent?: string;
}

/** A manifest that is not one synthgen writes: `manifest <label> unreadable: <reason>`. */
export class ManifestUnreadable extends Error {
  override readonly name = 'ManifestUnreadable';
  readonly reason: string;

  constructor(label: string, reason: string) {
    super(`manifest ${label} unreadable: ${reason}`);
    this.reason = reason;
  }
}

type Json = unknown;

const isRecord = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: Json): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isId = (value: Json): value is number => isCount(value) && value > 0;
const isTimestamp = (value: Json): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));
/**
 * What a run id read back from any record (a manifest, the metadata's run records, the record of an interrupted run)
 * must look like. Run ids name files (`_runs/<run-id>.json`, locally and on S3), so a run id is one plain file-name
 * segment, never a path: it starts with a letter or digit (so never `.` or `..`) and holds no `/`. This synthgen
 * gives every run its stamp as its id (`YYYYMMDDHHMMSS-xxxxxxxx`, STAMP_PATTERN in plan.ts), which always fits.
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isRunId(value: unknown): value is string {
  return typeof value === 'string' && RUN_ID_PATTERN.test(value);
}

const SHA256 = /^[0-9a-f]{64}$/;

class Bad extends Error {}

function need(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Bad(what);
}

function stringRecord(value: Json, where: string): Record<string, string> {
  need(isRecord(value), `"${where}" is not an object`);
  for (const [key, entry] of Object.entries(value)) need(typeof entry === 'string', `${where}.${key} is not a string`);
  return value as Record<string, string>;
}

function countRecord(value: Json, where: string): Record<string, number> {
  need(isRecord(value), `"${where}" is not an object`);
  for (const [key, entry] of Object.entries(value)) need(isCount(entry), `${where}.${key} is not a non-negative integer`);
  return value as Record<string, number>;
}

/** An ID range with its row count: `first_id`..`last_id`, every ID once (or, `grouped`, lines of those IDs). */
function idRange(value: Json, where: string, grouped = false): { first_id: number; last_id: number; rows: number } {
  need(isRecord(value), `${where} is not an object`);
  need(isId(value.first_id), `${where}.first_id is not a positive integer`);
  need(isId(value.last_id), `${where}.last_id is not a positive integer`);
  need(isCount(value.rows), `${where}.rows is not a non-negative integer`);
  need(value.last_id >= value.first_id, `${where} has last_id below first_id`);
  need(grouped || value.rows === value.last_id - value.first_id + 1, `${where}.rows is not last_id - first_id + 1`);
  return { first_id: value.first_id, last_id: value.last_id, rows: value.rows };
}

function manifestTable(value: Json, where: string): ManifestTable {
  need(isRecord(value), `${where} is not an object`);
  const parent = value.per_parent;
  need(parent === undefined || (typeof parent === 'string' && parent !== ''), `${where}.per_parent is not a table name`);
  return { ...idRange(value, where, parent !== undefined), ...(typeof parent === 'string' ? { per_parent: parent } : {}) };
}

function manifestFile(value: Json, where: string, tables: Readonly<Record<string, ManifestTable>>): ManifestFile {
  need(isRecord(value), `${where} is not an object`);
  need(typeof value.table === 'string', `${where}.table is not a string`);
  need(typeof value.path === 'string', `${where}.path is not a string`);
  need(isCount(value.bytes), `${where}.bytes is not a non-negative integer`);
  need(typeof value.sha256 === 'string' && SHA256.test(value.sha256), `${where}.sha256 is not 64 hex digits`);
  const range = idRange(value, where, Object.hasOwn(tables, value.table) && tables[value.table]?.per_parent !== undefined);
  return { table: value.table, path: value.path, ...range, bytes: value.bytes, sha256: value.sha256 };
}

function runArguments(value: Json): RunManifest['arguments'] {
  need(isRecord(value), '"arguments" is not an object');
  need(Array.isArray(value.tables) && value.tables.every((t) => typeof t === 'string'), 'arguments.tables is not a list of table names');
  const rows = countRecord(value.rows, 'arguments.rows');
  need(typeof value.file_size_limit_mb === 'number' && Number.isFinite(value.file_size_limit_mb) && value.file_size_limit_mb > 0, 'arguments.file_size_limit_mb is not a positive number');
  need(value.s3 === undefined || typeof value.s3 === 'string', 'arguments.s3 is not a string');
  return { tables: value.tables as string[], rows, file_size_limit_mb: value.file_size_limit_mb, ...(value.s3 === undefined ? {} : { s3: value.s3 }) };
}

function parseFields(value: Json): RunManifest {
  need(isRecord(value), 'the top level is not an object');
  need(value.format === MANIFEST_FORMAT, `"format" is not ${MANIFEST_FORMAT}`);
  need(value.format_version === 1, `format_version ${String(value.format_version)} is not supported by this synthgen (expected 1); upgrade synthgen`);
  need(isRunId(value.run_id), '"run_id" is not a run id');
  const versionsOf = stringRecord(value.versions, 'versions');
  const tableVersions = countRecord(value.table_versions, 'table_versions');
  need(isCount(value.seed), '"seed" is not a non-negative integer');
  need(isTimestamp(value.as_of), '"as_of" is not a timestamp');
  need(isTimestamp(value.started_at), '"started_at" is not a timestamp');
  need(typeof value.command === 'string', '"command" is not a string');
  const args = runArguments(value.arguments);
  const parquetProblem = value.parquet === undefined ? undefined : recordProblem(value.parquet);
  need(parquetProblem === undefined, `"parquet" ${parquetProblem ?? ''}`);
  need(isRecord(value.tables), '"tables" is not an object');
  // fromEntries, not assignment: a "__proto__" key stays a key.
  const tables = Object.fromEntries(Object.entries(value.tables).map(([name, range]) => [name, manifestTable(range, `tables.${name}`)]));
  need(Array.isArray(value.files), '"files" is not a list');
  const files = value.files.map((file: Json, index: number) => manifestFile(file, `files[${index}]`, tables));
  return {
    format: MANIFEST_FORMAT,
    format_version: 1,
    run_id: value.run_id,
    versions: versionsOf,
    table_versions: tableVersions,
    seed: value.seed,
    as_of: value.as_of,
    started_at: value.started_at,
    command: value.command,
    ...(value.parquet === undefined ? {} : { parquet: formatRecord(formatOfRecord(value.parquet as ParquetRecord)) }),
    arguments: args,
    tables,
    files,
  };
}

/**
 * A manifest read from disk or a bucket, checked field by field: it is data, not a trusted record. Throws
 * ManifestUnreadable (`manifest <label> unreadable: <what>`) for anything synthgen would not have written.
 */
export function parseManifest(value: unknown, label: string): RunManifest {
  try {
    return parseFields(value);
  } catch (error: unknown) {
    if (error instanceof Bad) throw new ManifestUnreadable(label, error.message);
    throw error;
  }
}

let versions: Record<string, string> | undefined;

/** synthgen's own version and the pinned generators', as installed. */
export function toolVersions(): Record<string, string> {
  if (versions) return versions;
  const require = createRequire(import.meta.url);
  const versionOf = (name: string) => {
    try {
      return String((require(`${name}/package.json`) as { version?: unknown }).version ?? 'unknown');
    } catch {
      return 'unknown';
    }
  };
  const own = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  versions = {
    synthgen: String(own.version ?? 'unknown'),
    '@faker-js/faker': versionOf('@faker-js/faker'),
    '@duckdb/node-api': versionOf('@duckdb/node-api'),
    node: process.version,
  };
  return versions;
}

export function manifestName(runId: string): string {
  return `${RUNS_FOLDER}/${runId}.json`;
}

/** Writes the manifest under `root` atomically; returns its path. */
export async function writeManifest(root: string, manifest: RunManifest): Promise<string> {
  const path = join(root, manifestName(manifest.run_id));
  // Checked at the start of the run too (outputFolder.ts); again here, for a link put there since.
  await refuseLinkedFolder(dirname(path));
  await mkdir(dirname(path), { recursive: true });
  await refuseLinkedFolder(dirname(path));
  await atomicWrite(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return path;
}
