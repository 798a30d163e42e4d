/**
 * The fields that pick each parent of a row: the parents existing at its time, a pick by popularity (with accept's
 * attempts), first children, and the chosen parent's row, whose values the child then recomputes.
 */
import { type Compilation, CREATED, ID, popularityPool, timelinePool } from '../compilation.js';
import type { TableRows } from '../compileTable.js';
import { TimelineLayout, existingFields, parentCreatedInline, parentSource, pickFields } from './parentRows.js';
import { CLASSES, classTable, idleClasses, popularityTables } from './popularity.js';
import { type FirstChildInputs, firstChildField, lookupTimeFields } from './firstChildren.js';
import { type KnotMemo, timedRanges } from '../time/segmentKnots.js';
import type { ParentRange } from '../../state/segment.js';
import { quotedIdentifier } from '../sql.js';
import type { EngineInput } from '../recordedSource.js';
import type { ParentReference, RowContext } from '../tableDefinition.js';
import { addLegacyParent } from '../legacy/legacyParent.js';

/** What addParents() needs of one reference's parent segments, shared by its picks. */
export interface ReferenceInputs {
  readonly reference: ParentReference;
  readonly ranges: readonly ParentRange[];
  readonly layout: TimelineLayout;
  readonly timeline: string;
  readonly prefix: string;
  readonly label: string;
  /** The engine input its fields stand for, in the data dictionary. */
  readonly engine: EngineInput;
}

/**
 * The fields that pick each parent among those created before this row (`<prefix>_last` the newest such), with the
 * parent's draws: one pick per attempt, and the first candidate the reference accepts (else the last) is the
 * parent. Returns the field holding the pick.
 */
function addPicks(compilation: Compilation, inputs: ReferenceInputs): string {
  const { definition, own } = compilation;
  const { reference, ranges, layout, timeline, prefix, label } = inputs;
  const popularity = compilation.enginePool(popularityPool(reference.table), popularityTables(reference.table));
  const classPool = compilation.enginePool(`_classes_${reference.column}`, classTable(reference.skew, reference.idle ?? 0));
  const attempts = reference.accept?.attempts ?? 1;
  const picks: string[] = [];
  const accepted: string[] = [];
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const at = attempts === 1 ? prefix : `${prefix}${attempt}`;
    const key = attempt === 0 ? reference.column : `${reference.column}#${attempt}`;
    const pick = { pool: popularity, classPool, draws: own, key, first: ranges[0]?.first_id ?? 1, lastField: `${prefix}_last`, prefix: at };
    compilation.addHelpers(pickFields(pick), label, inputs.engine);
    picks.push(`${at}_id`);
    const accept = reference.accept;
    if (accept && attempt < attempts - 1) {
      const candidate = parentSource({ table: reference.table, layout, pool: timeline, idField: `${at}_id`, prefix: at, standing: compilation.standing });
      compilation.addHelpers(candidate.fields, label, inputs.engine);
      const candidateKey = `${reference.table}#${attempt}`;
      compilation.parents.set(candidateKey, { definition: compilation.tables(reference.table), source: candidate.source, idField: `${at}_created`, firstChild: 'FALSE' });
      const acceptSql = (context: RowContext): string => {
        const node = compilation.nodes.get(`${at}_ok`);
        if (!node) throw new Error('unreachable');
        return `(${accept.sql(context, compilation.parentRowOf(node, candidateKey), attempt)})`;
      };
      compilation.add(definition, `${at}_ok`, label, acceptSql, definition.name, inputs.engine);
      accepted.push(`${at}_ok`);
    }
  }
  if (attempts === 1) return `${prefix}_id`;
  const chosen = `${prefix}_pick`;
  const branches = accepted.map((ok, i) => `WHEN ${quotedIdentifier(ok)} THEN ${quotedIdentifier(picks[i] ?? '')}`);
  compilation.addHelpers([{ name: chosen, reads: [...accepted, ...picks], sql: `CASE ${branches.join(' ')} ELSE ${quotedIdentifier(picks[picks.length - 1] ?? '')} END` }], label, inputs.engine);
  return chosen;
}

