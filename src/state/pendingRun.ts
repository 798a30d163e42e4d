/**
 * Every run records itself next to the metadata (`<metadata>.pending.json`) before it writes anything, and notes each
 * file before it is linked into place (and each object as it lands in S3). If the run stops before its commit
 * (Ctrl-C, kill -9, a full disk, a lost machine, a store that keeps failing), this record is what lets the same
 * command (or --resume) finish it: the same seed, as-of, ID ranges and file names, so it produces exactly the files a
 * clean run would, keeps those already written whose identity and checksum still match, and then commits. It also
 * keeps the next run from reusing the interrupted run's IDs while its files are still there. The record is removed
 * after the commit, or by --discard-interrupted.
 *
 * Parts are recorded by rule (plan.ts), so the record's size does not depend on how many parts a run plans, only on
 * how many files it has written. Every field is read back strictly: a damaged or edited record stops the run with one
 * line, and nothing in it can point a run at files outside its own output folders.
 */
import { readdir, rm } from 'node:fs/promises';
import { basename, isAbsolute, join, normalize } from 'node:path';
import { atomicWrite } from '../files/atomicWrite.js';
import { reasonOf } from '../errors/errno.js';
import { UserError } from '../errors/userError.js';
import type { FileIdentity } from '../files/ownFile.js';
import { partialTarget } from '../files/partialFile.js';
import { readRegularFile } from '../files/regularFile.js';
import { STAMP_PATTERN, type TablePlan } from '../records/plan.js';
import { type S3Target, parseS3Target } from '../records/s3Target.js';
import type { LegacyParents, ParentRange } from '../records/segment.js';
import { type TableOriginRecord, isPrototypeKey } from './metadata.js';
import { isRunId } from './runManifest.js';
import { type ParquetRecord, formatOfRecord, formatRecord, recordProblem } from '../records/parquetFormat.js';

export const PENDING_FORMAT = 'synthgen-pending-run';
/** 3: the record holds the run's Parquet format; an earlier release would resume it in its own. */
export const PENDING_VERSION = 4;

/** What a run recorded of a file before linking it into place: enough to prove later that a file is its own. */
export interface WrittenFile extends FileIdentity {
  readonly sha256: string;
  /** Its rows, where they are not its IDs' count (a children table's: lines of its parent IDs). */
  readonly rows?: number;
}

export interface ReservedRange {
  readonly first: number;
  readonly last: number;
  /** The window's start: the rows were created after it, and not after the run's as-of. */
  readonly since: string;
  readonly parents: Readonly<Record<string, readonly ParentRange[]>>;
  /** The original tool's rows of parents it may reference (as the metadata says; a resume reads them from there). */
  readonly legacy?: Readonly<Record<string, LegacyParents>>;
}

export interface PendingRun {
  readonly format: typeof PENDING_FORMAT;
  readonly format_version: typeof PENDING_VERSION;
  readonly run_id: string;
  readonly started_at: string;
  readonly seed: number;
  readonly as_of: string;
  /** `--since`, when given: where the history of a table without rows starts. */
  readonly since?: string;
  readonly tables: readonly string[];
  readonly rows: Readonly<Record<string, number>>;
  readonly file_size_limit_mb: number;
  /** How every file of the run is encoded: a resume writes the rest alike. */
  readonly parquet: ParquetRecord;
  /** Absolute; files are `<out>/<table>/<stamp>...parquet`. */
  readonly out: string;
  readonly stamp: string;
  /** For runs that upload: where to. */
  readonly s3?: S3Target;
  /** How to reach the store (never credentials): so `synthgen --resume` alone can finish the run. */
  readonly s3_endpoint?: string;
  readonly s3_region?: string;
  readonly s3_checksums?: boolean;
  readonly command: string;
  /** The module tables' origins when the run started: a resume must be given the same definitions. */
  readonly definitions?: Readonly<Record<string, TableOriginRecord>>;
  readonly reserved: Readonly<Record<string, ReservedRange>>;
  readonly plans: Readonly<Record<string, TablePlan>>;
  /** Table -> part index -> the file as written. */
  readonly written: Readonly<Record<string, Readonly<Record<string, WrittenFile>>>>;
  /** Table -> part index -> SHA-256 of the object confirmed in the bucket. */
  readonly uploaded: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export function pendingPath(metadataPath: string): string {
  return `${metadataPath}.pending.json`;
}

type Json = unknown;
class Damaged extends Error {}

function need(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Damaged(what);
}

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (value: Json): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isId = (value: Json): value is number => isCount(value) && value > 0;
const isSha = (value: Json): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
const isTime = (value: Json): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));
/**
 * Table names become folder names and keys of the record's maps: the names defineTable() accepts (one plain path
 * segment), and never a key every object has (`constructor`, `__proto__`), which would read as a table of the run.
 */
