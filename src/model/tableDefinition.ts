/**
 * The table contract: what a table is, as data the engine reads. Nothing here knows a table. The built-in tables
 * (src/tables) and a user's module (`--tables`) build definitions with defineTable() and definePool(), which check
 * them; the registry (registry.ts) orders them by their parents and compiles each once to check what they read.
 */
import type { RandomSource } from './random.js';
import type { Timeline } from './time/timeline.js';
import type { FirstChildren } from './parents/firstChildren.js';
import type { TallyFn } from './tallies.js';

/** A list of values built once per run by the coordinator, which rows index into: names, words, a catalogue. */
export interface PoolDefinition {
  /** Safe as a column name; unique among every pool a run reads. */
  readonly name: string;
  /** `text` pools are loaded as VARCHAR[], `number` pools as DOUBLE[]. */
  readonly type: 'text' | 'number';
  /** The values, the same on every call: generated rows store indexes, so a change here changes data. */
  readonly build: () => readonly (string | number)[] | Promise<readonly (string | number)[]>;
}

/** A parent row: its draws, and any value it computes from its own row, recomputed where the child needs it. */
export interface ParentRow extends RandomSource {
  /** SQL, BOOLEAN: this row is the parent's first child, by construction (`firsts`); FALSE without `firsts`. */
  readonly firstChild: string;
  /** SQL for the parent's field or column `name` (a column as the type it is written in), for this child's row. */
  value(name: string): string;
  /**
   * SQL for the value the parent's file holds in its column `column` (as the column's type), read from the parent's
   * files of the same run: for a value that cannot be recomputed from the parent's draws (one the parent chose by a
   * fit over its children). A children table's group parent only (`parent(children.parent)`); the run makes the
   * parent's parts first. Inside the parent's own query (its `aggregate()` of these rows) it is NULL, and the parent
   * may not aggregate a field that reads it.
   */
  written(column: string): string;
}

/** What a field's SQL can reach: its own row's draws, its parents' rows, other fields of the row, and pools. */
export interface RowContext {
  /** Draws for this row (salted by this run's seed). */
  readonly row: RandomSource;
  /** The row this row references through `table`: its id, as-of and draws, salted by the segment it lies in. */
  parent(table: string): ParentRow;
  /** A reference to another field of this row; the compiler orders fields so it is computed first. */
  field(name: string): string;
  /** The pool entry at a 0-based index (SQL); the pool must be one the table declares. */
  pool(pool: PoolDefinition, index: string): string;
  /** The number of entries of a pool, as UBIGINT SQL (to take a hash modulo it). */
  poolLength(pool: PoolDefinition): string;
  /**
   * In a children table (`children`): SQL for this row's line number within its parent row, 1 to the parent's count.
   * Elsewhere it throws a definition problem.
   */
  readonly lineNumber: string;
  /**
   * SQL for an aggregate over this row's children in `table` (a table whose `children.parent` is this one): their
   * count, or the sum, min, max or average of their field `field`, recomputed from the children's own definition
   * (nothing is read from files). NULL for min/max/avg of a row without children; 0 for count and sum.
   */
  aggregate(table: string, fn: ChildAggregate, field?: string): string;
  /**
   * SQL for a tally (tallies.ts): the count, or the sum, min or max of column `field`, of the rows of `table` made in
   * the same run that reference this row (`table` names this one among its parents), or its rank by that sum among
   * every row of this table (1 = most; equal sums and rows none reference in ID order). The run makes `table` first
   * and reads its files' values, so this row's values follow what exists: a customer's orders, a product's sales.
   * NULL for min and max of a row that none reference (or when the run does not make `table`); 0 for count and sum.
   * Only the row's own fields may read it: a table that recomputes this one's values cannot recompute a tally.
   */
  tally(table: string, fn: TallyFn, field?: string): string;
}

export type ChildAggregate = 'count' | 'sum' | 'min' | 'max' | 'avg';

/**
 * Rows that come in groups per row of a parent table (order lines per order), generated in the same run as the
 * parent: a run of the parent makes them for its rows, and a run never names them alone. Their key is (`column`,
 * `line`): the parent's id and the line number. Their own `row.id` is a draw id unique in the table, parent id x
 * LINE_SLOTS + line, not written; they are created when their parent row is.
 */
export interface ChildrenOf {
  readonly parent: string;
  /** The column holding the parent's id: the first key column. `parent(<parent>)` in fields is the group's parent. */
  readonly column: string;
  /** The column holding the line number: the second key column, its sql `({ lineNumber }) => lineNumber`. */
  readonly line: string;
  /** SQL: how many rows the parent row gets, 0 to `most`, from the parent row's draws (the same wherever computed). */
  readonly count: (parent: RandomSource) => string;
  /** The most rows a parent row gets: at most LINE_SLOTS - 1. */
  readonly most: number;
  /** The mean rows per parent row, for sizing parts. */
  readonly mean: number;
  /**
   * Parent references whose first draws the rows read (FirstDraws): the rows the parent's reference drew first,
   * recomputed from the parent row's draws. Order lines read the customers their order drew first: a stock-up run
   * keeps one of them by a rule the lines recompute too, and then takes that customer's regular products.
   */
  readonly firstDraws?: FirstDraws;
}

