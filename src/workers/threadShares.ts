/**
 * How many DuckDB threads each part gets. A run has a budget of threads (`--workers`); while more parts are left
 * than threads, each part gets one, the cheapest way to keep every core busy (no coordination inside DuckDB). Once
 * fewer are left, a part starting gets its share of the work left: a table of one file gets every thread, and of a
 * table cut into 114 MB and 22 MB the larger part gets both threads of two instead of leaving one idle after the
 * smaller is done. The split changes no byte (see workers/generatePart.ts), only how soon the cores finish.
 *
 * Pure, and about work measured in rows: per row, the built-in tables cost within a quarter of each other.
 */
import { DUCKDB_ROW_GROUP_ROWS } from '../records/parquetFormat.js';

/** A part under way: its rows, the threads it got and when it started. */
export interface RunningPart {
  readonly rows: number;
  readonly threads: number;
  readonly startedMs: number;
}

/** Rows per thread-millisecond, learned from the parts finished so far. */
export class ThreadRate {
  #rows = 0;
  #threadMs = 0;

  finished(part: RunningPart, nowMs: number): void {
    this.#rows += part.rows;
    this.#threadMs += Math.max(1, nowMs - part.startedMs) * part.threads;
  }

  /** Rows a part under way has still to do: all of them until a part has finished and the rate is known. */
  remaining(part: RunningPart, nowMs: number): number {
    if (this.#threadMs === 0) return part.rows;
    const done = (this.#rows / this.#threadMs) * (nowMs - part.startedMs) * part.threads;
    return Math.max(0, part.rows - done);
  }
}

/** The most threads a part of `rows` rows can keep busy: DuckDB scans its table of IDs one row group per thread. */
export function usefulThreads(rows: number): number {
  return Math.max(1, Math.ceil(rows / DUCKDB_ROW_GROUP_ROWS));
}

/**
 * Threads for a part of `rows` rows starting now: its share of the `budget` by the rows left (`leftRows`: this part's,
 * those not started and what those under way have still to do), at least one, at most the budget and what it can use.
 */
export function threadsFor(rows: number, leftRows: number, budget: number): number {
  const share = leftRows > 0 ? Math.round((rows * budget) / leftRows) : budget;
  return Math.max(1, Math.min(share, budget, usefulThreads(rows)));
}

/**
 * Whether another part may start, with `parts` under way holding `threadsInUse` of the `budget`: one thread more
 * than the budget is allowed, so that a small last part starts beside a large one that holds every thread (2M orders
 * on two threads: the 114 MB part on two, the 22 MB part on one beside it) instead of after it. Oversubscribed by one
 * thread, the cores fill the moments a thread of the large part waits for the ordered writer. Never more parts than
 * the run's `workers` (at most the budget, fewer for a small run: partsAtOnce): each needs a worker thread of its own.
 */
export function roomFor(parts: number, threadsInUse: number, budget: number, workers = budget): boolean {
  return parts < Math.min(workers, budget) && threadsInUse <= budget;
}

/**
 * How many parts a run writes at once at most: one per thread of its `budget`, but one in all for a small run, every
 * table in one file (`partsPerTable`) and no more than a row group of rows (`rows`, DuckDB's, what one thread scans at
 * a time). A second worker thread and its DuckDB cost ~0.3 CPU-seconds to start, more than they save such a run: a
 * run of 1,000 rows of each built-in table took the same wall time on one worker as on two, and 0.3 CPU-seconds less.
 */
export function partsAtOnce(partsPerTable: readonly number[], rows: number, budget: number): number {
  return partsPerTable.every((parts) => parts <= 1) && rows <= DUCKDB_ROW_GROUP_ROWS ? 1 : budget;
}
