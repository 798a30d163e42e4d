/**
 * Sets of IDs as sorted, disjoint [first_id, last_id] ranges: what runs reserved, by the manifests or the metadata.
 * Lists of ranges grow with runs and segments (hundreds of thousands), so nothing here spreads them into a call
 * or recurses over them.
 */

export interface IdRange {
  readonly first_id: number;
  readonly last_id: number;
}

/** The same IDs as sorted ranges with no overlap and no two adjacent. */
export function mergeRanges(ranges: Iterable<IdRange>): IdRange[] {
  const sorted = Array.from(ranges, (r) => ({ first_id: r.first_id, last_id: r.last_id })).sort((a, b) => a.first_id - b.first_id);
  const merged: { first_id: number; last_id: number }[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.first_id <= last.last_id + 1) {
      if (range.last_id > last.last_id) last.last_id = range.last_id;
    } else {
      merged.push(range);
    }
  }
  return merged;
}

/** How many IDs merged ranges hold. */
export function idCount(merged: readonly IdRange[]): number {
  let total = 0;
  for (const range of merged) total += range.last_id - range.first_id + 1;
  return total;
}

/** `1-3000, 5001-6000`, and past `limit` ranges how many more. */
export function describeRanges(merged: readonly IdRange[], limit = 6): string {
  const shown = merged.slice(0, limit).map((r) => (r.first_id === r.last_id ? `${r.first_id}` : `${r.first_id}-${r.last_id}`));
  const more = merged.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more ranges` : shown.join(', ');
}
