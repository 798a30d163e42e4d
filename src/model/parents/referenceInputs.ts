/**
 * What picking a parent among synthgen's rows of a reference needs, whoever picks (referenceFields.ts for a parent
 * table of synthgen's rows only, legacy/legacyParent.ts for one with the original tool's rows too): the parents'
 * timeline, the fields saying which existed at the row's time, and the reference's first children.
 */
import { type Compilation, CREATED, ID, timelinePool } from '../compilation.js';
import type { TableRows } from '../compiledTable.js';
import { TimelineLayout, existingFields, parentCreatedInline } from './parentRows.js';
import { CLASSES, idleClasses } from './popularity.js';
import { type FirstChildInputs, firstChildField, lookupTimeFields } from './firstChildren.js';
import { type KnotMemo, timedRanges } from '../time/segmentKnots.js';
import type { ParentRange } from '../../records/segment.js';
import { quotedIdentifier } from '../sql.js';
import type { EngineInput } from '../recordedSource.js';
import type { ParentReference } from '../tableDefinition.js';

/** What the fields of one reference need of its parent segments, shared by its picks. */
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

/** A reference's inputs, with its first children's when it has them (and the fields those look up). */
export interface ExistingParents {
  readonly inputs: ReferenceInputs;
  readonly first?: FirstChildInputs;
  readonly lookup?: ReturnType<typeof lookupTimeFields>;
}

/**
 * The inputs of `reference` over its parent `ranges`, with the fields saying which parents existed at the row's time
 * (`<prefix>_last` the newest), and its first children's lookups. `floor`: the ID below the first parent, when rows
 * before it are not synthgen's (the original tool's).
 */
export function referenceInputs(compilation: Compilation, rows: TableRows, memo: KnotMemo, reference: ParentReference, ranges: readonly ParentRange[], prefix: string, floor?: number): ExistingParents {
  const layout = new TimelineLayout(timedRanges(reference.table, ranges, compilation.tables, memo));
  const timeline = compilation.enginePool(timelinePool(reference.table), layout.values);
  const inputs: ReferenceInputs = { reference, ranges, layout, timeline, prefix, label: `parent ${reference.table}`, engine: `pick of ${reference.table}` };
  const firsts = reference.firsts;
  const first: FirstChildInputs | undefined = firsts && {
    firsts,
    prefix,
    idField: ID,
    createdField: CREATED,
    // Clamped: rows too early to have a row `every` before them are no candidates, but the SQL still runs on them.
    earlierCreated: compilation.ownCreated(`GREATEST(${quotedIdentifier(ID)} - ${firsts.every}, ${rows.own.first_id})`),
    firstOwnId: rows.own.first_id,
  };
  const lookup = first && lookupTimeFields(first);
  if (lookup) compilation.addHelpers(lookup.fields, inputs.label, inputs.engine);
  const time = lookup?.time ?? CREATED;
  const existing = { layout, pool: timeline, time: quotedIdentifier(time), timeField: time, prefix };
  compilation.addHelpers(existingFields(floor === undefined ? existing : { ...existing, floor }), inputs.label, inputs.engine);
  return { inputs, ...(first ? { first } : {}), ...(lookup ? { lookup } : {}) };
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
