/**
 * Reading the metadata file's JSON strictly: the current format, field by field (the original tool's formats are
 * read by legacyFormat.ts). A Corrupt error names what is wrong; metadata.ts says so in one line.
 */
import { type LegacySegment, type Segment, isLegacy, rowCount } from '../records/segment.js';
import { Corrupt, type Json, isCount, isId, isRecord, need } from './jsonChecks.js';
import { isRunId } from './runManifest.js';
import { type ParquetRecord, formatOfRecord, formatRecord, recordProblem } from '../records/parquetFormat.js';

export const METADATA_FORMAT = 'synthgen-metadata';
export const METADATA_VERSION = 1;
/**
 * The version of a file that records a module table (TableState.definition). An earlier synthgen reads version 1
 * only and would drop the records on its next commit, after which a changed module would go unnoticed: it refuses
 * version 2 instead.
 */
export const METADATA_VERSION_WITH_DEFINITIONS = 2;
/** The version of a file whose runs record their Parquet format: an earlier synthgen would drop it on commit. */
export const METADATA_VERSION_WITH_FORMATS = 3;
/**
 * The version of a file that records the original tool's rows read from its files (TableState.legacy_rows) and the
 * segments drawn from them: an earlier synthgen would drop both, and then recompute those segments without them.
 */
export const METADATA_VERSION_WITH_LEGACY_ROWS = 4;
/**
 * The version of a file that records every table's versions (TableState.versions) and where a table comes from in
 * words (TableOriginRecord.kind): an earlier synthgen would drop the versions of synthgen's own and a module's tables,
 * and then refuse or misread the next run's.
 */
export const METADATA_VERSION_WITH_VERSIONS = 5;
const READ_VERSIONS: readonly unknown[] = [METADATA_VERSION, METADATA_VERSION_WITH_DEFINITIONS, METADATA_VERSION_WITH_FORMATS, METADATA_VERSION_WITH_LEGACY_ROWS, METADATA_VERSION_WITH_VERSIONS];

/** The version a file with these tables and runs is written as: the lowest that holds all it records. */
export function metadataVersion(tables: Readonly<Record<string, TableState>>, runs: readonly RunRecord[]): number {
  if (Object.values(tables).some((state) => state.versions !== undefined)) return METADATA_VERSION_WITH_VERSIONS;
  if (Object.values(tables).some((state) => state.legacy_rows !== undefined)) return METADATA_VERSION_WITH_LEGACY_ROWS;
  if (runs.some((run) => run.parquet !== undefined)) return METADATA_VERSION_WITH_FORMATS;
  return Object.values(tables).some((state) => state.definition !== undefined) ? METADATA_VERSION_WITH_DEFINITIONS : METADATA_VERSION;
}

/**
 * Legacy IDs too scattered to list as ranges: `count` IDs between first_id and last_id, with gaps. New runs only
 * need to continue after the largest, and the rows cannot be recomputed anyway, so where the gaps are is not kept.
 */
import { type VersionRecord, parseVersionRecord } from '../records/versionRecord.js';
import { type LegacyRowsRecord, parseLegacyRows } from './legacy/legacyRows.js';

export interface LegacySpan extends LegacySegment {
  readonly count: number;
}

export type TableSegment = Segment | LegacySegment | LegacySpan;

/**
 * Which file defined a table that is not synthgen's own (a --tables module or a --schema file, by `kind`), and a
 * hash of what decides its values (registry.ts): a resumed run must be given the same definition.
 */
export interface TableOriginRecord {
  readonly kind: 'module' | 'schema';
  readonly module: string;
  readonly sha256: string;
  /**
   * The fields of other tables its query recomputes from their rows, by table: a later run that changes one of them
   * under existing rows is refused even when this table's file or module is not given to it.
   */
  readonly reads?: Readonly<Record<string, readonly string[]>>;
}

/** A table's recorded reads, or undefined when `value` is not what synthgen writes. */
export function parseReads(value: Json): Record<string, string[]> | undefined {
  if (!isRecord(value)) return undefined;
  const entries = Object.entries(value);
  const valid = entries.every(([table, fields]) => !isPrototypeKey(table) && Array.isArray(fields) && fields.every((field) => typeof field === 'string' && field !== ''));
  return valid ? (Object.fromEntries(entries) as Record<string, string[]>) : undefined;
}

