import type { Rule } from '../tableDefinition.js';

/**
 * The rule that creation time never decreases as the ID rises (rows are created in ID order, timeline.ts), for
 * `synthgen verify`.
 */
export function createdInIdOrder(table: string, id: string, created: string): Rule {
  return {
    description: `${created} never decreases as ${id} rises`,
    violations: (t) => `(SELECT ${id}, ${created} < lag(${created}) OVER (ORDER BY ${id}) AS back FROM ${t(table)}) WHERE back`,
  };
}
