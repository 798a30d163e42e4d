/**
 * What a compiled query takes of the original tool's rows of a parent (see legacyArrivals.ts): the values its rows
 * give, joined in from a table the worker loads (the snapshot), in place of what synthgen would recompute.
 */
import type { RowContext } from '../tableDefinition.js';

/**
 * A table the worker loads from a file before the query runs (the original tool's rows of a parent), joined to the
 * rows by a key: what a row needs of a parent that cannot be recomputed.
 */
export interface LookupJoin {
  /** The table's name in the worker's DuckDB, and the Parquet file it is loaded from. */
  readonly table: string;
  readonly file: string;
  /** The table's key column, and SQL of the key in the query's rows (over fields computed before, `keyFields`). */
  readonly keyColumn: string;
  readonly key: string;
  readonly keyFields: readonly string[];
  /** Each column read: the table's column, and the field it becomes in the query. */
  readonly columns: readonly (readonly [string, string])[];
}

/** How a parent's values are taken when the row picked may be one of the original tool's. */
export interface LegacyValues {
  /** SQL, true when the parent row is one of the original tool's. */
  readonly isLegacy: string;
  /**
   * For a field the tool's rows give: SQL of its value, given the field recomputed (called only if it is read, as
   * a fallback for a value the row lacks); undefined: the field is recomputed from the row's draws alone.
   */
  readonly value: (field: string) => ((recomputed: () => string) => string) | undefined;
  /** Whether synthgen's rows may be picked as well (else every row is the tool's). */
  readonly synthgen: boolean;
  /** A candidate of accept: it has only the fields the tool's rows give, so any other read is refused. */
  readonly candidate: boolean;
}

/** A parent field's SQL builder, for a parent whose row may be one of the original tool's. */
export function legacyValue(legacy: LegacyValues | undefined, name: string, build: (context: RowContext) => string): (context: RowContext) => string {
  const given = legacy?.value(name);
  if (!legacy || !given) return build;
  if (!legacy.synthgen) return (context) => given(() => build(context));
  return (context) => {
    const recomputed = build(context);
    return `CASE WHEN ${legacy.isLegacy} THEN ${given(() => recomputed)} ELSE ${recomputed} END`;
  };
}
