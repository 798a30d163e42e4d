/**
 * A segment is one run's contiguous ID range of one table, with what is needed to recompute any of its rows:
 * the seed, the as-of and the generator version, plus (for tables with parents) how many parent rows existed.
 */
export interface Segment {
  readonly first_id: number;
  readonly last_id: number;
  readonly seed: number;
  readonly as_of: string;
  readonly version: number;
  readonly run_id: string;
  /** Parent table -> its last_id when this segment was made: rows were drawn from the parent's segments up to it. */
  readonly parents?: Readonly<Record<string, number>>;
}

/** Rows made by the original tool: their IDs are taken, but their values cannot be recomputed. */
export interface LegacySegment {
  readonly first_id: number;
  readonly last_id: number;
  readonly legacy: true;
}

/** What a child part needs of a parent segment. */
export interface ParentRange {
  readonly first_id: number;
  readonly last_id: number;
  readonly seed: number;
  readonly as_of: string;
  readonly version: number;
}

export function isLegacy(segment: Segment | LegacySegment): segment is LegacySegment {
  return 'legacy' in segment && segment.legacy === true;
}

export function rowCount(range: { readonly first_id: number; readonly last_id: number }): number {
  return range.last_id - range.first_id + 1;
}
