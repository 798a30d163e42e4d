/**
 * A children table's rows (tableDefinition.ts ChildrenOf): the rows of a part come from its parent IDs, each
 * expanded into as many lines as the parent row's count, which is drawn from the parent row's own draws, so the
 * parent's query computes the same count when it aggregates its children. The group's parent is the row's parent
 * by construction, not a pick: its values are recomputed as any parent's, and the child is created when it is.
 */
import { CREATED, type Compilation, ID, LINE, PARENT_ID } from '../compilation.js';
import type { TableRows } from '../compiledTable.js';
import { TimelineLayout, parentBits, parentSource, segmentIndexSql } from '../parents/parentRows.js';
import { type KnotMemo, timedRanges } from '../time/segmentKnots.js';
import { quotedIdentifier } from '../sql.js';
import type { RandomSource } from '../random.js';
import type { ChildrenOf } from '../tableDefinition.js';
import { addFirstDraws } from './firstDraws.js';

/** Lines a parent row may have, at most, less one: a child's draw id is parent id x LINE_SLOTS + line. */
export const LINE_SLOTS = 4096;

const q = quotedIdentifier;

/** The group parent's draws alone, its segment found inline: what a count is drawn from, before any stage. */
function countSource(table: string, rows: TableRows, id: string): RandomSource {
  const ranges = rows.parents[table] ?? [];
  const bits = parentBits(table, ranges, id, segmentIndexSql(id, ranges.map((r) => r.first_id)));
  const unavailable = (what: string) => () => {
    throw new Error(`a children count reads the parent's draws only, not its ${what}`);
  };
  return {
    id,
    bits,
    get asOf() {
      return unavailable('as-of')();
    },
    get created() {
      return unavailable('creation time')();
    },
    get popularity() {
      return unavailable('popularity')();
    },
    get popularityRank() {
      return unavailable('rank')();
    },
  };
}

/** SQL: how many lines the parent row `id` (SQL) has, 0 to `most`. */
export function childCount(children: ChildrenOf, rows: TableRows, id: string): string {
  return `LEAST(GREATEST((${children.count(countSource(children.parent, rows, id))})::BIGINT, 0), ${children.most})`;
}

/**
 * Adds the group parent's row and this row's creation time (the parent's); returns the rows' source over a relation
 * of parent IDs: one row per line, with its parent id, line number and draw id.
 */
export function addGroupParent(compilation: Compilation, children: ChildrenOf, rows: TableRows, memo: KnotMemo): (relation: string) => string {
  const table = children.parent;
  const ranges = rows.parents[table];
  if (!ranges || ranges.length === 0) throw new Error(`${compilation.definition.name}: no ${table} ranges given`);
  const layout = new TimelineLayout(timedRanges(table, ranges, compilation.tables, memo));
  // Its own name: the parent's query, aggregating these rows, has a timeline pool of its own rows.
  const timeline = compilation.enginePool(`_group_${table}`, layout.values);
  const group = parentSource({ table, layout, pool: timeline, idField: PARENT_ID, prefix: '__group', standing: compilation.standing });
  compilation.base.add(PARENT_ID).add(LINE);
  compilation.addHelpers(group.fields, `parent ${table}`, `row of ${table}`);
  compilation.parents.set(table, { definition: compilation.tables(table), source: group.source, idField: '__group_created', firstChild: 'FALSE', group: true });
  compilation.addHelpers([{ name: CREATED, reads: ['__group_created'], sql: q('__group_created') }], 'creation time', `creation time of ${table}`);
  addFirstDraws(compilation, children, rows, memo, { source: group.source, segmentField: '__group_seg' });
  const count = childCount(children, rows, q(PARENT_ID));
  return (relation) =>
    `SELECT *, ${q(PARENT_ID)} * ${LINE_SLOTS} + ${q(LINE)} AS ${q(ID)} FROM (SELECT ${q(PARENT_ID)}, unnest(range(1, ${count} + 1)) AS ${q(LINE)} FROM ${relation} AS t(${q(PARENT_ID)}))`;
}