export interface TableState {
  readonly last_id: number;
  readonly segments: readonly TableSegment[];
  /** For a table of a user's file (--tables, --schema): where it was defined, so later runs can ask for that file. */
  readonly definition?: TableOriginRecord;
  /** The identity of its rows and its versions' field fingerprints (versionRecord.ts); none before synthgen recorded them. */
  readonly versions?: VersionRecord;
  /** The original tool's rows of the table, read once from its files: children may reference them (legacyRows.ts). */
  readonly legacy_rows?: LegacyRowsRecord;
}

/** More legacy ranges in a row than this are kept as one LegacySpan, so that the metadata stays small. */
export const LEGACY_RANGES_KEPT = 100;


export interface RunRecord {
  readonly run_id: string;
  readonly started_at: string;
  readonly finished_at: string;
  readonly seed: number;
  readonly as_of: string;
  readonly command: string;
  readonly tables: Readonly<Record<string, { first_id: number; last_id: number; files: number; bytes: number }>>;
  /** The run's manifest (runManifest.ts): a local path, or an s3:// URL for runs that uploaded. */
  readonly manifest?: string;
  /** How its files are encoded; runs of releases before it was a choice wrote ZSTD level 3 and do not say. */
  readonly parquet?: ParquetRecord;
}

export interface Metadata {
  readonly format: typeof METADATA_FORMAT;
  readonly format_version: number;
  readonly tables: Readonly<Record<string, TableState>>;
  readonly runs: readonly RunRecord[];
}


export function emptyMetadata(): Metadata {
  return { format: METADATA_FORMAT, format_version: METADATA_VERSION, tables: {}, runs: [] };
}

function isTimestamp(value: Json): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/**
 * Whether `name` is a key every plain object has (`constructor`, `toString`, `__proto__`...). Such a name read from a
 * file as a table name would be taken for a table that is not there (`tables.constructor` is Object), or, assigned,
 * would replace the map's prototype: refused wherever a record's table names are read.
 */
export function isPrototypeKey(name: string): boolean {
  return Object.hasOwn(Object.prototype, name);
}

function parseSegment(table: string, value: Json, index: number): TableSegment {
  const where = `tables.${table}.segments[${index}]`;
  need(isRecord(value), `${where} is not an object`);
  need(isId(value.first_id) && isId(value.last_id) && value.first_id <= value.last_id, `${where} has no valid first_id/last_id`);
  if (value.legacy === true) {
    const range = { first_id: value.first_id, last_id: value.last_id };
    if (value.count === undefined) return { ...range, legacy: true };
    need(isId(value.count) && value.count <= rowCount(range), `${where}.count is not a number of IDs from 1 to the size of its range`);
    return { ...range, legacy: true, count: value.count };
  }
  need(typeof value.seed === 'number' && Number.isSafeInteger(value.seed) && value.seed >= 0, `${where}.seed is not a non-negative integer`);
  need(typeof value.as_of === 'string' && !Number.isNaN(Date.parse(value.as_of)), `${where}.as_of is not a timestamp`);
  need(value.since === undefined || (typeof value.since === 'string' && Date.parse(value.since) < Date.parse(value.as_of)), `${where}.since is not a timestamp before its as_of`);
  need(typeof value.version === 'number' && Number.isSafeInteger(value.version) && value.version > 0, `${where}.version is not a positive integer`);
  need(typeof value.run_id === 'string', `${where}.run_id is missing`);
  let parents: Record<string, number> | undefined;
  if (value.parents !== undefined) {
    need(isRecord(value.parents), `${where}.parents is not an object`);
    parents = {};
    for (const [parent, lastId] of Object.entries(value.parents)) {
      need(!isPrototypeKey(parent), `${where}.parents.${parent} is not a table name`);
      need(isCount(lastId), `${where}.parents.${parent} is not an ID`);
      parents[parent] = lastId;
    }
  }
  let legacy: Record<string, string> | undefined;
  if (value.legacy_parents !== undefined) {
    need(isRecord(value.legacy_parents) && parents !== undefined, `${where}.legacy_parents is not an object beside parents`);
    legacy = {};
    for (const [parent, sha] of Object.entries(value.legacy_parents)) {
      need(!isPrototypeKey(parent) && Object.hasOwn(parents, parent), `${where}.legacy_parents.${parent} is not one of its parents`);
      need(typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha), `${where}.legacy_parents.${parent} is not a SHA-256`);
      legacy[parent] = sha;
    }
  }
  return {
    first_id: value.first_id,
    last_id: value.last_id,
    seed: value.seed,
    ...(value.since === undefined ? {} : { since: value.since }),
    as_of: value.as_of,
    version: value.version,
    run_id: value.run_id,
    ...(parents ? { parents } : {}),
    ...(legacy ? { legacy_parents: legacy } : {}),
  };
}

