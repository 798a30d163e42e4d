/**
 * The original tool's rows of a parent table as a compiled query sees them: when each became referenceable, per
 * group, as counts by day. Its rows were created in no order of ID, so they are laid out anew (by group, then
 * creation time), and one may be referenced from the first UTC midnight at or after its creation: which of them exist
 * at a time is then a count read from a small pool by the day, the same count the parent's timeline uses (knots are
 * counted hour by hour, and an hour lies in one day), and a child never precedes its parent.
 *
 * Loaded once per process from the snapshot (run/legacy/loadLegacyParents.ts), then kept by its SHA-256: compiling
 * is synchronous, and a table is compiled many times over.
 */
import { DAY } from '../columns/time.js';
import type { LegacyParents } from '../../records/segment.js';

export interface LegacyArrivals {
  readonly sha256: string;
  readonly table: string;
  /** Rows per group: group g's rows are positions offsets[g] + 1 .. offsets[g] + rows[g], by creation time. */
  readonly rows: readonly number[];
  readonly offsets: readonly number[];
  /** Per group, the days (epoch seconds / DAY) on which rows became referenceable, ascending, and how many had by each. */
  readonly days: readonly Float64Array[];
  readonly cumulative: readonly Float64Array[];
  /** The latest creation time among the rows (epoch seconds): the as-of their recomputed values are taken at. */
  readonly asOf: number;
  /** The parent's field the group is (the users' locale), if the rows are grouped. */
  readonly groupField: string | undefined;
  /** The parent's fields the snapshot gives: the column giving each, and whether a NULL there is recomputed instead. */
  readonly overrides: Readonly<Record<string, LegacyOverride>>;
}

export interface LegacyOverride {
  readonly column: string;
  readonly fallback: boolean;
}

const loaded = new Map<string, LegacyArrivals>();

export function keepLegacyArrivals(arrivals: LegacyArrivals): void {
  loaded.set(arrivals.sha256, arrivals);
}

export function isLegacyLoaded(sha256: string): boolean {
  return loaded.has(sha256);
}

export function legacyArrivals(parents: LegacyParents): LegacyArrivals {
  const arrivals = loaded.get(parents.sha256);
  if (!arrivals) throw new Error(`the legacy ${parents.table} ${parents.path} were not loaded before compiling`);
  return arrivals;
}

/** Rows of group `group` referenceable on day `day`: created by its midnight. */
function countOn(arrivals: LegacyArrivals, group: number, day: number): number {
  const days = arrivals.days[group];
  const cumulative = arrivals.cumulative[group];
  if (!days || !cumulative || days.length === 0 || day < (days[0] ?? Infinity)) return 0;
  let low = 0;
  let high = days.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((days[middle] ?? Infinity) <= day) low = middle;
    else high = middle - 1;
  }
  return cumulative[low] ?? 0;
}

/** Rows referenceable at `time` (epoch seconds): those created by the midnight that starts its day. */
export function legacyExisting(arrivals: LegacyArrivals, time: number): number {
  const day = Math.floor(time / DAY);
  let total = 0;
  for (let group = 0; group < arrivals.rows.length; group += 1) total += countOn(arrivals, group, day);
  return total;
}

/**
 * The days of a window (epoch days `first` to `last`) whose counts a pool must hold: those on which rows became
 * referenceable. Before them none had; after them all had: so a window of any length takes a pool no longer than the
 * days the tool's rows were created over.
 */
export function legacyDays(arrivals: LegacyArrivals, first: number, last: number): { first: number; last: number } {
  let earliest = Infinity;
  let latest = -Infinity;
  for (const days of arrivals.days) {
    earliest = Math.min(earliest, days[0] ?? Infinity);
    latest = Math.max(latest, days[days.length - 1] ?? -Infinity);
  }
  const from = Math.min(Math.max(first, Number.isFinite(earliest) ? earliest : first), last);
  return { first: from, last: Math.max(from, Math.min(last, Number.isFinite(latest) ? latest : last)) };
}

/** The pool of a window's counts: for each group, the rows referenceable on each day from `firstDay` to `lastDay`. */
export function legacyDayCounts(arrivals: LegacyArrivals, firstDay: number, lastDay: number): number[] {
  const values: number[] = [];
  for (let group = 0; group < arrivals.rows.length; group += 1) {
    for (let day = firstDay; day <= lastDay; day += 1) values.push(countOn(arrivals, group, day));
  }
  return values;
}