const isTableName = (value: Json): value is string => typeof value === 'string' && /^[a-z][a-z0-9_]{0,62}$/.test(value) && !isPrototypeKey(value);
/** Part indexes as the run writes them (String(index)): no sign, no leading zero, no exponent. */
const isPartIndex = (value: string): boolean => /^(0|[1-9]\d{0,15})$/.test(value);
/** A key the record's own JSON object holds (JSON.parse makes only own properties, never a prototype). */
const has = (record: Record<string, Json>, key: string): boolean => Object.hasOwn(record, key);

/** `{table: {table, path, sha256, rows}}`, as reserve.ts records the original tool's rows a range may reference. */
function parseLegacy(value: Json, where: string): { legacy?: Record<string, LegacyParents> } {
  if (value === undefined) return {};
  need(isRecord(value), `${where}.legacy is not an object`);
  const legacy: Record<string, LegacyParents> = {};
  for (const [table, rows] of Object.entries(value)) {
    const at = `${where}.legacy.${table}`;
    need(isTableName(table) && isRecord(rows) && rows.table === table, `${at} is not the original tool's rows of ${table}`);
    need(typeof rows.path === 'string' && isSha(rows.sha256) && isCount(rows.rows), `${at} lacks path, sha256 or rows`);
    legacy[table] = { table, path: rows.path, sha256: rows.sha256, rows: rows.rows };
  }
  return { legacy };
}

function parseParents(value: Json, where: string, depth = 0): Record<string, ParentRange[]> {
  need(depth < 64, `${where} nests parents too deep`);
  need(isRecord(value), `${where}.parents is not an object`);
  const parents: Record<string, ParentRange[]> = {};
  for (const [table, list] of Object.entries(value)) {
    need(isTableName(table), `${where}.parents.${table} is not a table name`);
    need(Array.isArray(list), `${where}.parents.${table} is not a list`);
    parents[table] = list.map((range: Json, i) => {
      const at = `${where}.parents.${table}[${i}]`;
      need(isRecord(range) && isId(range.first_id) && isId(range.last_id) && range.first_id <= range.last_id, `${at} is not an ID range`);
      need(isCount(range.seed) && isTime(range.since) && isTime(range.as_of) && isId(range.version), `${at} lacks seed, since, as_of or version`);
      const nested = range.parents === undefined ? undefined : parseParents(range.parents, at, depth + 1);
      return { first_id: range.first_id, last_id: range.last_id, seed: range.seed, since: range.since, as_of: range.as_of, version: range.version, ...(nested ? { parents: nested } : {}), ...parseLegacy(range.legacy, at) };
    });
  }
  return parents;
}

function parsePlan(table: string, value: Json, reserved: ReservedRange): TablePlan {
  const where = `plans.${table}`;
  need(isRecord(value) && value.table === table, `${where} is not this table's plan`);
  need(value.first_id === reserved.first && value.last_id === reserved.last, `${where} does not cover the IDs reserved for ${table}`);
  need(isId(value.rows_per_part) && isId(value.parts), `${where} has no valid rows_per_part/parts`);
  return { table, first_id: reserved.first, last_id: reserved.last, rows_per_part: value.rows_per_part, parts: value.parts };
}

/** `{table: {index: entry}}` with each index inside the table's plan. */
function parseByPart<T>(value: Json, field: string, plans: Record<string, TablePlan>, entry: (v: Json, at: string) => T): Record<string, Record<string, T>> {
  need(isRecord(value), `"${field}" is not an object`);
  const out: Record<string, Record<string, T>> = {};
  for (const [table, byIndex] of Object.entries(value)) {
    // Own keys only: `plans.constructor` is Object's, not a table's plan.
    const plan = isTableName(table) && Object.hasOwn(plans, table) ? plans[table] : undefined;
    need(plan !== undefined, `${field}.${table} is not a table of this run`);
    need(isRecord(byIndex), `${field}.${table} is not an object of parts`);
    out[table] = {};
    for (const [index, item] of Object.entries(byIndex)) {
      need(isPartIndex(index) && Number(index) < plan.parts, `${field}.${table}.${index} is not one of its parts`);
      (out[table] as Record<string, T>)[index] = entry(item, `${field}.${table}.${index}`);
    }
  }
  return out;
}

