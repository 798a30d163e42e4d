/**
 * A children table's reads of its group parent's first draws (ChildrenOf.firstDraws): the row the parent's reference
 * to a table drew first, recomputed from the parent row's draws as the parent's own query draws it (the same pick
 * fields over the same timeline, at the same time), before the parent's `accept` and first children decide. An order
 * line reads so the customer its order drew first, which is its order's customer whenever that candidate was kept.
 */
import { CREATED, type Compilation, popularityPool, timelinePool } from '../compilation.js';
import type { TableRows } from '../compiledTable.js';
import { definitionProblem } from '../defineTable.js';
import { type HelperSql, TimelineLayout, attemptDrawKey, computedWhere, existingFields, parentSource, pickFields } from '../parents/parentRows.js';
import { classTable, popularityTables } from '../parents/popularity.js';
import type { RandomSource } from '../random.js';
import { quotedIdentifier } from '../sql.js';
import { type KnotMemo, timedRanges } from '../time/segmentKnots.js';
import type { ChildrenOf } from '../tableDefinition.js';

/** The key a first draw is read by: `parent('orders.users')`, then `parent('orders.users#1')`. */
export const firstDrawKey = (parent: string, table: string, draw: number): string => `${parent}.${table}${draw === 0 ? '' : `#${draw}`}`;

/** A row nothing was drawn for: the parent's rows of `table` are the original tool's, which no draw recomputes. */
const NO_ROW: RandomSource = { id: 'NULL::BIGINT', asOf: 'NULL::BIGINT', created: 'NULL::BIGINT', popularity: 'NULL::DOUBLE', popularityRank: 'NULL::BIGINT', bits: () => 'NULL::UBIGINT' };

/** Adds the fields of each first draw the table reads; `group` is the group parent's draws (groupParent.ts). */
export function addFirstDraws(compilation: Compilation, children: ChildrenOf, rows: TableRows, memo: KnotMemo, group: { source: RandomSource; segmentField: string }): void {
  const { definition } = compilation;
  const parent = compilation.tables(children.parent);
  const when = children.firstDraws?.when;
  // Where the rows need no draw, none is computed: every field is NULL there (a CASE computes only the rows it takes).
  const gated = (fields: readonly HelperSql[]): HelperSql[] => (when === undefined ? [...fields] : computedWhere(fields, quotedIdentifier(when), when));
  for (const [table, draws] of Object.entries(children.firstDraws?.draws ?? {})) {
    const where = `children firstDraws ${table}`;
    const reference = parent?.parents.find((p) => p.table === table);
    if (!reference) throw definitionProblem(definition.name, where, `${children.parent} has no reference to ${table}: name a table ${children.parent} lists in its parents`);
    if (draws > (reference.accept?.attempts ?? 1)) throw definitionProblem(definition.name, where, `${children.parent} draws ${reference.accept?.attempts ?? 1} candidates of ${table}: read at most that many`);
    if (reference.keyed) throw definitionProblem(definition.name, where, `${children.parent}'s reference to ${table} is keyed, and its draws are its key's: name an unkeyed reference`);
    const ranges = rows.parents[table] ?? [];
    if (rows.legacy?.[table] || ranges.length === 0) {
      // With rows of the original tool's among them the parent picks over both (legacy/legacyParent.ts): no first
      // draw is recomputed, and the row reads NULL, which its fields must allow for.
      for (let draw = 0; draw < draws; draw += 1) compilation.parents.set(firstDrawKey(children.parent, table, draw), { definition: compilation.tables(table), source: NO_ROW, idField: CREATED, firstChild: 'FALSE' });
      continue;
    }
    const prefix = `__fd_${table}`;
    const label = `first draw of ${children.parent}.${table}`;
    const engine = `first ${table} drawn by ${children.parent}`;
    const layout = new TimelineLayout(timedRanges(table, ranges, compilation.tables, memo));
    const timeline = compilation.enginePool(timelinePool(table), layout.values);
    // The parent with first children picks its other rows among parents `within` old (referenceInputs.ts).
    const at = `${prefix}_at`;
    const time: HelperSql = { name: at, reads: [CREATED], sql: reference.firsts ? `(${quotedIdentifier(CREATED)} - ${reference.firsts.within})` : quotedIdentifier(CREATED) };
    const existing = existingFields({ layout, pool: timeline, time: quotedIdentifier(at), timeField: at, prefix });
    compilation.addHelpers(gated([time, ...existing]), label, engine);
    const pool = compilation.enginePool(popularityPool(table), popularityTables(table));
    const classPool = compilation.enginePool(`_classes_${children.parent}_${reference.column}`, classTable(reference.skew, reference.idle ?? 0));
    for (let draw = 0; draw < draws; draw += 1) {
      // The parent's attempt `draw` (parents/referenceFields.ts): its draws' key, over the same parents.
      const named = `${prefix}${draw}`;
      const pick = pickFields({ pool, classPool, draws: group.source, key: attemptDrawKey(reference.column, draw), first: ranges[0]?.first_id ?? 1, lastField: `${prefix}_last`, prefix: named });
      const drawn = parentSource({ table, layout, pool: timeline, idField: `${named}_id`, prefix: `${named}_p`, standing: compilation.standing });
      compilation.addHelpers(gated([...pick.map((field) => ({ ...field, reads: [...field.reads, group.segmentField] })), ...drawn.fields]), label, engine);
      const key = firstDrawKey(children.parent, table, draw);
      compilation.parents.set(key, { definition: compilation.tables(table), source: drawn.source, idField: `${named}_p_created`, firstChild: 'FALSE' });
      // The values the rows read of it too: computed where the draws are.
      if (when !== undefined) compilation.gates.set(key, when);
    }
  }
}
