/**
 * What a table is: data the engine reads, nothing the engine knows. A table module exports one TableDefinition;
 * registering it in tables/index.ts is all it takes to add a table.
 */
import type { RandomSource } from './random.js';

/** What a field's SQL can reach: its own row's draws, its parents' rows, and other fields of the same row. */
export interface RowContext {
  /** Draws for this row (salted by this run's seed). */
  readonly row: RandomSource;
  /** The row this row references through `table`: its id, as-of and draws, salted by the segment it lies in. */
  parent(table: string): RandomSource;
  /** A reference to another field of this row; the query builder orders fields so it is computed first. */
  field(name: string): string;
}

/** A value computed per row. A field whose name starts with `_` is a helper and is not written. */
export interface Field {
  readonly name: string;
  readonly sql: (context: RowContext) => string;
}

export interface Column extends Field {
  /** The DuckDB type it is written as. */
  readonly type: string;
  /** For the data dictionary: what the value means. */
  readonly description: string;
  /** For the data dictionary: how the value is drawn. */
  readonly distribution: string;
}

/** A foreign key: `column` holds an id of `table`, chosen with a skew (1 = uniform; 3 = the top 20% of rows get ~58%). */
export interface ParentReference {
  readonly table: string;
  readonly column: string;
  readonly skew: number;
}

/**
 * An invariant of the table's rows, checked by `synthgen verify`: SQL naming the rows that break it, as the body of
 * `SELECT count(*) FROM ...`. `t(name)` is the relation holding a table's rows (this one's or a parent's).
 */
export interface Rule {
  readonly description: string;
  /** Other tables it reads: it is checked only where their files are present too. */
  readonly reads?: readonly string[];
  readonly violations: (t: (table: string) => string) => string;
}

export interface TableDefinition {
  readonly name: string;
  readonly description: string;
  /** Changes whenever this table's generated values change for the same (seed, id, as-of). */
  readonly version: number;
  readonly primaryKey: string;
  readonly parents: readonly ParentReference[];
  /** Names of the pools (see pools.ts) its SQL reads with poolAt(). */
  readonly pools: readonly string[];
  readonly helpers: readonly Field[];
  /** In output order; the first is the primary key. */
  readonly columns: readonly Column[];
  /** Columns besides the primary key whose values never repeat. */
  readonly unique?: readonly string[];
  readonly rules?: readonly Rule[];
}
