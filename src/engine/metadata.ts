/**
 * The metadata file: per table, the last ID used and one segment per run (enough to recompute any row), plus a
 * short record of each run. It grows with runs, never with rows. It is read strictly (a corrupt file is reported and
 * left alone), migrated from the original tool's legacy format (full ID lists), and written atomically: a temporary
 * file, fsync, rename, so a crash leaves either the old or the new file.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { atomicWrite } from './atomicWrite.js';
import { UserError } from './errors.js';
import type { LegacySegment, Segment } from './segment.js';

export const METADATA_FORMAT = 'synthgen-metadata';
export const METADATA_VERSION = 1;

export interface TableState {
  readonly last_id: number;
  readonly segments: readonly (Segment | LegacySegment)[];
}

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
}

export interface Metadata {
  readonly format: typeof METADATA_FORMAT;
  readonly format_version: number;
  readonly tables: Readonly<Record<string, TableState>>;
  readonly runs: readonly RunRecord[];
}

export interface LoadedMetadata {
  readonly metadata: Metadata;
  /** Whether the file on disk is in the legacy format (it is backed up before the first commit replaces it). */
  readonly legacy: boolean;
  readonly exists: boolean;
}

export function emptyMetadata(): Metadata {
  return { format: METADATA_FORMAT, format_version: METADATA_VERSION, tables: {}, runs: [] };
}

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: Json): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

class Corrupt extends Error {}

function need(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Corrupt(what);
}

function parseSegment(table: string, value: Json, index: number): Segment | LegacySegment {
  const where = `tables.${table}.segments[${index}]`;
  need(isRecord(value), `${where} is not an object`);
  need(isId(value.first_id) && isId(value.last_id) && value.first_id <= value.last_id, `${where} has no valid first_id/last_id`);
  if (value.legacy === true) return { first_id: value.first_id, last_id: value.last_id, legacy: true };
  need(typeof value.seed === 'number' && Number.isSafeInteger(value.seed) && value.seed >= 0, `${where}.seed is not a non-negative integer`);
  need(typeof value.as_of === 'string' && !Number.isNaN(Date.parse(value.as_of)), `${where}.as_of is not a timestamp`);
  need(typeof value.version === 'number' && Number.isSafeInteger(value.version) && value.version > 0, `${where}.version is not a positive integer`);
  need(typeof value.run_id === 'string', `${where}.run_id is missing`);
  let parents: Record<string, number> | undefined;
  if (value.parents !== undefined) {
    need(isRecord(value.parents), `${where}.parents is not an object`);
    parents = {};
    for (const [parent, lastId] of Object.entries(value.parents)) {
      need(typeof lastId === 'number' && Number.isSafeInteger(lastId) && lastId >= 0, `${where}.parents.${parent} is not an ID`);
      parents[parent] = lastId;
    }
  }
  return {
    first_id: value.first_id,
    last_id: value.last_id,
    seed: value.seed,
    as_of: value.as_of,
    version: value.version,
    run_id: value.run_id,
    ...(parents ? { parents } : {}),
  };
}

function parseCurrent(value: Record<string, Json>): Metadata {
  need(value.format_version === METADATA_VERSION, `format_version ${String(value.format_version)} is not supported by this synthgen (expected ${METADATA_VERSION}); upgrade synthgen`);
  need(isRecord(value.tables), '"tables" is not an object');
  const tables: Record<string, TableState> = {};
  for (const [name, state] of Object.entries(value.tables)) {
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
    tables[name] = { last_id: state.last_id, segments };
  }
  need(value.runs === undefined || Array.isArray(value.runs), '"runs" is not a list');
  const runs = (Array.isArray(value.runs) ? value.runs : []) as Json[];
  for (const [index, run] of runs.entries()) {
    need(isRecord(run) && typeof run.run_id === 'string', `runs[${index}] has no run_id`);
    need(run.manifest === undefined || typeof run.manifest === 'string', `runs[${index}].manifest is not a path`);
  }
  return { format: METADATA_FORMAT, format_version: METADATA_VERSION, tables, runs: runs as RunRecord[] };
}

/** Consecutive IDs folded into [first, last] ranges, so a legacy list of a million IDs becomes a few segments. */
function rangesOf(ids: readonly number[]): LegacySegment[] {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const ranges: LegacySegment[] = [];
  for (const id of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && id === last.last_id + 1) ranges[ranges.length - 1] = { ...last, last_id: id };
    else ranges.push({ first_id: id, last_id: id, legacy: true });
  }
  return ranges;
}

const singular: Record<string, string> = { users: 'user', products: 'product', orders: 'order' };

/**
 * The original tool kept full ID lists: `{"users": [1, 2, ...]}`, `{"users": {"ids": [...]}}`, the same under a
 * "tables" key, or `{"user_ids": [...]}`. Returns undefined when the value looks like none of these.
 */
function parseLegacy(value: Record<string, Json>): Metadata | undefined {
  const root = isRecord(value.tables) ? value.tables : value;
  const tables: Record<string, TableState> = {};
  for (const [key, entry] of Object.entries(root)) {
    const list = Array.isArray(entry) ? entry : isRecord(entry) && Array.isArray(entry.ids) ? entry.ids : undefined;
    if (!list) continue;
    const name = Object.entries(singular).find(([, one]) => key === `${one}_ids`)?.[0] ?? key.replace(/_ids$/, '');
    need(list.every(isId), `legacy ID list "${key}" holds something other than positive integer IDs`);
    const segments = rangesOf(list as number[]);
    const last = segments[segments.length - 1];
    tables[name] = { last_id: last ? last.last_id : 0, segments };
  }
  return Object.keys(tables).length > 0 ? { ...emptyMetadata(), tables } : undefined;
}

export async function loadMetadata(path: string): Promise<LoadedMetadata> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error: unknown) {
    if (isRecord(error) && error.code === 'ENOENT') return { metadata: emptyMetadata(), legacy: false, exists: false };
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`cannot read metadata file ${path}: ${reason}`);
  }
  const corrupt = (why: string) =>
    new UserError(`metadata file ${path} is corrupt: ${why}. It was left unchanged; repair it, restore a backup, or pass --metadata with another path.`);
  let parsed: Json;
  try {
    parsed = JSON.parse(text);
  } catch (error: unknown) {
    throw corrupt(`not valid JSON (${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')})`);
  }
  try {
    need(isRecord(parsed), 'the top level is not an object');
    if (parsed.format === METADATA_FORMAT) return { metadata: parseCurrent(parsed), legacy: false, exists: true };
    const migrated = parseLegacy(parsed);
    need(migrated !== undefined, 'it is neither synthgen metadata nor the legacy format (lists of IDs per table)');
    return { metadata: migrated, legacy: true, exists: true };
  } catch (error: unknown) {
    if (error instanceof Corrupt) throw corrupt(error.message);
    throw error;
  }
}

/**
 * Replaces the metadata file atomically. A legacy file is first copied to `<path>.legacy.bak` (never over an
 * existing backup), so what the original tool recorded is never lost.
 */
export async function commitMetadata(path: string, metadata: Metadata, loaded: LoadedMetadata): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  if (loaded.legacy) {
    let backup = `${path}.legacy.bak`;
    for (let n = 1; ; n += 1) {
      try {
        await copyFile(path, backup, 1 /* COPYFILE_EXCL */);
        break;
      } catch (error: unknown) {
        if (!(isRecord(error) && error.code === 'EEXIST')) throw error;
        backup = `${path}.legacy.${n}.bak`;
      }
    }
  }
  await atomicWrite(path, `${JSON.stringify(metadata, null, 2)}\n`);
}