function parseWritten(value: Json, at: string): WrittenFile {
  need(
    isRecord(value) && isSha(value.sha256) && isCount(value.bytes) && isCount(value.inode) && typeof value.mtime_ns === 'string' && /^\d{1,30}$/.test(value.mtime_ns),
    `${at} is not a file's sha256, bytes, inode and mtime_ns`,
  );
  need(value.rows === undefined || isCount(value.rows), `${at}.rows is not a row count`);
  return { sha256: value.sha256, bytes: value.bytes, inode: value.inode, mtime_ns: value.mtime_ns, ...(typeof value.rows === 'number' ? { rows: value.rows } : {}) };
}

function parseDefinitions(value: Json, tables: readonly string[]): Partial<PendingRun> {
  if (value === undefined) return {};
  need(isRecord(value), '"definitions" is not an object');
  const definitions: Record<string, TableOriginRecord> = {};
  for (const [table, origin] of Object.entries(value)) {
    need(isTableName(table) && tables.includes(table), `definitions.${table} is not a table of the run`);
    need(isRecord(origin) && typeof origin.module === 'string' && origin.module !== '' && isSha(origin.sha256), `definitions.${table} is not { module, sha256 } of a table of the run`);
    need(origin.kind === undefined || origin.kind === 'module' || origin.kind === 'schema', `definitions.${table}.kind is not "module" or "schema"`);
    // A run an earlier synthgen recorded said a schema file's table by its versions (then kept here too).
    const kind = origin.kind === 'schema' || (origin.kind === undefined && origin.schema !== undefined) ? 'schema' : 'module';
    definitions[table] = { kind, module: origin.module, sha256: origin.sha256 };
  }
  return { definitions };
}

function parseS3(value: Record<string, Json>): Partial<PendingRun> {
  if (value.s3 === undefined) return {};
  const s3 = value.s3;
  need(isRecord(s3) && typeof s3.bucket === 'string' && typeof s3.prefix === 'string', '"s3" is not a bucket and prefix');
  // The same rules as --s3-bucket: the record must name a target that flag would accept, exactly.
  let target: S3Target | undefined;
  try {
    target = parseS3Target(`s3://${s3.bucket}/${s3.prefix}`);
  } catch {
    target = undefined;
  }
  need(target !== undefined && target.bucket === s3.bucket && target.prefix === s3.prefix, '"s3" is not a valid bucket and prefix');
  need(value.s3_endpoint === undefined || typeof value.s3_endpoint === 'string', '"s3_endpoint" is not a URL');
  need(value.s3_region === undefined || typeof value.s3_region === 'string', '"s3_region" is not a region');
  need(value.s3_checksums === undefined || typeof value.s3_checksums === 'boolean', '"s3_checksums" is not true or false');
  return {
    s3: target,
    ...(typeof value.s3_endpoint === 'string' ? { s3_endpoint: value.s3_endpoint } : {}),
    ...(typeof value.s3_region === 'string' ? { s3_region: value.s3_region } : {}),
    ...(typeof value.s3_checksums === 'boolean' ? { s3_checksums: value.s3_checksums } : {}),
  };
}

