/**
 * How the original tool's files of a table are read (run/legacy/): the columns synthgen needs of its rows for
 * children to reference them, and which of the table's fields each gives. A table's own module says it
 * (tables/legacy/); the engine knows no table.
 */

/** The kinds of column a file may hold a value in, by DuckDB type. */
export type LegacyKind = 'integer' | 'time' | 'number' | 'text';

/** Rows in groups by a field of small range (users by locale), which a pick can then tell without reading the row. */
export interface LegacyGroup {
  /** The table's field the group is: its value for a row of the group. */
  readonly field: string;
  readonly count: number;
  /** The file columns it may be read from (at least one is needed), and SQL of the group or NULL from those present. */
  readonly columns: readonly string[];
  readonly sql: (present: ReadonlySet<string>) => string;
  /** What a row with no group lacks, for the line that counts them: `a country synthgen models`. */
  readonly lacking: string;
}

/** A value of the rows a child copies (a product's price), kept in the snapshot. */
export interface LegacyValue {
  /** Its column in the snapshot, and its type there. */
  readonly column: string;
  readonly type: string;
  /** The file columns it may be read from, of these kinds: at least one is needed when it is required. */
  readonly columns: readonly string[];
  readonly kinds: readonly LegacyKind[];
  readonly required: boolean;
  /** SQL of the value from the columns present; NULL where the row has none. */
  readonly sql: (present: ReadonlySet<string>) => string;
  /** SQL, true where a value is there but wrong (refused), and what a right one is: `a whole number of cents from 0`. */
  readonly wrong?: { readonly sql: (present: ReadonlySet<string>) => string; readonly right: string };
  /** The table's fields it gives; with `fallback`, a row without it is recomputed there, else it is left out. */
  readonly fields: readonly string[];
  readonly fallback: boolean;
}

export interface LegacyTableSpec {
  readonly table: string;
  /** The key column, of an integer type. */
  readonly key: string;
  /** The creation time (a timestamp or a date): the first of these columns a row has a value in. */
  readonly created: readonly string[];
  readonly group?: LegacyGroup;
  readonly values: readonly LegacyValue[];
  /**
   * SQL of the snapshot's rows (`snapshot`: a relation with its columns) as the table's own columns, for verify to
   * check children against: at least the ones the table's cross-table rules read.
   */
  readonly asTable: (snapshot: string) => string;
}

/** The DuckDB types of each kind, as DESCRIBE names them. */
const KINDS: Readonly<Record<LegacyKind, RegExp>> = {
  integer: /^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/,
  time: /^(TIMESTAMP|TIMESTAMP WITH TIME ZONE|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|DATE)$/,
  number: /^(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|DECIMAL\(\d+,\d+\)|FLOAT|DOUBLE)$/,
  text: /^VARCHAR$/,
};

export function isKind(type: string, kinds: readonly LegacyKind[]): boolean {
  return kinds.some((kind) => KINDS[kind].test(type));
}

/** How a kind is named in a line: `TIMESTAMP or DATE`. */
export function describeKinds(kinds: readonly LegacyKind[]): string {
  const names: Record<LegacyKind, string> = { integer: 'an integer type', time: 'TIMESTAMP, TIMESTAMPTZ or DATE', number: 'a number (DECIMAL, DOUBLE or an integer type)', text: 'VARCHAR' };
  return kinds.map((kind) => names[kind]).join(' or ');
}
