/**
 * Reserving a run's ID ranges: each table continues after its last recorded ID, children may only reference parents
 * synthgen can recompute, and the metadata a successful run will commit is computed here, before anything is
 * written, so bad input fails without side effects.
 */
import { UserError } from '../errors/userError.js';
import type { Metadata, TableOriginRecord, TableState } from '../state/metadata.js';
import type { VersionRecord } from '../records/versionRecord.js';
import { join } from 'node:path';
import { type LegacyParents, type ParentRange, type Segment, isLegacy } from '../records/segment.js';
import type { TableRegistry } from '../model/registry.js';
import type { TableDefinition } from '../model/tableDefinition.js';
import { epochSeconds } from '../model/sql.js';
import { defaultSince } from '../model/time/timeline.js';
import { awaited } from '../model/time/segmentKnots.js';

export interface Reservation {
  readonly first: number;
  readonly last: number;
  /** The window's start (exclusive): the table's last as-of, or where its history starts on its first run. */
  readonly since: string;
  /** For each parent table, the ranges this run's rows may reference. */
  readonly parents: Record<string, ParentRange[]>;
  /** For each parent table with rows of the original tool's that synthgen read: those rows, which they may reference too. */
  readonly legacy?: Record<string, LegacyParents>;
}

function recomputable(state: TableState | undefined): Segment[] {
  return (state?.segments ?? []).filter((segment): segment is Segment => !isLegacy(segment));
}

/**
 * The original tool's rows of a table that synthgen read (state/legacyRows.ts), as parents of another's rows: the
 * snapshot in the metadata's folder. Undefined when none were read.
 */
export function legacyParentsOf(table: string, tables: Readonly<Record<string, TableState>>, folder: string): LegacyParents | undefined {
  const record = tables[table]?.legacy_rows;
  return record ? { table, path: join(folder, record.file), sha256: record.sha256, rows: record.rows } : undefined;
}

/**
 * A table's recomputable segments up to `lastId`, with the parent ranges each was made with (the segment records
 * its parents' last IDs, and the original tool's rows of them it drew from): what recomputing when its rows were
 * created needs. `folder` holds the metadata, and the snapshots of those rows.
 */
export function rangesOf(table: string, lastId: number, tables: Readonly<Record<string, TableState>>, memo = new Map<string, ParentRange[]>(), folder = '.'): ParentRange[] {
  // Each segment of a child names its parents' last IDs; many name the same, so each list is built once.
  const key = `${table}\u0000${lastId}`;
  const known = memo.get(key);
  if (known) return known;
  const ranges: ParentRange[] = [];
  for (const segment of recomputable(tables[table])) {
    if (segment.last_id > lastId) break;
    const { first_id, last_id, seed, since, as_of, version } = segment;
    if (since === undefined) throw beforeWindows(table);
    const parents = segment.parents ? Object.fromEntries(Object.entries(segment.parents).map(([parent, last]) => [parent, rangesOf(parent, last, tables, memo, folder)])) : undefined;
    const legacy = segment.legacy_parents ? Object.fromEntries(Object.keys(segment.legacy_parents).flatMap((parent) => {
      const rows = legacyParentsOf(parent, tables, folder);
      return rows ? [[parent, rows]] : [];
    })) : undefined;
    ranges.push({ first_id, last_id, seed, since, as_of, version, ...(parents ? { parents } : {}), ...(legacy ? { legacy } : {}) });
  }
  memo.set(key, ranges);
  return ranges;
}

function beforeWindows(table: string): UserError {
  return new UserError(
    (w) => `existing ${table} rows were made by a synthgen release that did not record when each run's rows were created: continue them with that release, or use a new ${w.metadata} and ${w.out}`,
  );
}

/**
 * The most calendar years a table's history spans, from its first run's since to a run's as-of. What a run computes
 * grows with the hours of the history its rows are placed in (its timeline hour by hour, the guides to its parents'
 * knots, the pools its workers load). 50 years of the built-in tables: 400 MB in one run of the three, 760 MB for
 * orders over users and products made in ten 5-year runs (each segment has its own knots; orders' pools are then
 * 42 MB of JSON, under the 64 MB a worker reads). 1990 to 9999 ran out of heap, 1990 to 3500 exceeded those 64 MB.
 */
export const MAX_HISTORY_YEARS = 50;