export function parseCurrent(value: Record<string, Json>): Metadata {
  need(READ_VERSIONS.includes(value.format_version), `format_version ${String(value.format_version)} is not supported by this synthgen (expected ${READ_VERSIONS.join(', ')}); upgrade synthgen`);
  need(isRecord(value.tables), '"tables" is not an object');
  const tables: Record<string, TableState> = {};
  for (const [name, state] of Object.entries(value.tables)) {
    need(!isPrototypeKey(name), `tables.${name} is not a table name`);
    need(isRecord(state), `tables.${name} is not an object`);
    need(typeof state.last_id === 'number' && Number.isSafeInteger(state.last_id) && state.last_id >= 0, `tables.${name}.last_id is not an ID`);
    need(Array.isArray(state.segments), `tables.${name}.segments is not a list`);
    const segments = state.segments.map((segment, index) => parseSegment(name, segment, index));
    let previous = 0;
    for (const [index, segment] of segments.entries()) {
      need(segment.first_id > previous, `tables.${name}.segments[${index}] overlaps the segment before it`);
      previous = segment.last_id;
    }
    need(previous <= state.last_id, `tables.${name}.last_id is below its last segment`);
    const definition = state.definition;
    need(
      definition === undefined ||
        (isRecord(definition) && typeof definition.module === 'string' && definition.module !== '' && typeof definition.sha256 === 'string' && /^[0-9a-f]{64}$/.test(definition.sha256)),
      `tables.${name}.definition is not { module, sha256 }`,
    );
    need(!isRecord(definition) || definition.kind === undefined || definition.kind === 'module' || definition.kind === 'schema', `tables.${name}.definition.kind is not "module" or "schema"`);
    // An earlier synthgen kept a schema file's versions in its definition (and versions of no other table).
    const schema = isRecord(definition) && definition.schema !== undefined ? parseVersionRecord(definition.schema) : undefined;
    need(!isRecord(definition) || definition.schema === undefined || schema !== undefined, `tables.${name}.definition.schema is not { identity, versions }`);
    const versions = state.versions === undefined ? schema : parseVersionRecord(state.versions);
    need(state.versions === undefined || versions !== undefined, `tables.${name}.versions is not { identity, versions }`);
    const kind = isRecord(definition) && (definition.kind === 'schema' || (definition.kind === undefined && schema !== undefined)) ? 'schema' : 'module';
    const reads = isRecord(definition) && definition.reads !== undefined ? parseReads(definition.reads) : undefined;
    need(!isRecord(definition) || definition.reads === undefined || reads !== undefined, `tables.${name}.definition.reads is not lists of fields by table`);
    // An earlier synthgen kept every legacy range: fold them, so the next commit shrinks the file.
    const legacyRows = state.legacy_rows === undefined ? undefined : parseLegacyRows(state.legacy_rows, `tables.${name}.legacy_rows`);
    tables[name] = {
      last_id: state.last_id,
      segments: compactLegacy(segments),
      ...(isRecord(definition) ? { definition: { kind, module: String(definition.module), sha256: String(definition.sha256), ...(reads ? { reads } : {}) } } : {}),
      ...(versions ? { versions } : {}),
      ...(legacyRows ? { legacy_rows: legacyRows } : {}),
    };
  }
  checkLegacyParents(tables);
  need(value.runs === undefined || Array.isArray(value.runs), '"runs" is not a list');
  const runs = (Array.isArray(value.runs) ? value.runs : []).map((run: Json, index: number) => parseRun(run, index));
  return { format: METADATA_FORMAT, format_version: metadataVersion(tables, runs), tables, runs };
}

