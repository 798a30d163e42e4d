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

/** `3 rows break it: order_id 5, 17, 23`, and past the ones shown, how many more rows there are. */
export function violation(check: string, count: number, what: string, key: string, ids: readonly number[]): VerifyCheck {
  const more = count > ids.length ? ` and ${count - ids.length} more` : '';
  const listed = ids.length > 0 ? `: ${key} ${ids.join(', ')}${more}` : '';
  return { check, result: 'violation', detail: `${count} ${what}${listed}`, ...(ids.length > 0 ? { ids } : {}) };
}

/** An ok line when nothing offends, else the violation with the IDs that `ids` finds (run only then). */
export async function tallyWithIds(
  checks: VerifyCheck[],
  check: string,
  count: number,
  counts: { readonly what: string; readonly fine: string; readonly key: string },
  ids: () => Promise<readonly number[]>,
): Promise<void> {
  checks.push(count === 0 ? { check, result: 'ok', detail: counts.fine } : violation(check, count, counts.what, counts.key, await ids()));
}