/**
 * For a reference with first children (firstChildren.ts): the newest parent for a candidate row that may take it,
 * else the pick. Returns the field holding the parent and the one saying it is the parent's first child.
 */
export function addFirstChild(compilation: Compilation, inputs: ReferenceInputs, first: FirstChildInputs, candidate: string, pick: string): { chosen: string; firstChild: string } {
  const { reference, ranges, layout, timeline, prefix, label } = inputs;
  const newest = `${prefix}_last`;
  const newestId = quotedIdentifier(newest);
  const idle = idleClasses(reference.idle ?? 0);
  const standing = compilation.standing({ table: reference.table, id: newestId, lastIds: ranges.map((r) => r.last_id) });
  const field = firstChildField({
    ...first,
    candidate,
    newestField: newest,
    newestCreated: parentCreatedInline(reference.table, layout, timeline, newestId),
    newestIdle: idle === 0 ? 'FALSE' : `(${standing.popularity} > ${(CLASSES - idle) / CLASSES})`,
    firstParentId: ranges[0]?.first_id ?? 1,
  });
  const chosen = `${prefix}_id_or_first`;
  compilation.addHelpers([field, { name: chosen, reads: [field.name, newest, pick], sql: `CASE WHEN ${quotedIdentifier(field.name)} THEN ${quotedIdentifier(newest)} ELSE ${quotedIdentifier(pick)} END` }], label, inputs.engine);
  return { chosen, firstChild: quotedIdentifier(field.name) };
}

/** Each parent reference's fields: the parents existing at the row's time, the pick, and the chosen parent's row. */
export function addParents(compilation: Compilation, rows: TableRows, memo: KnotMemo): void {
  const { definition } = compilation;
  for (const reference of definition.parents) {
    // A children table's group parent is the row's by construction (children/groupParent.ts), not a pick.
    if (reference.table === definition.children?.parent) continue;
    // Some of the parent table's rows were made by the original tool: picked among with synthgen's.
    const legacy = rows.legacy?.[reference.table];
    if (legacy) {
      addLegacyParent(compilation, rows, memo, reference, legacy);
      continue;
    }
    const ranges = rows.parents[reference.table];
    if (!ranges || ranges.length === 0) throw new Error(`${definition.name}: no ${reference.table} ranges given`);
    const layout = new TimelineLayout(timedRanges(reference.table, ranges, compilation.tables, memo));
    const timeline = compilation.enginePool(timelinePool(reference.table), layout.values);
    const inputs: ReferenceInputs = { reference, ranges, layout, timeline, prefix: `__${reference.column}`, label: `parent ${reference.table}`, engine: `pick of ${reference.table}` };
    const firsts = reference.firsts;
    const first: FirstChildInputs | undefined = firsts && {
      firsts,
      prefix: inputs.prefix,
      idField: ID,
      createdField: CREATED,
      // Clamped: rows too early to have a row `every` before them are no candidates, but the SQL still runs on them.
      earlierCreated: compilation.ownCreated(`GREATEST(${quotedIdentifier(ID)} - ${firsts.every}, ${rows.own.first_id})`),
      firstOwnId: rows.own.first_id,
    };
    const lookup = first && lookupTimeFields(first);
    if (lookup) compilation.addHelpers(lookup.fields, inputs.label, inputs.engine);
    const time = lookup?.time ?? CREATED;
    compilation.addHelpers(existingFields({ layout, pool: timeline, time: quotedIdentifier(time), timeField: time, prefix: inputs.prefix }), inputs.label, inputs.engine);
    const pick = addPicks(compilation, inputs);
    const { chosen, firstChild } = first && lookup ? addFirstChild(compilation, inputs, first, lookup.candidate, pick) : { chosen: pick, firstChild: 'FALSE' };
    const final = parentSource({ table: reference.table, layout, pool: timeline, idField: chosen, prefix: `${inputs.prefix}_p`, standing: compilation.standing });
    compilation.addHelpers(final.fields, inputs.label, inputs.engine);
    compilation.parents.set(reference.table, { definition: compilation.tables(reference.table), source: final.source, idField: `${inputs.prefix}_p_created`, firstChild });
  }
}