/** A segment drawn from the original tool's rows of a parent names the rows that parent's state records. */
function checkLegacyParents(tables: Readonly<Record<string, TableState>>): void {
  for (const [name, state] of Object.entries(tables)) {
    for (const [index, segment] of state.segments.entries()) {
      if (isLegacy(segment)) continue;
      for (const [parent, sha] of Object.entries(segment.legacy_parents ?? {})) {
        need(tables[parent]?.legacy_rows?.sha256 === sha, `tables.${name}.segments[${index}].legacy_parents.${parent} names rows of the original tool that tables.${parent}.legacy_rows does not record`);
      }
    }
  }
}

/** A run record as runRecord() (runOutcome.ts) writes it, every field checked; a copy, so nothing else rides along. */
function parseRun(run: Json, index: number): RunRecord {
  const where = `runs[${index}]`;
  need(isRecord(run), `${where} is not an object`);
  need(run.run_id !== undefined, `${where} has no run_id`);
  need(isRunId(run.run_id), `${where}.run_id is not a run id`);
  need(isTimestamp(run.started_at), `${where}.started_at is not a timestamp`);
  need(isTimestamp(run.finished_at), `${where}.finished_at is not a timestamp`);
  need(isCount(run.seed), `${where}.seed is not a non-negative integer`);
  need(isTimestamp(run.as_of), `${where}.as_of is not a timestamp`);
  need(typeof run.command === 'string', `${where}.command is not a string`);
  need(run.manifest === undefined || (typeof run.manifest === 'string' && run.manifest !== ''), `${where}.manifest is not a path`);
  const parquetProblem = run.parquet === undefined ? undefined : recordProblem(run.parquet);
  need(parquetProblem === undefined, `${where}.parquet ${parquetProblem ?? ''}`);
  need(isRecord(run.tables), `${where}.tables is not an object`);
  const tables: Record<string, RunRecord['tables'][string]> = {};
  for (const [name, table] of Object.entries(run.tables)) {
    const at = `${where}.tables.${name}`;
    need(!isPrototypeKey(name), `${at} is not a table name`);
    need(isRecord(table), `${at} is not an object`);
    need(isId(table.first_id), `${at}.first_id is not a positive integer`);
    need(isId(table.last_id), `${at}.last_id is not a positive integer`);
    need(table.first_id <= table.last_id, `${at} has last_id below first_id`);
    need(isCount(table.files), `${at}.files is not a non-negative integer`);
    need(isCount(table.bytes), `${at}.bytes is not a non-negative integer`);
    tables[name] = { first_id: table.first_id, last_id: table.last_id, files: table.files, bytes: table.bytes };
  }
  return {
    run_id: run.run_id,
    started_at: run.started_at,
    finished_at: run.finished_at,
    seed: run.seed,
    as_of: run.as_of,
    command: run.command,
    // In the order runRecord() writes: a file read and committed again keeps its bytes.
    ...(run.parquet === undefined ? {} : { parquet: formatRecord(formatOfRecord(run.parquet as ParquetRecord)) }),
    tables,
    ...(run.manifest === undefined ? {} : { manifest: run.manifest }),
  };
}

function legacyIds(segment: LegacySegment | LegacySpan): number {
  return 'count' in segment ? segment.count : rowCount(segment);
}

/** Runs of more than LEGACY_RANGES_KEPT consecutive legacy segments folded into one span each. */
function compactLegacy(segments: readonly TableSegment[]): TableSegment[] {
  const compacted: TableSegment[] = [];
  let run: LegacySegment[] = [];
  const flush = () => {
    const [first] = run;
    const last = run[run.length - 1];
    if (first && last && run.length > LEGACY_RANGES_KEPT) {
      let count = 0;
      for (const segment of run) count += legacyIds(segment);
      compacted.push({ first_id: first.first_id, last_id: last.last_id, legacy: true, count } satisfies LegacySpan);
    } else {
      for (const segment of run) compacted.push(segment);
    }
    run = [];
  };
  for (const segment of segments) {
    if (isLegacy(segment)) {
      run.push(segment);
    } else {
      flush();
      compacted.push(segment);
    }
  }
  flush();
  return compacted;
}
