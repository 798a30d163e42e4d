/**
 * Choosing a parent row and recomputing it, as SQL fields. A child row created at time t may reference only parent
 * rows created by then: the last such ID is found from the parent's own windows and knots (timeline.ts), then a row
 * is drawn by popularity (popularity.ts) among the IDs up to it. The parent's values are recomputed from the segment
 * its ID lies in (seed, as-of, window): nothing is read back from files, so references hold across runs and when the
 * parent files are elsewhere.
 */
import { CLASS_BUCKETS, PER_CLASS, RESIDUES } from './popularity.js';
import { type RandomSource, TWO_POW_MINUS_53, uniform } from '../random.js';
import { streamSalt } from '../salt.js';
import type { ParentRange } from '../../records/segment.js';
import { epochSeconds, quotedIdentifier, ubigint } from '../sql.js';
import { HOUR } from '../columns/time.js';
import type { Standing, StandingInputs } from './standing.js';

/** A parent segment with its knots (timeline.ts). */
export interface TimedRange extends ParentRange {
  readonly knots: readonly number[];
}

/** A helper field of the query: its SQL and the fields it reads. */
export interface HelperSql {
  readonly name: string;
  readonly reads: readonly string[];
  readonly sql: string;
}

/** A CASE tree of depth log2(n) over ascending `starts`: the 1-based index of the last start <= `value`. */
export function segmentIndexSql(value: string, starts: readonly number[], low = 0, high = starts.length - 1): string {
  if (low === high) return String(low + 1);
  const middle = Math.floor((low + high + 1) / 2);
  return `CASE WHEN ${value} < ${starts[middle]} THEN ${segmentIndexSql(value, starts, low, middle - 1)} ELSE ${segmentIndexSql(value, starts, middle, high)} END`;
}

function listOf(values: readonly (number | string)[]): string {
  return `[${values.join(', ')}]`;
}

const q = quotedIdentifier;

/** One constant per segment, picked by SQL for the 1-based segment index (a constant when there is one segment). */
function bySegment(values: readonly (number | string)[], segment: string): string {
  return values.length === 1 ? String(values[0]) : `${listOf(values)}[${segment}]`;
}

/** The same, by the field holding the segment index. */
function perSegment(values: readonly (number | string)[], segment: string): string {
  return bySegment(values, q(segment));
}

/**
 * Layout of a table's segments in its timeline pool: each segment's knots, then a guide to them, the index of the
 * last knot at or before each whole hour of its window, so that a search starts within the hour and takes a few
 * steps (~ log2 of the knots in the busiest hour) rather than ~18.
 */
export class TimelineLayout {
  readonly offsets: number[] = [];
  readonly cells: number[] = [];
  readonly guideOffsets: number[] = [];
  readonly firstHours: number[] = [];
  readonly hours: number[] = [];
  readonly values: number[] = [];
  /** The most knots any hour's guide entry leaves to search. */
  widest = 1;

  constructor(readonly ranges: readonly TimedRange[]) {
    for (const range of ranges) {
      this.offsets.push(this.values.length);
      this.cells.push(range.knots.length - 1);
      for (const knot of range.knots) this.values.push(knot);
    }
    for (const range of ranges) this.addGuide(range.knots);
  }

  private addGuide(knots: readonly number[]): void {
    const first = Math.floor((knots[0] ?? 0) / HOUR) * HOUR;
    const last = knots[knots.length - 1] ?? first;
    const hours = Math.floor((last - first) / HOUR) + 1;
    this.guideOffsets.push(this.values.length);
    this.firstHours.push(first);
    this.hours.push(hours);
    let j = 0;
    let previous = 0;
    for (let h = 0; h <= hours; h += 1) {
      const at = first + h * HOUR;
      while (j + 1 < knots.length - 1 && (knots[j + 1] ?? Infinity) <= at) j += 1;
      if (h < hours) this.values.push(j);
      if (h > 0) this.widest = Math.max(this.widest, j - previous + 1);
      previous = j;
    }
  }
}

/**
 * SQL for the creation time of row `index` (0-based in its segment) of `rows`: the (index + v)/rows quantile, v
 * kept inside (0.001, 0.999) so that it is strictly inside the window and counting can leave a margin. Rounded up to
 * the second: a window (since, as-of] of whole seconds then holds it.
 */
export function createdSql(options: { pool: string; offset: string; cells: string; index: string; rows: string; draw: string }): string {
  const { pool, offset, cells, index, rows, draw } = options;
  // DOUBLE throughout: a literal like 0.001 would make DuckDB add as DECIMAL, ~3x slower.
  const x = `((CAST(${index} AS DOUBLE) + CAST(0.001 AS DOUBLE) + CAST(0.998 AS DOUBLE) * ${draw}) / CAST(${rows} AS DOUBLE) * ${cells})`;
  const cell = `LEAST(floor(${x})::BIGINT, ${cells} - 1)`;
  const at = (k: string) => `${pool}[${offset} + ${k} + 1]`;
  return `ceil(${at(cell)} + (${at(`${cell} + 1`)} - ${at(cell)}) * (${x} - ${cell}))::BIGINT`;
}

