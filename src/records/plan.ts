/**
 * Cutting a table's ID range into parts, and naming their files. A table's parts are a rule (its range and the rows
 * per part), not a list: a run of 10^15 rows plans, records and resumes in the same few bytes as one of 10^3, and any
 * part is computed from the rule when it is needed. Pure functions: the same inputs, the same plan.
 */
import { join } from 'node:path';

/** A table's parts by rule: part i (0-based) holds IDs `first_id + i * rows_per_part` on, the last one fewer. */
export interface TablePlan {
  readonly table: string;
  readonly first_id: number;
  readonly last_id: number;
  readonly rows_per_part: number;
  readonly parts: number;
}

export interface PlannedPart {
  readonly table: string;
  /** 0-based, within the table. */
  readonly index: number;
  readonly firstId: number;
  readonly lastId: number;
  readonly path: string;
}

/**
 * A run's file names start with its stamp: the start time (`YYYYMMDDHHMMSS`, UTC) and the random part of its run id,
 * so two runs never pick the same name, whatever their metadata files, even when they start in the same second.
 */
export const STAMP_PATTERN = /^\d{14}-[0-9a-f]{8}$/;

/** `YYYYMMDDHHMMSS` in UTC. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** `<stamp>.parquet` for a single part, `<stamp>_part_001.parquet` and on when a table needs several. */
export function fileName(stamp: string, index: number, count: number): string {
  if (count === 1) return `${stamp}.parquet`;
  const width = Math.max(3, String(count).length);
  return `${stamp}_part_${String(index).padStart(width, '0')}.parquet`;
}

/**
 * Parts of one table are made equal when that costs each file at most this share of its rows. With full parts and
 * a small last one, the workers that drew full parts finish last while the others idle (2M orders in 9.6 parts: 3.6%
 * of two workers' time). Equal parts of at least 95% of the size that aims at 90% of the limit stay above the 80%
 * floor.
 */
export const EQUAL_PARTS_FLOOR = 0.95;

/** Rows per part: `maxRows`, or less where the table then splits into parts of equal size. */
export function balancedRowsPerPart(total: number, maxRows: number): number {
  const count = Math.ceil(total / maxRows);
  const even = Math.ceil(total / count);
  return even >= maxRows * EQUAL_PARTS_FLOOR ? even : maxRows;
}

/** The plan depends on the range and the part size only, never on the worker count: files are the same either way. */
export function planTable(options: {
  readonly table: string;
  readonly firstId: number;
  readonly lastId: number;
  /** The most rows a file may hold to stay within the size limit. */
  readonly rowsPerPart: number;
}): TablePlan {
  const { table, firstId, lastId } = options;
  const total = lastId - firstId + 1;
  if (!Number.isSafeInteger(firstId) || !Number.isSafeInteger(total) || firstId < 1 || total < 1) {
    throw new Error(`cannot plan ${table}: IDs ${firstId}-${lastId} are not a range`);
  }
  const most = Math.floor(options.rowsPerPart);
  if (!Number.isSafeInteger(most) || most < 1) throw new Error(`cannot plan ${table}: ${options.rowsPerPart} rows per part`);
  const rowsPerPart = balancedRowsPerPart(total, Math.min(most, total));
  return { table, first_id: firstId, last_id: lastId, rows_per_part: rowsPerPart, parts: Math.ceil(total / rowsPerPart) };
}

/** Part `index` (0-based) of a plan, its file under `<out>/<table>/`. */
export function partAt(plan: TablePlan, index: number, out: string, stamp: string): PlannedPart {
  if (!Number.isSafeInteger(index) || index < 0 || index >= plan.parts) throw new Error(`${plan.table} has no part ${index}`);
  const firstId = plan.first_id + index * plan.rows_per_part;
  return {
    table: plan.table,
    index,
    firstId,
    lastId: Math.min(plan.last_id, firstId + plan.rows_per_part - 1),
    path: join(out, plan.table, fileName(stamp, index + 1, plan.parts)),
  };
}

/** Whether the plan's parts cover exactly its range, each within `rows_per_part`: checked before a run commits. */
export function coversExactly(plan: TablePlan, first: number, last: number): boolean {
  const total = last - first + 1;
  return (
    plan.first_id === first &&
    plan.last_id === last &&
    plan.parts >= 1 &&
    plan.rows_per_part >= 1 &&
    (plan.parts - 1) * plan.rows_per_part < total &&
    plan.parts * plan.rows_per_part >= total
  );
}
