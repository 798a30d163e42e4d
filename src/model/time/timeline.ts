/**
 * Time that flows forward. A table's rows of one run arrive over the run's window (since, as-of] at the rate the
 * table's timeline gives each UTC hour. Row i of the run's n is placed at the (i + v)/n quantile of those arrivals (v
 * a draw strictly inside (0, 1)), so creation time never decreases as the ID rises, and rows follow the rate exactly
 * in aggregate. The quantiles are tabulated as knots, the times at equal shares of the window's arrivals with straight
 * lines between them: a row's time is two pool lookups, and which rows existed at a given time is a binary search
 * over the same knots (parentRows.ts). Knots are a pure function of the window, the timeline and, for a timeline
 * that grows with a parent, that parent's own windows, so they are recomputed wherever a row is, never stored.
 */
import { HOUR, YEAR } from '../columns/time.js';

/** How fast a table's rows arrive. */
export interface Timeline {
  /** The relative rate of arrivals in the UTC hour starting at `hourStart` (epoch seconds): positive and finite. */
  readonly rate: (hourStart: number) => number;
  /**
   * A parent whose rows, as many as exist at each hour, multiply the rate: a shop's orders grow with its customers,
   * so no customer's daily orders balloon while there are few of them.
   */
  readonly scaleWith?: string;
  /**
   * Years of the table's life before its history window: the segment that starts at ID 1 (a table's first run) lays
   * its rows out from this many years before its `since`, at the same rate, so that the window opens on the base a
   * running shop already has (customers registered, products listed) rather than on an empty shop. Later runs'
   * windows are unaffected. 0 or absent: every row lies in its run's window.
   */
  readonly pastYears?: number;
  /**
   * Tables besides its parents whose first rows it waits for (two at least, as for a parent): the other parents of
   * its children tables, which its rows' lines pick from (orders wait for products, which their lines are of).
   */
  readonly after?: readonly string[];
}

/** Rows arrive evenly when a table declares no timeline. */
export const EVEN_TIMELINE: Timeline = { rate: () => 1 };

/** A window in whole epoch seconds: rows are created after `since` and not after `asOf`. */
export interface Window {
  readonly since: number;
  readonly asOf: number;
}

/**
 * Knots per hour of window. Between two knots arrivals are even, so a quiet night spans one cell of about three
 * hours; the tests' night/evening ratios hold at 2. More cost more than they give: a part's query carries the knots
 * of its table and of its parents in every vector, and at 6 (158k knots for 3 years) orders ran 1.45x slower.
 */
export const KNOTS_PER_HOUR = 2;
const MIN_CELLS = 16;
const MAX_CELLS = 400_000;

/** A window with no hour of positive rate: no row can be placed in it. */
export class NoArrivals extends Error {}

interface Piece {
  readonly start: number;
  readonly end: number;
  /** Arrivals before the piece. */
  readonly before: number;
  readonly rate: number;
}

function pieces(window: Window, weight: (hourStart: number) => number): { list: Piece[]; total: number } {
  const list: Piece[] = [];
  let total = 0;
  for (let hour = Math.floor(window.since / HOUR) * HOUR; hour < window.asOf; hour += HOUR) {
    const start = Math.max(hour, window.since);
    const end = Math.min(hour + HOUR, window.asOf);
    const rate = weight(hour);
    if (!(rate >= 0) || !Number.isFinite(rate)) throw new Error(`the timeline's rate at ${new Date(hour * 1000).toISOString()} is ${rate}, not a finite number >= 0`);
    if (rate > 0 && end > start) {
      list.push({ start, end, before: total, rate });
      total += rate * (end - start);
    }
  }
  return { list, total };
}

/** The window's knots: `cells + 1` times, the first where arrivals begin, the last where they end. */
export function knotsOf(window: Window, weight: (hourStart: number) => number): number[] {
  const { list, total } = pieces(window, weight);
  const first = list[0];
  const last = list[list.length - 1];
  if (!first || !last || !(total > 0)) throw new NoArrivals('no arrivals in the window');
  const cells = Math.min(MAX_CELLS, Math.max(MIN_CELLS, Math.round(((last.end - first.start) / HOUR) * KNOTS_PER_HOUR)));
  const knots: number[] = [first.start];
  let index = 0;
  for (let j = 1; j < cells; j += 1) {
    const target = (total * j) / cells;
    let piece = list[index] ?? last;
    while (index < list.length - 1 && piece.before + piece.rate * (piece.end - piece.start) < target) {
      index += 1;
      piece = list[index] ?? last;
    }
    knots.push(Math.min(piece.end, piece.start + (target - piece.before) / piece.rate));
  }
  knots.push(last.end);
  return knots;
}

/**
 * How many of a window's `rows` exist at `time` (epoch seconds), as parentRows.ts counts them in SQL: those whose
 * quantile lies at or below the arrivals' share at time - 1, so float rounding can only undercount.
 */
export function existingRows(knots: readonly number[], rows: number, time: number): number {
  const at = time - 1;
  const cells = knots.length - 1;
  if (at <= (knots[0] ?? Infinity)) return 0;
  if (at >= (knots[cells] ?? -Infinity)) return rows;
  let low = 0;
  let high = cells - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((knots[middle] ?? Infinity) <= at) low = middle;
    else high = middle - 1;
  }
  const from = knots[low] ?? 0;
  const to = knots[low + 1] ?? from;
  const share = (low + (to > from ? (at - from) / (to - from) : 0)) / cells;
  return Math.floor(rows * share);
}

/**
 * Where a segment's rows begin (epoch seconds): its window's start, or for the segment from ID 1 of a table with
 * `pastYears`, that many (mean Gregorian) years before it, to the whole second.
 */
export function rowsBegin(timeline: Timeline, since: number, firstId: number): number {
  return firstId === 1 && timeline.pastYears ? since - Math.round(timeline.pastYears * YEAR) : since;
}

/** How far back a table's history starts on its first run when `--since` is not given. */
export const DEFAULT_HISTORY_YEARS = 3;

/** The default start of a first window: the same date and time DEFAULT_HISTORY_YEARS calendar years before as-of. */
export function defaultSince(asOf: string): string {
  const date = new Date(asOf);
  date.setUTCFullYear(date.getUTCFullYear() - DEFAULT_HISTORY_YEARS);
  return date.toISOString().replace('.000Z', 'Z');
}
