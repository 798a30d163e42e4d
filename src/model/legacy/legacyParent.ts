/**
 * The fields that pick a parent when some of the parent table's rows are the original tool's (legacyArrivals.ts): as
 * referenceFields.ts does for synthgen's rows alone (which existed at the row's time, accept's attempts, first
 * children), the picks made among both kinds (legacyPicks.ts) and the chosen row joined in (legacySource.ts). The
 * tool's rows are never a first child's parent: their first orders, if any, were the tool's.
 */
import { type Compilation, CREATED, popularityPool } from '../compilation.js';
import type { TableRows } from '../compiledTable.js';
import { attemptDrawKey, parentSource } from '../parents/parentRows.js';
import { classTable, popularityTables } from '../parents/popularity.js';
import { type ExistingParents, addFirstChild, referenceInputs } from '../parents/referenceInputs.js';
import type { KnotMemo } from '../time/segmentKnots.js';
import { DAY } from '../columns/time.js';
import { definitionProblem } from '../defineTable.js';
import type { LegacyParents } from '../../records/segment.js';
import { epochSeconds, quotedIdentifier as q } from '../sql.js';
import type { RandomSource } from '../random.js';
import type { ParentReference, RowContext } from '../tableDefinition.js';
import { type LegacyArrivals, legacyArrivals, legacyDayCounts, legacyDays } from './legacyArrivals.js';
import { type PickSpace, legacyCountFields, legacyPickFields } from './legacyPicks.js';
import { chosenParent, groupOf } from './legacySource.js';
import type { LegacyValues } from './legacyValues.js';

/** synthgen's rows of the reference, when there are any: their layout and timeline pool, and the reference's inputs. */
type Synthgen = ExistingParents;

/** A candidate of the tool's rows has only what its number says: its group. Anything else it is asked for is refused. */
function numberOnly(compilation: Compilation, table: string, id: string): RandomSource {
  const refuse = (what: string): never => {
    throw definitionProblem(compilation.definition.name, `parent ${table}`, `reads the ${what} of a candidate ${table} row, which the original tool's rows give candidates only by their group`);
  };
  return {
    id,
    get asOf() {
      return refuse('as-of');
    },
    get created() {
      return refuse('creation time');
    },
    bits: () => refuse('draws'),
    get popularity() {
      return refuse('popularity');
    },
    get popularityRank() {
      return refuse('popularity rank');
    },
  };
}

/** accept's candidate of attempt `at` (field `<at>_id`), registered as parent `key` for its SQL to read. */
function addCandidate(compilation: Compilation, reference: ParentReference, arrivals: LegacyArrivals, synthgen: Synthgen | undefined, at: string, key: string): void {
  const label = `parent ${reference.table}`;
  const pick = q(`${at}_id`);
  const values: LegacyValues = {
    isLegacy: `(${pick} < 0)`,
    synthgen: synthgen !== undefined,
    candidate: true,
    value: (field) => (field === arrivals.groupField ? () => groupOf(arrivals, `(-${pick})`) : undefined),
  };
  const definition = compilation.tables(reference.table);
  if (!synthgen) {
    compilation.parents.set(key, { definition, source: numberOnly(compilation, reference.table, pick), idField: `${at}_id`, firstChild: 'FALSE', legacy: values });
    return;
  }
  const { layout, timeline, ranges } = synthgen.inputs;
  // synthgen's draws of a candidate that is the tool's row are never read (values CASE them out): any ID will do.
  compilation.addHelpers([{ name: `${at}_sid`, reads: [`${at}_id`], sql: `GREATEST(${pick}, ${ranges[0]?.first_id ?? 1})` }], label, synthgen.inputs.engine);
  const candidate = parentSource({ table: reference.table, layout, pool: timeline, idField: `${at}_sid`, prefix: at, standing: compilation.standing });
  compilation.addHelpers(candidate.fields, label, synthgen.inputs.engine);
  compilation.parents.set(key, { definition, source: candidate.source, idField: `${at}_created`, firstChild: 'FALSE', legacy: values });
}