/**
 * A children table's reads of its group parent's first draws: per table the parent references, how many of the
 * parent's first candidates for it (before `accept` and first children, among rows at least `firsts.within` old
 * when it has first children): `parent('<parent>.<table>')` the first, `parent('<parent>.<table>#1')` the second.
 */
export interface FirstDraws {
  readonly draws: Readonly<Record<string, number>>;
  /** A helper of the row's, BOOLEAN: the draws are computed where it is TRUE only, and NULL elsewhere (they cost). */
  readonly when?: string;
}

/** Pool reads alone: what helpers shared between tables take when they look values up. */
export type PoolReader = Pick<RowContext, 'pool' | 'poolLength'>;

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
  /**
   * Bounds `synthgen verify` checks every non-NULL value against, inclusive (non-negative money: `minimum: 0`).
   * Numeric columns only.
   */
  readonly minimum?: number;
  readonly maximum?: number;
  /**
   * A DATE or TIMESTAMP column whose values may lie after their run's as-of (a promised date, not an event that
   * happened): verify checks every other such column against the as-of of the run that made the row.
   */
  readonly mayFollowAsOf?: true;
}

/**
 * A foreign key: `column` holds an id of `table`, one created before the child row, chosen by popularity: `skew` 1
 * is uniform, larger gives a few parents most children (popularity.ts); the `idle` share of parents is never chosen.
 */
export interface ParentReference {
  readonly table: string;
  readonly column: string;
  readonly skew: number;
  readonly idle?: number;
  /**
   * Rejection sampling: up to `attempts` parents are drawn, and the first for which `sql` (over this row and the
   * candidate) is true is taken, else the last. Orders take a customer for whom the order's hour is a likely one.
   */
  readonly accept?: {
    readonly attempts: number;
    /** `attempt` (0-based) tells the attempts apart, for draws of their own. */
    readonly sql: (context: RowContext, candidate: ParentRow, attempt: number) => string;
  };
  /**
   * First children (parents/firstChildren.ts): every `every`-th row takes the newest parent when it is new (created
   * within `within` seconds) and not idle, and is then that parent's first child (`parent(table).firstChild`); other
   * rows pick only among parents at least `within` seconds old. Orders give first orders a welcome coupon.
   */
  readonly firsts?: FirstChildren;
  /**
   * Picks drawn by a key instead of the row: where the helper field `key` is not NULL, the first `attempts` (all
   * when absent) draw with the key's draws among the parents existing at the time in the helper field `at`, so
   * rows of one key see the same candidates, attempt by attempt, and keep the same one (a customer's regular
   * products: key the customer and a slot, at the customer's registration); later attempts, and rows whose key is
   * NULL, draw with the row's own draws as usual.
   */
  readonly keyed?: { readonly key: string; readonly at: string; readonly attempts?: number };
}

/**
 * An invariant of the table's rows, checked by `synthgen verify`: SQL naming the rows that break it, as the body of
 * `SELECT count(*) FROM ...` (verify adds the lowest few keys to that select). `t(name)` is the relation holding a table's rows (this one's or a parent's).
 */
export interface Rule {
  readonly description: string;
  /** Other tables it reads: it is checked only where their files are present too. */
  readonly reads?: readonly string[];
  readonly violations: (t: (table: string) => string) => string;
  /**
   * SQL naming the broken row's key among the body's columns, for verify to list the first few: by default the
   * table's primary key by its bare name, which is enough unless the body hides it or joins two tables that both
   * have a column of that name (then `o.order_id`, by the body's alias).
   */
  readonly key?: string;
}

export interface TableDefinition {
  readonly name: string;
  readonly description: string;
  /** Changes whenever this table's generated values change for the same (seed, id, as-of). */
  readonly version: number;
  readonly primaryKey: string;
  /** When rows arrive (timeline.ts); evenly over the window when absent. */
  readonly timeline?: Timeline;
  readonly parents: readonly ParentReference[];
  /** The pools its fields read through `pool()` and `poolLength()` (a recomputed parent value reads its parent's). */
  readonly pools: readonly PoolDefinition[];
  readonly helpers: readonly Field[];
  /** In output order; the first is the primary key. */
  readonly columns: readonly Column[];
  /** Rows in groups per parent row (ChildrenOf): then `primaryKey` is the parent id column and `children.line`. */
  readonly children?: ChildrenOf;
  /** Columns besides the primary key whose values never repeat. */
  readonly unique?: readonly string[];
  readonly rules?: readonly Rule[];
}