/** The draws of the parent row whose ID is `id` (SQL), salted by its segment (`segment`, SQL for its 1-based index). */
export function parentBits(table: string, ranges: readonly ParentRange[], id: string, segment: string): (key: string) => string {
  return (key) => {
    const salts = ranges.map((r) => ubigint(streamSalt(r.seed, table, key)));
    return `hash(xor(${id}::UBIGINT, ${bySegment(salts, segment)}))`;
  };
}

/** SQL for the creation time of the parent row `id`, in the segment whose 1-based index is `segment` (both SQL). */
export function parentCreatedSql(table: string, layout: TimelineLayout, pool: string, id: string, segment: string): string {
  const ranges = layout.ranges;
  const at = (values: readonly (number | string)[]) => bySegment(values, segment);
  const bits = parentBits(table, ranges, id, segment);
  return createdSql({
    pool,
    offset: at(layout.offsets),
    cells: at(layout.cells),
    index: `(${id} - ${at(ranges.map((r) => r.first_id))})`,
    rows: at(ranges.map((r) => r.last_id - r.first_id + 1)),
    draw: `((${bits('created')} >> 11)::DOUBLE * ${TWO_POW_MINUS_53})`,
  });
}

/**
 * SQL for the creation time of the parent row `id` (SQL), its segment found inline: for a value only some rows need,
 * computed inside a CASE so that DuckDB evaluates it for those rows alone.
 */
export function parentCreatedInline(table: string, layout: TimelineLayout, pool: string, id: string): string {
  return parentCreatedSql(table, layout, pool, id, segmentIndexSql(id, layout.ranges.map((r) => r.first_id)));
}

/** The draws and creation time of the parent row whose id is in field `idField`. */
export function parentSource(options: {
  table: string;
  layout: TimelineLayout;
  pool: string;
  idField: string;
  prefix: string;
  standing: (inputs: Omit<StandingInputs, 'pool' | 'layout'>) => Standing;
}): { fields: HelperSql[]; source: RandomSource } {
  const { table, layout, pool, idField, prefix } = options;
  const ranges = layout.ranges;
  const segment = `${prefix}_seg`;
  const id = q(idField);
  const fields: HelperSql[] = [{ name: segment, reads: [idField], sql: segmentIndexSql(id, ranges.map((r) => r.first_id)) }];
  const created = `${prefix}_created`;
  const standing = options.standing({ table, id, lastIds: ranges.map((r) => r.last_id), segment: q(segment) });
  const source: RandomSource = {
    id,
    asOf: perSegment(ranges.map((r) => epochSeconds(r.as_of)), segment),
    created: q(created),
    bits: parentBits(table, ranges, id, q(segment)),
    get popularity() {
      return standing.popularity;
    },
    get popularityRank() {
      return standing.popularityRank;
    },
  };
  fields.push({ name: created, reads: [idField, segment], sql: parentCreatedSql(table, layout, pool, id, q(segment)) });
  return { fields, source };
}

/**
 * Fields ending in `<prefix>_last`: the last parent ID created by `time` (SQL of the child's creation, whose field
 * is `timeField`), found by a binary search over the knots of the segment whose window holds it. It is never below
 * `floor` (the first parent ID unless said: the timeline lets no child be created before there are parents to pick).
 */