/** Whether `asOf` lies more than MAX_HISTORY_YEARS calendar years after `start`. */
function beyondHistory(start: string, asOf: string): boolean {
  const most = new Date(start);
  most.setUTCFullYear(most.getUTCFullYear() + MAX_HISTORY_YEARS);
  return epochSeconds(asOf) > most.getTime() / 1000;
}

/** The start of a table's window in this run, or why it cannot have one. */
function windowStart(name: string, state: TableState | undefined, asOf: string, since: string | undefined): string {
  const segments = recomputable(state);
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (first && last) {
    if (last.since === undefined) throw beforeWindows(name);
    if (epochSeconds(asOf) <= epochSeconds(last.as_of)) {
      throw new UserError(
        (w) => `${w.asOf} ${asOf} is not after the last as-of of ${name} (${last.as_of}): each run adds the rows created since the table's last run, so pass a later ${w.asOf}, or start another dataset with its own ${w.out} and ${w.metadata}`,
      );
    }
    if (first.since !== undefined && beyondHistory(first.since, asOf)) {
      throw new UserError(
        (w) => `${w.asOf} ${asOf} is more than ${MAX_HISTORY_YEARS} years after ${first.since}, where the history of ${name} starts: a table's history spans at most ${MAX_HISTORY_YEARS} years; pass an earlier ${w.asOf}, or start another dataset (another ${w.metadata} and ${w.out})`,
      );
    }
    return last.as_of;
  }
  const start = since ?? defaultSince(asOf);
  if (epochSeconds(start) >= epochSeconds(asOf)) throw new UserError((w) => `${w.since} ${start} is not before ${w.asOf} ${asOf}: a table's history runs from ${w.since} to ${w.asOf}`);
  if (beyondHistory(start, asOf)) {
    throw new UserError((w) => `${w.since} ${start} is more than ${MAX_HISTORY_YEARS} years before ${w.asOf} ${asOf}: a table's history spans at most ${MAX_HISTORY_YEARS} years; pass a later ${w.since} or an earlier ${w.asOf}`);
  }
  return start;
}

/**
 * Why a table cannot reference `parent`: it has no rows, or only rows of the original tool's whose files synthgen has
 * not read, and then the flag that reads them, for every parent of the table in that state.
 */
function noParents(name: string, parent: string, parentsOfTable: readonly string[], tables: Readonly<Record<string, TableState>>): UserError {
  const unread = (table: string) => recomputable(tables[table]).length === 0 && (tables[table]?.segments.length ?? 0) > 0 && !tables[table]?.legacy_rows;
  if (!unread(parent)) return new UserError((w) => `No existing ${parent} found: generate ${parent} first, e.g. ${w.generate(parent, 1000)}`);
  const files = Object.fromEntries(parentsOfTable.filter(unread).map((table) => [table, `<folder, file or s3:// prefix of the tool's ${table} Parquet files>`]));
  return new UserError(
    (w) => `existing ${parent} were made by the original tool and synthgen has not read their files, so ${name} cannot reference them: pass ${w.legacyFilesOf(files)} (once: synthgen keeps what it needs beside the metadata), or generate ${parent} with synthgen first, e.g. ${w.generate(parent, 1000)}`,
  );
}

/** The parents a table's rows of this run may reference: synthgen's rows' ranges, and the original tool's rows read. */
function parentsOf(
  name: string,
  definition: TableDefinition,
  context: { readonly registry: TableRegistry; readonly asOf: string; readonly folder: string; readonly after: Readonly<Record<string, TableState>>; readonly ranges: Map<string, ParentRange[]> },
): { parents: Record<string, ParentRange[]>; legacy: Record<string, LegacyParents> } {
  const { registry, after, folder, ranges } = context;
  const parents: Record<string, ParentRange[]> = {};
  const legacy: Record<string, LegacyParents> = {};
  for (const reference of definition.parents) {
    // Which versions of the parent its fields may be recomputed over was checked before (runVersions.ts).
    const parentSegments = recomputable(after[reference.table]);
    const old = legacyParentsOf(reference.table, after, folder);
    if (old) legacy[reference.table] = old;
    if (parentSegments.length === 0 && !old) throw noParents(name, reference.table, definition.parents.map((p) => p.table), after);
    // A loop, not Math.max(...spread): a table may have hundreds of thousands of segments.
    const latest = parentSegments.reduce((most, s) => Math.max(most, Date.parse(s.as_of)), -Infinity);
    if (Date.parse(context.asOf) < latest) {
      throw new UserError(
        (w) => `${w.asOf} ${context.asOf} is earlier than the as-of of existing ${reference.table} (${new Date(latest).toISOString()}): ${name} cannot be placed before their parents exist; pass a later ${w.asOf}`,
      );
    }
    parents[reference.table] = rangesOf(reference.table, after[reference.table]?.last_id ?? 0, after, ranges, folder);
  }
  // The other parents of its children tables: its aggregates recompute their lines (children/aggregates.ts).
  for (const table of registry.prerequisites(name)) {
    parents[table] ??= rangesOf(table, after[table]?.last_id ?? 0, after, ranges, folder);
    const old = legacyParentsOf(table, after, folder);
    if (old) legacy[table] ??= old;
  }
  return { parents, legacy };
}

