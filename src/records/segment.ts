/**
 * A segment is one run's contiguous ID range of one table, with what is needed to recompute any of its rows:
 * the seed, the window (since, as-of] its rows were created in, the generator version, plus (for tables with
 * parents) how many parent rows existed.
 */
export interface Segment {
  readonly first_id: number;
  readonly last_id: number;
  readonly seed: number;
  /**
   * Start of the window, exclusive: the table's previous as-of, or the history's start (`--since`) on its first run.
   * Absent in segments made before synthgen placed rows in windows: those cannot be continued.
   */
  readonly since?: string;
  readonly as_of: string;
  readonly version: number;
  readonly run_id: string;
  /** Parent table -> its last_id when this segment was made: rows were drawn from the parent's segments up to it. */
  readonly parents?: Readonly<Record<string, number>>;
  /**
   * Parent table -> the SHA-256 of the original tool's rows of it (LegacyParents) that this segment's rows were
   * drawn from as well: only segments made after synthgen read those rows have it.
   */
  readonly legacy_parents?: Readonly<Record<string, string>>;
}

/** Rows made by the original tool: their IDs are taken, but their values cannot be recomputed. */
export interface LegacySegment {
  readonly first_id: number;
  readonly last_id: number;
  readonly legacy: true;
}

/**
 * The original tool's rows of a parent table, as synthgen read them once from its files (run/legacy/): a Parquet
 * snapshot beside the metadata, whose rows children may reference (schema/legacy/).
 */
export interface LegacyParents {
  readonly table: string;
  /** The snapshot's absolute path, and its SHA-256 (which names its loaded form, schema/legacy/legacyArrivals.ts). */
  readonly path: string;
  readonly sha256: string;
  /** How many rows children may reference. */
  readonly rows: number;
}

/** What a child part needs of a parent segment. */
export interface ParentRange {
  readonly first_id: number;
  readonly last_id: number;
  readonly seed: number;
  readonly since: string;
  readonly as_of: string;
  readonly version: number;
  /** The parent's own parents' ranges when the segment was made: they shaped when its rows were created. */
  readonly parents?: Readonly<Record<string, readonly ParentRange[]>>;
  /** The original tool's rows of those parents that it drew from too. */
  readonly legacy?: Readonly<Record<string, LegacyParents>>;
}

export function isLegacy(segment: Segment | LegacySegment): segment is LegacySegment {
  return 'legacy' in segment && segment.legacy === true;
}

export function rowCount(range: { readonly first_id: number; readonly last_id: number }): number {
  return range.last_id - range.first_id + 1;
}
