/**
 * What a generator of a schema file compiles to: a column's SQL over the row's context, its type, and what the data
 * dictionary says of it, all from the column's options (nothing is described by hand beside the logic).
 */
import type { RandomSource } from '../../model/random.js';
import type { PoolDefinition, RowContext } from '../../model/tableDefinition.js';
import type { ColumnSpec, TableSpec } from '../format/schemaFormat.js';

export interface CompiledColumn {
  readonly type: string;
  readonly sql: (context: RowContext, row: RandomSource) => string;
  readonly distribution: string;
  readonly description?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly mayFollowAsOf?: true;
  readonly pools?: readonly PoolDefinition[];
}

/** A referenced table, as a column's generator sees it: its name, and where its columns' types come from. */
export interface Reference {
  readonly column: string;
  readonly table: string;
  readonly alias: string;
}

/** What a generator needs besides its own options. */
export interface GeneratorInput {
  readonly table: TableSpec;
  readonly column: ColumnSpec;
  /** The table's references, by alias. */
  readonly aliases: ReadonlyMap<string, Reference>;
  /** The faker locales and their weights for this column. */
  readonly locales: readonly (readonly [string, number])[];
  /** The written type of a table's column (this file's or a table it references). */
  readonly typeOf: (table: string, column: string) => string;
  /** Names pools uniquely across the file's tables. */
  readonly poolName: (suffix: string) => string;
}

/** The source of draws a generator reads: the row's own, or a list element's (list.ts). */
export type DrawSource = RandomSource;