export function reserveRanges(options: {
  readonly tables: readonly string[];
  readonly rows: Readonly<Record<string, number>>;
  readonly seed: number;
  readonly asOf: string;
  /** Where the history of a table without rows yet starts (default: DEFAULT_HISTORY_YEARS before as-of). */
  readonly since?: string;
  readonly runId: string;
  readonly before: Metadata;
  readonly registry: TableRegistry;
  /** The file tables' origins (tableOrigins.ts), recorded with their state. */
  readonly origins?: Readonly<Record<string, TableOriginRecord>>;
  /** The tables' version records (runVersions.ts), recorded with their state; the registry gives their versions. */
  readonly versions?: Readonly<Record<string, VersionRecord>>;
  /** The metadata's folder, which holds the snapshots of the original tool's rows (default: the current one). */
  readonly metadataFolder?: string;
}): { reserved: Map<string, Reservation>; after: Record<string, TableState> } {
  const folder = options.metadataFolder ?? '.';
  const reserved = new Map<string, Reservation>();
  const after: Record<string, TableState> = { ...options.before.tables };
  const ordered = options.registry.ordered(options.tables);
  const ranges = new Map<string, ParentRange[]>();
  if (options.since !== undefined && ordered.every((name) => recomputable(options.before.tables[name]).length > 0)) {
    throw new UserError((w) => `${w.since} sets where a new table's history starts, and ${ordered.join(', ')} already ${ordered.length === 1 ? 'has' : 'have'} runs: each run continues from its table's last as-of, so leave ${w.since} out`);
  }
  for (const name of ordered) {
    const definition = options.registry.get(name);
    if (!definition) throw new UserError(`unknown table ${name}`);
    const state = options.before.tables[name];
    const { parents, legacy } = parentsOf(name, definition, { ...options, folder, after, ranges });
    const group = definition.children ? reserved.get(definition.children.parent) : undefined;
    if (definition.children && !group) throw new Error(`${name} is reserved without its parent ${definition.children.parent}`);
    // A children table's rows are its parent's of this run, line by line: its segment is the parent's IDs.
    const since = group ? group.since : windowStart(name, state, options.asOf, options.since);
    const rows = group ? group.last - group.first + 1 : (options.rows[name] ?? 0);
    const first = group ? group.first : (state?.last_id ?? 0) + 1;
    const last = first + rows - 1;
    if (!Number.isSafeInteger(last)) throw new UserError((w) => `${w.rows} for ${name} would take IDs past 2^53: use fewer rows`);
    reserved.set(name, { first, last, since, parents, ...(Object.keys(legacy).length > 0 ? { legacy } : {}) });
    const waitsFor = awaited(definition);
    const drawnFrom = waitsFor.flatMap((table) => (legacy[table] ? [[table, legacy[table]?.sha256 ?? '']] : []));
    const segment: Segment = {
      first_id: first,
      last_id: last,
      seed: options.seed,
      since,
      as_of: options.asOf,
      version: definition.version,
      run_id: options.runId,
      // Every table its creation times wait for (awaited: its parents and its timeline's after), so they are recomputed.
      ...(waitsFor.length > 0 ? { parents: Object.fromEntries(waitsFor.map((table) => [table, after[table]?.last_id ?? 0])) } : {}),
      ...(drawnFrom.length > 0 ? { legacy_parents: Object.fromEntries(drawnFrom) } : {}),
    };
    const origin = options.origins?.[name];
    const versions = options.versions?.[name] ?? state?.versions;
    const legacyRows = state?.legacy_rows;
    after[name] = {
      last_id: last,
      segments: [...(state?.segments ?? []), segment],
      ...(origin ? { definition: origin } : {}),
      ...(versions ? { versions } : {}),
      ...(legacyRows ? { legacy_rows: legacyRows } : {}),
    };
  }
  return { reserved, after };
}