/** The record as written by this synthgen; anything else is Damaged, naming the field. */
export function parsePendingRun(value: Json): PendingRun {
  need(isRecord(value) && value.format === PENDING_FORMAT, 'it is not a synthgen pending-run record');
  need(value.format_version === PENDING_VERSION, `it was written by another synthgen release (format_version ${String(value.format_version)}, this one reads ${PENDING_VERSION}): finish that run with the release that started it`);
  // The run id names the manifest a resume writes (`<out>/_runs/<run_id>.json`): a run id, as this synthgen makes
  // them (its stamp), never a path.
  need(isRunId(value.run_id) && STAMP_PATTERN.test(value.run_id), '"run_id" is not a run id');
  need(typeof value.command === 'string', '"command" is missing');
  need(isTime(value.started_at), '"started_at" is not a timestamp');
  need(isCount(value.seed) && isTime(value.as_of), 'seed or as_of is missing');
  need(value.since === undefined || isTime(value.since), '"since" is not a timestamp');
  need(typeof value.stamp === 'string' && STAMP_PATTERN.test(value.stamp), '"stamp" is not a file-name stamp');
  need(typeof value.out === 'string' && isAbsolute(value.out) && normalize(value.out) === value.out, '"out" is not an absolute folder');
  need(typeof value.file_size_limit_mb === 'number' && value.file_size_limit_mb >= 1 && value.file_size_limit_mb <= 1_000_000, '"file_size_limit_mb" is out of range');
  const parquetProblem = recordProblem(value.parquet);
  need(parquetProblem === undefined, `"parquet" ${parquetProblem ?? ''}`);
  need(Array.isArray(value.tables) && value.tables.length > 0 && value.tables.every(isTableName), '"tables" is not a list of table names');
  const tables = value.tables as string[];
  need(new Set(tables).size === tables.length, '"tables" names a table twice');
  const rows = value.rows;
  need(isRecord(rows), '"rows" is not an object');
  for (const table of tables) need(has(rows, table) && isId(rows[table]), `rows.${table} is not a row count`);
  need(isRecord(value.reserved) && isRecord(value.plans), '"reserved" or "plans" is missing');
  const reserved: Record<string, ReservedRange> = {};
  const plans: Record<string, TablePlan> = {};
  for (const table of tables) {
    const range = has(value.reserved, table) ? value.reserved[table] : undefined;
    need(isRecord(range) && isId(range.first) && isId(range.last) && range.first <= range.last, `reserved.${table} is not an ID range`);
    need(range.last - range.first + 1 === rows[table], `reserved.${table} does not hold rows.${table} IDs`);
    need(isTime(range.since) && Date.parse(range.since) < Date.parse(value.as_of), `reserved.${table}.since is not a timestamp before as_of`);
    reserved[table] = { first: range.first, last: range.last, since: range.since, parents: parseParents(range.parents, `reserved.${table}`), ...parseLegacy(range.legacy, `reserved.${table}`) };
    plans[table] = parsePlan(table, has(value.plans, table) ? value.plans[table] : undefined, reserved[table]);
  }
  return {
    format: PENDING_FORMAT,
    format_version: PENDING_VERSION,
    run_id: value.run_id,
    started_at: value.started_at,
    seed: value.seed,
    as_of: value.as_of,
    ...(typeof value.since === 'string' ? { since: value.since } : {}),
    tables,
    rows: Object.fromEntries(tables.map((t) => [t, rows[t] as number])),
    file_size_limit_mb: value.file_size_limit_mb,
    parquet: formatRecord(formatOfRecord(value.parquet as ParquetRecord)),
    out: value.out,
    stamp: value.stamp,
    ...parseS3(value),
    command: value.command,
    ...parseDefinitions(value.definitions, tables),
    reserved,
    plans,
    written: parseByPart(value.written, 'written', plans, parseWritten),
    uploaded: parseByPart(value.uploaded, 'uploaded', plans, (v, at) => {
      need(isSha(v), `${at} is not a SHA-256`);
      return v;
    }),
  };
}

/** The interrupted run recorded for this metadata file (its real path), if any. */
export async function loadPendingRun(metadataPath: string): Promise<PendingRun | undefined> {
  const path = pendingPath(metadataPath);
  const unreadable = (why: string) =>
    new UserError(
      `the record of an interrupted run, ${path}, is unreadable (${why}): restore it, or delete it to abandon that run (its files, and any objects it uploaded, then need deleting by hand)`,
    );
  let text: string;
  try {
    // Only ever a regular file synthgen wrote: a FIFO in its place would block the read forever.
    const bytes = await readRegularFile(path, { follow: false });
    if (bytes === undefined) return undefined;
    text = bytes.toString('utf8');
  } catch (error: unknown) {
    // Anything but "nothing there" (permissions, a folder in its place, an I/O error) must not read as "no
    // interrupted run": the next run would reuse that run's IDs.
    throw unreadable(reasonOf(error));
  }
  try {
    return parsePendingRun(JSON.parse(text.replace(/^\uFEFF/, '')));
  } catch (error: unknown) {
    if (error instanceof Damaged || error instanceof SyntaxError) throw unreadable(reasonOf(error));
    throw error;
  }
}

export async function savePendingRun(metadataPath: string, run: PendingRun): Promise<void> {
  await atomicWrite(pendingPath(metadataPath), `${JSON.stringify(run, null, 2)}\n`);
}

export async function removePendingRun(metadataPath: string): Promise<void> {
  await rm(pendingPath(metadataPath), { force: true });
}

/** Removes the hidden temporary files that parts under way left when the process died (see partialFile.ts). */
export async function removePartialFiles(run: Pick<PendingRun, 'out' | 'stamp' | 'tables'>): Promise<void> {
  for (const table of run.tables) {
    const directory = join(run.out, table);
    for (const entry of await readdir(directory).catch(() => [] as string[])) {
      // Only this run's names: they start with its stamp, which no other run's do.
      const target = partialTarget(entry);
      if (target && basename(target).startsWith(run.stamp)) await rm(join(directory, entry), { force: true });
    }
  }
}
