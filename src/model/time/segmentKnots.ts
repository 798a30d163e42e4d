/**
 * The knots of one segment of a table (timeline.ts): its window and its timeline's rate, gated to the hours when
 * every parent has rows (a child cannot be created before anything it could reference) and, for a timeline that
 * grows with a parent, multiplied by the parent rows existing each hour. Parent rows are counted from the parents'
 * own segments as they stood when the segment was made, so the knots never change once a segment is recorded.
 */
import { messageOf } from '../../errors/thrownValue.js';
import { EVEN_TIMELINE, NoArrivals, existingRows, knotsOf, rowsBegin } from './timeline.js';
import { UserError } from '../../errors/userError.js';
import { definitionProblem } from '../defineTable.js';
import type { LegacyParents, ParentRange } from '../../records/segment.js';
import { legacyArrivals, legacyExisting } from '../legacy/legacyArrivals.js';
import { epochSeconds } from '../sql.js';
import type { TableDefinition } from '../tableDefinition.js';
import type { TimedRange } from '../parents/parentRows.js';

export type DefinitionLookup = (name: string) => TableDefinition | undefined;

/** Knots already computed in one compilation, by table and first ID. */
export type KnotMemo = Map<string, readonly number[]>;

/** A segment's window as the metadata records it (ISO times); timeline.ts's Window is in epoch seconds. */
interface RecordedWindow {
  readonly since: string;
  readonly as_of: string;
  /** The segment's first ID: the one from ID 1 may begin before `since` (Timeline.pastYears). */
  readonly first_id: number;
}

/** Rows of `ranges` (ascending, disjoint windows) existing at each of a run of ascending hours. */
function counter(ranges: readonly TimedRange[]): (time: number) => number {
  let index = 0;
  let ended = 0;
  return (time) => {
    for (let range = ranges[index]; range && epochSeconds(range.as_of) <= time - 1; range = ranges[index]) {
      ended += range.last_id - range.first_id + 1;
      index += 1;
    }
    const current = ranges[index];
    return ended + (current ? existingRows(current.knots, current.last_id - current.first_id + 1, time) : 0);
  };
}

export function timedRanges(table: string, ranges: readonly ParentRange[], tables: DefinitionLookup, memo: KnotMemo): TimedRange[] {
  const definition = tables(table);
  if (!definition) throw new Error(`no definition of ${table}`);
  return ranges.map((range) => {
    const key = `${table}:${range.first_id}`;
    let knots = memo.get(key);
    if (!knots) {
      knots = knotsFor(definition, range, range.parents ?? {}, tables, memo, range.legacy);
      memo.set(key, knots);
    }
    return { ...range, knots };
  });
}

/**
 * Knots already computed in this process. They are a pure function of the definitions (the table's and its
 * ancestors', by identity: a definition never changes) and the ranges, and a table is compiled many times over (to
 * check it, for its fingerprints, its dictionary, each part), each time walking its ancestors hour by hour.
 */
const computed = new Map<string, readonly number[]>();
/** Knots held at most (16 MB): a 3-year first run's are 52k, a day's run's 48. */
const HELD_MOST = 2_000_000;
let held = 0;
const identities = new WeakMap<TableDefinition, number>();
let identified = 0;

function identity(definition: TableDefinition): number {
  let id = identities.get(definition);
  if (id === undefined) {
    identified += 1;
    id = identified;
    identities.set(definition, id);
  }
  return id;
}

/** The tables whose rows must exist before a row of `definition` can: its parents, and its timeline's `after`. */
export function awaited(definition: TableDefinition): string[] {
  const after = (definition.timeline?.after ?? []).filter((table) => !definition.parents.some((p) => p.table === table));
  return [...definition.parents.map((p) => p.table), ...after];
}

/** The definitions the knots depend on: the table's, then each parent's, recursively (references form no cycle). */
function lineage(definition: TableDefinition, tables: DefinitionLookup): string {
  const parents = awaited(definition).map((table) => {
    const parent = tables(table);
    return parent ? lineage(parent, tables) : `?${table}`;
  });
  return `${identity(definition)}(${parents.join(',')})`;
}

/**
 * The knots of `definition`'s rows in `window`, given the parents' ranges its rows may reference, and the original
 * tool's rows of those parents that they may reference too.
 */
export function knotsFor(
  definition: TableDefinition,
  window: RecordedWindow,
  parents: Readonly<Record<string, readonly ParentRange[]>>,
  tables: DefinitionLookup,
  memo: KnotMemo,
  legacy?: Readonly<Record<string, LegacyParents>>,
): readonly number[] {
  const drawn = legacy && Object.keys(legacy).length > 0 ? [Object.values(legacy).map((l) => l.sha256)] : [];
  const key = `${lineage(definition, tables)} ${JSON.stringify([window.since, window.as_of, window.first_id === 1, parents, ...drawn])}`;
  const known = computed.get(key);
  if (known) return known;
  const knots = computeKnots(definition, window, parents, tables, memo, legacy ?? {});
  if (held + knots.length > HELD_MOST) {
    computed.clear();
    held = 0;
  }
  computed.set(key, knots);
  held += knots.length;
  return knots;
}

function computeKnots(
  definition: TableDefinition,
  window: RecordedWindow,
  parents: Readonly<Record<string, readonly ParentRange[]>>,
  tables: DefinitionLookup,
  memo: KnotMemo,
  legacy: Readonly<Record<string, LegacyParents>>,
): number[] {
  const timeline = definition.timeline ?? EVEN_TIMELINE;
  const counts = awaited(definition).map((table) => {
    const ranges = parents[table];
    if (!ranges) throw new Error(`${definition.name}: no ${table} ranges given`);
    const synthgen = counter(timedRanges(table, ranges, tables, memo));
    const old = legacy[table];
    if (!old) return { table, count: synthgen };
    const arrivals = legacyArrivals(old);
    return { table, count: (hour: number) => synthgen(hour) + legacyExisting(arrivals, hour) };
  });
  const weight = (hour: number): number => {
    let rate = timeline.rate(hour);
    for (const { table, count } of counts) {
      // Two rows at least, so that float rounding in the SQL count can never leave a child with none.
      const existing = count(hour);
      if (existing < 2) return 0;
      if (table === timeline.scaleWith) rate *= existing;
    }
    return rate;
  };
  try {
    return knotsOf({ since: rowsBegin(timeline, epochSeconds(window.since), window.first_id), asOf: epochSeconds(window.as_of) }, weight);
  } catch (error: unknown) {
    if (error instanceof NoArrivals) {
      const parents = awaited(definition).join(' and ');
      throw new UserError((w) => `no ${definition.name} can be created in (${window.since}, ${window.as_of}]: no hour of it has two or more ${parents} to reference; generate more of them, or pass a later ${w.asOf}`);
    }
    // A user's rate function that throws or returns something other than a rate.
    throw definitionProblem(definition.name, 'timeline', messageOf(error));
  }
}
