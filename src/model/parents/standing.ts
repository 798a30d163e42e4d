/**
 * A row's standing among its table's rows, from the popularity its children pick it by (popularity.ts): a quantile
 * and a true rank. Both are arithmetic over the row's ID and one small pool, so a table can make its own columns
 * follow how much it is referenced (a customer's logins, a product's rating) without reading any child.
 */
import { PER_CLASS, RESIDUES, type StandingLayout, idsInBetterClasses } from './popularity.js';

export interface Standing {
  /** SQL, DOUBLE in (0, 1): the row's popularity quantile, near 0 for the most popular (picked most often). */
  readonly popularity: string;
  /**
   * SQL, BIGINT from 1: the row's rank by popularity among the IDs 1 to its run's last (ties in ID order): a
   * permutation of those IDs, as of that run.
   */
  readonly popularityRank: string;
}

export interface StandingInputs {
  readonly table: string;
  /** SQL for the row's ID. */
  readonly id: string;
  /** The last ID of each segment the row may lie in, and SQL for its 1-based segment index (when there are several). */
  readonly lastIds: readonly number[];
  readonly segment?: string;
  /** The pool it reads: the table's own standing pool, or, for a parent, its popularity pool. */
  readonly layout: StandingLayout;
  /** Registers the engine pool and returns the SQL naming it. */
  readonly pool: (name: string, values: readonly number[]) => string;
}

/** The row's standing, its pool added only when a field reads it. */
export function standingOf(inputs: StandingInputs): Standing {
  const { layout } = inputs;
  const pool = () => inputs.pool(layout.name, layout.values());
  const residue = `((${inputs.id} - 1) % ${RESIDUES})`;
  const position = () => layout.position(pool(), residue);
  return {
    get popularity() {
      return `((${position()} + CAST(0.5 AS DOUBLE)) / ${RESIDUES})`;
    },
    get popularityRank() {
      const klass = `(${position()}::BIGINT // ${PER_CLASS})`;
      const member = `${layout.member(pool(), klass, residue)}::BIGINT`;
      const before = inputs.lastIds.map((last) => `[${idsInBetterClasses(inputs.table, last).join(', ')}]`);
      const better = before.length === 1 || !inputs.segment ? before[0] : `[${before.join(', ')}][${inputs.segment}]`;
      // Within a class the IDs run block by block, each block of RESIDUES holding PER_CLASS of them.
      return `(${better}[${klass} + 1] + ((${inputs.id} - 1) // ${RESIDUES}) * ${PER_CLASS} + ${member} + 1)`;
    },
  };
}
