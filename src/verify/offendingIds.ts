/**
 * The few offending rows a violation names: up to SHOWN_IDS primary keys, the lowest, found with DuckDB's top-N
 * aggregate `min(key, n)`, which keeps n values while it scans instead of sorting every offending row.
 */
import type { VerifyCheck } from './verifyReport.js';

export const SHOWN_IDS = 5;

/** SQL for the lowest few values of `key` among the rows the aggregate sees (with FILTER, among those it keeps). */
export function lowestIds(key: string): string {
  return `min(${key}, ${SHOWN_IDS})`;
}

/** The IDs a `lowestIds` aggregate returned (a list, as JSON strings), each once, in order. */
export function idsOf(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  const ids = value.map(Number).filter((id) => Number.isSafeInteger(id));
  return [...new Set(ids)].sort((a, b) => a - b).slice(0, SHOWN_IDS);
}

/**
 * `3 rows break it: order_id 5, 17, 23`, and past the ones shown, how many more there are of `listed` (the
 * offending rows, or values: by default `count`).
 */
export function violation(check: string, count: number, what: string, key: string, ids: readonly number[], listed = count): VerifyCheck {
  const more = listed > ids.length ? ` and ${listed - ids.length} more` : '';
  const shown = ids.length > 0 ? `: ${key} ${ids.join(', ')}${more}` : '';
  return { check, result: 'violation', detail: `${count} ${what}${shown}`, ...(ids.length > 0 ? { ids } : {}) };
}

/** A row of a query selecting `lowestIds(...) AS ids` and `count(*) AS listed`: the IDs and how many there were. */
export function offending(row: Record<string, unknown>): { readonly ids: readonly number[]; readonly listed: number } {
  return { ids: idsOf(row.ids), listed: Number(row.listed ?? 0) };
}
