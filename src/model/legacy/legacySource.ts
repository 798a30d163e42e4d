/**
 * The parent a row chose, when it may be one of the original tool's rows (legacyPicks.ts): that row joined in from
 * the snapshot the worker loads (its ID, creation time and the values it gives), and one source of draws for both
 * kinds, so that every value the child recomputes of its parent is the file's or, for what the file does not give,
 * drawn from the row's own ID as synthgen draws its rows' (salted apart, and at the time of the tool's latest row).
 */
import type { LookupJoin, LegacyValues } from './legacyValues.js';
import { type HelperSql, type TimelineLayout, parentCreatedSql, segmentIndexSql } from '../parents/parentRows.js';
import type { RandomSource } from '../random.js';
import { streamSalt } from '../salt.js';
import type { Standing, StandingInputs } from '../parents/standing.js';
import { epochSeconds, quotedIdentifier as q, ubigint } from '../sql.js';
import type { LegacyArrivals } from './legacyArrivals.js';
import type { LegacyParents } from '../../records/segment.js';

/** The table a worker loads a snapshot as: named by its content, so two snapshots never share one. */
export function lookupTable(legacy: LegacyParents): string {
  return `__legacy_${legacy.sha256.slice(0, 16)}`;
}

/** SQL: the group (0-based) of the tool's row numbered `number` (SQL). */
export function groupOf(arrivals: LegacyArrivals, number: string): string {
  return arrivals.rows.length <= 1 ? '0' : `(${segmentIndexSql(number, arrivals.offsets.map((offset) => offset + 1))} - 1)`;
}

/** A constant per segment, the tool's rows last, picked by the 1-based segment index `segment` (SQL). */
function perSegment(values: readonly (number | string)[], segment: string): string {
  return values.length === 1 ? String(values[0]) : `[${values.join(', ')}][${segment}]`;
}

export interface ChosenParent {
  readonly fields: HelperSql[];
  readonly join: LookupJoin;
  readonly source: RandomSource;
  /** The field every value of the parent is computed after. */
  readonly idField: string;
  readonly values: LegacyValues;
}

/**
 * The chosen parent in field `chosen` (synthgen's ID, or a tool's row's negated number), as fields prefixed
 * `prefix`. `synthgen` gives the layout and timeline pool of synthgen's rows, when there are any.
 */
export function chosenParent(options: {
  readonly table: string;
  readonly legacy: LegacyParents;
  readonly arrivals: LegacyArrivals;
  readonly chosen: string;
  readonly prefix: string;
  readonly synthgen?: { readonly layout: TimelineLayout; readonly pool: string };
  readonly standing: (inputs: Omit<StandingInputs, 'pool' | 'layout'>) => Standing;
}): ChosenParent {
  const { table, arrivals, prefix, synthgen } = options;
  const chosen = q(options.chosen);
  const ranges = synthgen?.layout.ranges ?? [];
  const name = (what: string) => `${prefix}_${what}`;
  const valueColumns = [...new Set(Object.values(arrivals.overrides).map((override) => override.column))];
  const join: LookupJoin = {
    table: lookupTable(options.legacy),
    file: options.legacy.path,
    keyColumn: 'position',
    key: `-${chosen}`,
    keyFields: [options.chosen],
    columns: [['id', name('lid')], ['created', name('lcreated')], ...valueColumns.map((column) => [column, name(`l_${column}`)] as const)],
  };
  const isLegacy = `(${chosen} < 0)`;
  const segment = name('seg');
  const group = name('g');
  const fields: HelperSql[] = [
    { name: group, reads: [options.chosen], sql: `CASE WHEN ${isLegacy} THEN ${groupOf(arrivals, `(-${chosen})`)} END` },
    { name: segment, reads: [options.chosen], sql: ranges.length === 0 ? '1' : `CASE WHEN ${isLegacy} THEN ${ranges.length + 1} ELSE ${segmentIndexSql(chosen, ranges.map((r) => r.first_id))} END` },
    { name: name('uid'), reads: [options.chosen, name('lid')], sql: ranges.length === 0 ? q(name('lid')) : `CASE WHEN ${isLegacy} THEN ${q(name('lid'))} ELSE ${chosen} END` },
  ];
  const created = synthgen
    ? `CASE WHEN ${isLegacy} THEN ${q(name('lcreated'))} ELSE ${parentCreatedSql(table, synthgen.layout, synthgen.pool, chosen, q(segment))} END`
    : q(name('lcreated'));
  fields.push({ name: name('created'), reads: [options.chosen, segment, name('lcreated')], sql: created });
  const id = q(name('uid'));
  const salt = (key: string) => perSegment([...ranges.map((r) => ubigint(streamSalt(r.seed, table, key))), ubigint(streamSalt(0, `${table} (original tool)`, key))], q(segment));
  // The row's popularity is its number's within its group (legacyPicks.ts), synthgen's its ID's.
  const number = `CASE WHEN ${isLegacy} THEN -${chosen} - ${perSegment(arrivals.offsets, `${q(group)} + 1`)} ELSE ${chosen} END`;
  const standing = options.standing({ table, id: number, lastIds: [...ranges.map((r) => r.last_id), Math.max(1, ...arrivals.rows)], segment: q(segment) });
  const source: RandomSource = {
    id,
    asOf: perSegment([...ranges.map((r) => epochSeconds(r.as_of)), arrivals.asOf], q(segment)),
    created: q(name('created')),
    bits: (key) => `hash(xor(${id}::UBIGINT, ${salt(key)}))`,
    get popularity() {
      return standing.popularity;
    },
    get popularityRank() {
      return standing.popularityRank;
    },
  };
  const values: LegacyValues = {
    isLegacy,
    synthgen: synthgen !== undefined,
    candidate: false,
    value: (field) => {
      if (field === arrivals.groupField) return () => q(group);
      const override = arrivals.overrides[field];
      if (!override) return undefined;
      const column = q(name(`l_${override.column}`));
      return override.fallback ? (recomputed) => `coalesce(${column}, ${recomputed()})` : () => column;
    },
  };
  return { fields, join, source, idField: name('created'), values };
}
