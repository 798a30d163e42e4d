/**
 * Parent ranges that stand in for a real history where a query is compiled without one: to check a definition,
 * hash it, or size its files. One segment per parent, over the same window as the child, with its own parents
 * standing in the same way, so the child's timeline is gated and scaled as in a real first run.
 */
import type { ParentRange } from '../../records/segment.js';
import { type DefinitionLookup, awaited } from './segmentKnots.js';
import { defaultSince } from './timeline.js';

export function standInParents(
  table: string,
  tables: DefinitionLookup,
  options: { readonly rows: (table: string) => number; readonly seed: number; readonly asOf: string },
  /** The tables to stand in: the parents, and for a table with children, their other parents (registry.ts prerequisites). */
  needs?: readonly string[],
): Record<string, ParentRange[]> {
  const definition = tables(table);
  if (!definition) throw new Error(`no definition of ${table}`);
  return Object.fromEntries(
    (needs ?? awaited(definition)).map((parent) => {
      const reference = { table: parent };
      const range: ParentRange = {
        first_id: 1,
        last_id: Math.max(1, options.rows(reference.table)),
        seed: options.seed,
        since: defaultSince(options.asOf),
        as_of: options.asOf,
        version: tables(reference.table)?.version ?? 1,
        parents: standInParents(reference.table, tables, options),
      };
      return [reference.table, [range]];
    }),
  );
}

/** The run's own rows standing in the same way: `rows` IDs from 1, over the default window before `asOf`. */
export function standInOwn(rows: number, asOf: string): { first_id: number; last_id: number; since: string } {
  return { first_id: 1, last_id: rows, since: defaultSince(asOf) };
}
