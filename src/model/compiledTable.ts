/**
 * What the query compiler (compileTable.ts) is given and gives back: the rows a table is compiled for, and the
 * compiled table, whose SELECT computes any ID range of them.
 */
import type { AggregateRead, FieldReads } from './compilation.js';
import type { LegacyParents, ParentRange } from '../records/segment.js';
import type { PoolDefinition } from './tableDefinition.js';
import type { TallyLayout } from './tallies.js';

export interface TableRows {
  readonly seed: number;
  readonly asOf: string;
  /** This run's rows of the table: their IDs, and the window (since, as-of] they are created in. */
  readonly own: { readonly first_id: number; readonly last_id: number; readonly since: string };
  /** For each parent table, the ranges this table's rows may reference. */
  readonly parents: Readonly<Record<string, readonly ParentRange[]>>;
  /** For a parent table with rows the original tool made and synthgen read: those rows, which they may reference too. */
  readonly legacy?: Readonly<Record<string, LegacyParents>>;
}

export interface PartRows extends TableRows {
  readonly firstId: number;
  readonly lastId: number;
}

export interface CompiledTable {
  readonly table: string;
  /** Every pool the query reads, its own and those of recomputed parent values, in first-read order. */
  readonly pools: readonly PoolDefinition[];
  /** The SELECT of rows firstId..lastId, columns in output order and types. */
  select(firstId: number, lastId: number): string;
  /**
   * The same SELECT over the rows' IDs in `relation` (one BIGINT column, in ID order). Workers give it a table of
   * IDs: DuckDB scans a table with several threads, range() with one (see workers/generatePart.ts).
   */
  selectFrom(relation: string): string;
  /** What each field of the query read, by its name in the query: what the data dictionary's depends-on is made of. */
  readonly reads: ReadonlyMap<string, FieldReads>;
  /** For a children table: the aggregates given, one row per parent id (`__id`) of `relation` that has lines. */
  aggregateFrom(relation: string, reads: readonly AggregateRead[]): string;
  /** The tables a worker loads before running the query (the original tool's rows of parents): name and file. */
  readonly lookups: readonly Lookup[];
  /** The tallies of later tables its rows read (tallies.ts): a part loads them before running the query. */
  readonly tallies: readonly TallyLayout[];
}

export interface Lookup {
  readonly table: string;
  readonly file: string;
}