export function existingFields(options: { layout: TimelineLayout; pool: string; time: string; timeField: string; prefix: string; floor?: number }): HelperSql[] {
  const { layout, pool, prefix } = options;
  const ranges = layout.ranges;
  const last = ranges[ranges.length - 1];
  if (!last) throw new Error('no parent ranges');
  const at = `(${options.time} - 1)`;
  const k = `${prefix}_k`;
  const fields: HelperSql[] = [
    // How many segments ended by then (0..n), and the segment to search (the next one, or the last).
    { name: k, reads: [options.timeField], sql: `(${segmentIndexSql(at, [-Infinity, ...ranges.map((r) => epochSeconds(r.as_of))])} - 1)` },
    { name: `${prefix}_s`, reads: [k], sql: `LEAST(${q(k)}, ${ranges.length - 1}) + 1` },
  ];
  const segment = `${prefix}_s`;
  const offset = perSegment(layout.offsets, segment);
  const cells = perSegment(layout.cells, segment);
  const knot = (index: string) => `${pool}[${offset} + ${index} + 1]`;
  const hour = `LEAST(GREATEST((${at} - ${perSegment(layout.firstHours, segment)}) // ${HOUR}, 0), ${perSegment(layout.hours, segment)} - 1)`;
  const start = `${prefix}_g`;
  fields.push({ name: start, reads: [segment, options.timeField], sql: `${pool}[${perSegment(layout.guideOffsets, segment)} + ${hour} + 1]::BIGINT` });
  let low = q(start);
  const lowReads = [start, segment, options.timeField];
  for (let step = 2 ** Math.floor(Math.log2(Math.max(1, layout.widest))); step >= 1; step /= 2) {
    const name = `${prefix}_lo${step}`;
    fields.push({ name, reads: [...lowReads], sql: `(${low} + CASE WHEN ${low} + ${step} < ${cells} AND ${knot(`${low} + ${step}`)} <= ${at} THEN ${step} ELSE 0 END)` });
    low = q(name);
    lowReads.splice(0, lowReads.length, name, segment, options.timeField);
  }
  const first = perSegment(ranges.map((r) => r.first_id), segment);
  const rows = perSegment(ranges.map((r) => r.last_id - r.first_id + 1), segment);
  const share = `((${low} + (${at} - ${knot(low)}) / (${knot(`${low} + 1`)} - ${knot(low)})) / ${cells})`;
  fields.push({
    name: `${prefix}_last`,
    reads: [k, ...lowReads],
    sql: `GREATEST(${options.floor ?? ranges[0]?.first_id}, CASE WHEN ${q(k)} = ${ranges.length} THEN ${last.last_id} WHEN ${at} <= ${knot('0')} THEN ${first} - 1 ELSE ${first} - 1 + floor(${rows} * ${share})::BIGINT END)`,
  });
  return fields;
}

/** SQL: how many IDs of popularity class `klass` lie in 1..`last`, in the parent's popularity pool. */
export function classCount(pool: string, klass: string, last: string): string {
  return `((${last}) // ${RESIDUES} * ${PER_CLASS} + ${pool}[${RESIDUES} + ${klass} * ${RESIDUES + 1} + (${last}) % ${RESIDUES} + 1]::BIGINT)`;
}

/**
 * The key of a pick's draws on try `attempt` of the reference through `column`: the column itself first, then
 * `column#1`... Whoever recomputes a pick (a legacy parent's, a child's first draws) must draw by the same keys.
 */
export function attemptDrawKey(column: string, attempt: number): string {
  return attempt === 0 ? column : `${column}#${attempt}`;
}

/** `fields`, each computed only where `condition` (SQL, reading the field `read`) holds, NULL elsewhere. */
export function computedWhere(fields: readonly HelperSql[], condition: string, read: string): HelperSql[] {
  return fields.map((field) => ({ ...field, reads: [...field.reads, read], sql: `CASE WHEN ${condition} THEN ${field.sql} END` }));
}

/**
 * Fields ending in `<prefix>_id`: a parent ID from `first` to the one in `lastField`, drawn by popularity with the
 * child's draws `key` (one set per attempt).
 */
export function pickFields(options: { pool: string; classPool: string; draws: RandomSource; key: string; first: number; lastField: string; prefix: string }): HelperSql[] {
  const { pool, draws, key, prefix, first, lastField } = options;
  const klass = `${prefix}_class`;
  const below = `${prefix}_below`;
  const count = `${prefix}_n`;
  const draw = `${prefix}_u`;
  const index = `${prefix}_j`;
  const last = q(lastField);
  const bucket = `(${draws.bits(key)} >> ${64 - Math.log2(CLASS_BUCKETS)})::BIGINT`;
  const member = `${pool}[${q(klass)} * ${PER_CLASS} + ${q(index)} % ${PER_CLASS} + 1]::BIGINT`;
  return [
    { name: klass, reads: [], sql: `${options.classPool}[${bucket} + 1]::BIGINT` },
    { name: draw, reads: [], sql: uniform(draws, `${key}_u`) },
    { name: below, reads: [klass], sql: first === 1 ? '0' : classCount(pool, q(klass), String(first - 1)) },
    { name: count, reads: [klass, below, lastField], sql: `(${classCount(pool, q(klass), last)} - ${q(below)})` },
    // The j-th ID of the class from the first recomputable one: 64 residues in every block of 1024 IDs.
    { name: index, reads: [below, draw, count], sql: `(${q(below)} + floor(${q(draw)} * ${q(count)})::BIGINT)` },
    {
      name: `${prefix}_id`,
      reads: [klass, index, count, draw, lastField],
      sql: `CASE WHEN ${q(count)} > 0 THEN (${q(index)} // ${PER_CLASS}) * ${RESIDUES} + ${member} + 1 ELSE ${first} + floor(${q(draw)} * (${last} - ${first} + 1))::BIGINT END`,
    },
  ];
}
