/**
 * First children, made so by construction: every `every`-th child row (by ID) takes the newest parent, when that
 * parent was created after the previous such row, within `within` seconds, and is not idle. Every other row picks
 * only among parents created `within` seconds before it, so nothing references a parent before its first child:
 * a later candidate row would need a parent created after the row before it, and earlier rows could not see it yet.
 * A candidate that fails picks as usual among the parents existing at its own time: the next candidate's parent is
 * created after it, so it never takes a parent that a first child is still to come for.
 * No child is read: whether a row is a parent's first is arithmetic over the two rows' creation times.
 */
import type { HelperSql } from './parentRows.js';
import { quotedIdentifier as q } from '../sql.js';

export interface FirstChildren {
  readonly every: number;
  /** Seconds. */
  readonly within: number;
}

export interface FirstChildInputs {
  readonly firsts: FirstChildren;
  readonly prefix: string;
  /** The child's ID field and creation-time field. */
  readonly idField: string;
  readonly createdField: string;
  /** SQL for the creation time of the child row `every` IDs earlier, and the first ID it may be. */
  readonly earlierCreated: string;
  readonly firstOwnId: number;
}

/** The field holding the time parents are looked up at: the row's own time for a candidate, `within` before it else. */
export function lookupTimeFields(inputs: FirstChildInputs): { fields: HelperSql[]; candidate: string; time: string } {
  const { firsts, prefix, idField, createdField } = inputs;
  const candidate = `${prefix}_fc`;
  const time = `${prefix}_at`;
  return {
    candidate,
    time,
    fields: [
      { name: candidate, reads: [idField], sql: `(${q(idField)} % ${firsts.every} = 0 AND ${q(idField)} - ${firsts.every} >= ${inputs.firstOwnId})` },
      { name: time, reads: [candidate, createdField], sql: `CASE WHEN ${q(candidate)} THEN ${q(createdField)} ELSE ${q(createdField)} - ${firsts.within} END` },
    ],
  };
}

/**
 * The field `<prefix>_first`: this row takes the newest parent, `newestField`, created at `newestCreated` (SQL),
 * idle when `newestIdle` (SQL) holds. The first parent ID ever is excluded: before `within` has passed, rows that
 * see no parent yet fall back to it. Inside a CASE, so that only candidate rows compute the parent's time.
 */
export function firstChildField(
  inputs: FirstChildInputs & { candidate: string; newestField: string; newestCreated: string; newestIdle: string; firstParentId: number },
): HelperSql {
  const { prefix, createdField, candidate, newestField } = inputs;
  const earlier = inputs.earlierCreated;
  const holds = `${q(newestField)} > ${inputs.firstParentId} AND ${q(createdField)} - ${earlier} <= ${inputs.firsts.within} AND ${inputs.newestCreated} > ${earlier} AND NOT ${inputs.newestIdle}`;
  return {
    name: `${prefix}_first`,
    reads: [candidate, createdField, newestField],
    sql: `CASE WHEN ${q(candidate)} THEN ${holds} ELSE FALSE END`,
  };
}