/** The picks of every attempt, and accept's choice among them; returns the field holding the pick. */
function addPicks(compilation: Compilation, reference: ParentReference, space: PickSpace, synthgen: Synthgen | undefined): string {
  const { definition, own } = compilation;
  const label = `parent ${reference.table}`;
  const engine = `pick of ${reference.table}` as const;
  const classPool = compilation.enginePool(`_classes_${reference.column}`, classTable(reference.skew, reference.idle ?? 0));
  const attempts = reference.accept?.attempts ?? 1;
  const picks: string[] = [];
  const accepted: string[] = [];
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const at = attempts === 1 ? space.prefix : `${space.prefix}${attempt}`;
    const key = attemptDrawKey(reference.column, attempt);
    compilation.addHelpers(legacyPickFields(space, { classPool, draws: own, key, at }), label, engine);
    picks.push(`${at}_id`);
    const accept = reference.accept;
    if (accept && attempt < attempts - 1) {
      const candidateKey = `${reference.table}#${attempt}`;
      addCandidate(compilation, reference, space.arrivals, synthgen, at, candidateKey);
      const acceptSql = (context: RowContext): string => {
        const node = compilation.nodes.get(`${at}_ok`);
        if (!node) throw new Error('unreachable');
        return `(${accept.sql(context, compilation.parentRowOf(node, candidateKey), attempt)})`;
      };
      compilation.add(definition, `${at}_ok`, label, acceptSql, definition.name, engine);
      accepted.push(`${at}_ok`);
    }
  }
  if (attempts === 1) return `${space.prefix}_id`;
  const chosen = `${space.prefix}_pick`;
  const branches = accepted.map((ok, i) => `WHEN ${q(ok)} THEN ${q(picks[i] ?? '')}`);
  compilation.addHelpers([{ name: chosen, reads: [...accepted, ...picks], sql: `CASE ${branches.join(' ')} ELSE ${q(picks[picks.length - 1] ?? '')} END` }], label, engine);
  return chosen;
}

/** synthgen's rows of the reference: which existed at the row's time (never fewer than none), and first children. */
function addSynthgen(compilation: Compilation, rows: TableRows, memo: KnotMemo, reference: ParentReference, prefix: string): Synthgen | undefined {
  const ranges = rows.parents[reference.table] ?? [];
  if (ranges.length === 0) return undefined;
  return referenceInputs(compilation, rows, memo, reference, ranges, prefix, (ranges[0]?.first_id ?? 1) - 1);
}

/** Every field of a reference whose parent table holds rows of the original tool's too. */
export function addLegacyParent(compilation: Compilation, rows: TableRows, memo: KnotMemo, reference: ParentReference, legacy: LegacyParents): void {
  const arrivals = legacyArrivals(legacy);
  const prefix = `__${reference.column}`;
  const label = `parent ${reference.table}`;
  const engine = `pick of ${reference.table}` as const;
  const synthgen = addSynthgen(compilation, rows, memo, reference, prefix);
  const days = legacyDays(arrivals, Math.floor(epochSeconds(rows.own.since) / DAY), Math.floor(epochSeconds(rows.asOf) / DAY));
  const dayPool = compilation.enginePool(`_legacy_days_${reference.table}`, legacyDayCounts(arrivals, days.first, days.last));
  const space: PickSpace = {
    prefix,
    arrivals,
    popularity: compilation.enginePool(popularityPool(reference.table), popularityTables(reference.table)),
    ...(synthgen ? { synthgen: { first: synthgen.inputs.ranges[0]?.first_id ?? 1, lastField: `${prefix}_last` } } : {}),
  };
  compilation.addHelpers(legacyCountFields(space, dayPool, days, CREATED), label, engine);
  const pick = addPicks(compilation, reference, space, synthgen);
  const { first, lookup } = synthgen ?? {};
  const { chosen, firstChild } = synthgen && first && lookup ? addFirstChild(compilation, synthgen.inputs, first, lookup.candidate, pick) : { chosen: pick, firstChild: 'FALSE' };
  const parent = chosenParent({
    table: reference.table,
    legacy,
    arrivals,
    chosen,
    prefix: `${prefix}_p`,
    ...(synthgen ? { synthgen: { layout: synthgen.inputs.layout, pool: synthgen.inputs.timeline } } : {}),
    standing: compilation.standing,
  });
  compilation.addJoin(parent.join, label, engine);
  compilation.addHelpers(parent.fields, label, engine);
  compilation.parents.set(reference.table, { definition: compilation.tables(reference.table), source: parent.source, idField: parent.idField, firstChild, legacy: parent.values });
}
