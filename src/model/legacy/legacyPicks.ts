/**
 * Picking a parent among synthgen's rows and the original tool's alike (legacyArrivals.ts), as SQL fields. The
 * tool's rows are numbered by group, then creation time: within a group, those referenceable at a time are a prefix
 * of its numbers, and a row's popularity is its number's, as synthgen's is its ID's (popularity.ts). So a pick is
 * the one exact draw parentRows.ts makes, over a few prefixes instead of one: the popularity class first, then a
 * member of it uniformly among every prefix's members, which is arithmetic over counts, with no row read. A pick of
 * the tool's rows is held as its number, negated: the row itself is joined in only once one is chosen.
 */
import { CLASS_BUCKETS, PER_CLASS, RESIDUES } from '../parents/popularity.js';
import { type HelperSql, classCount } from '../parents/parentRows.js';
import { type RandomSource, uniform } from '../random.js';
import { quotedIdentifier as q } from '../sql.js';
import { DAY } from '../columns/time.js';
import type { LegacyArrivals } from './legacyArrivals.js';

/** What the picks of one reference choose among. */
export interface PickSpace {
  readonly prefix: string;
  readonly arrivals: LegacyArrivals;
  /** The popularity pool of the parent table (popularity.ts). */
  readonly popularity: string;
  /** synthgen's rows, when there are any: the first ID, and the field holding the last existing (first - 1 if none). */
  readonly synthgen?: { readonly first: number; readonly lastField: string };
}

/** The groups that have rows: the others can never be picked, and take no SQL. */
function filled(space: PickSpace): number[] {
  return space.arrivals.rows.flatMap((rows, group) => (rows > 0 ? [group] : []));
}

const count = (space: PickSpace, group: number) => `${space.prefix}_lc${group}`;
const allField = (space: PickSpace) => `${space.prefix}_lall`;

/** SQL: the 1-based number of the `j`-th member (0-based SQL) of class `klass` among 1, 2, 3, ... */
function member(pool: string, klass: string, j: string): string {
  return `((${j}) // ${PER_CLASS} * ${RESIDUES} + ${pool}[${klass} * ${PER_CLASS} + (${j}) % ${PER_CLASS} + 1]::BIGINT + 1)`;
}

/** `CASE WHEN c1 THEN v1 ... ELSE last value END` over [condition, value] pairs, the last taken unconditionally. */
function firstOf(branches: readonly (readonly [string, string])[]): string {
  const last = branches[branches.length - 1];
  if (!last) throw new Error('no branches');
  if (branches.length === 1) return last[1];
  return `CASE ${branches.slice(0, -1).map(([when, then]) => `WHEN ${when} THEN ${then}`).join(' ')} ELSE ${last[1]} END`;
}

/**
 * Fields `<prefix>_lc<g>`: the tool's rows of group g referenceable when this row was created (`created`, a field),
 * read by its day from `dayPool` (legacyDayCounts over `days`: none before them, the last day's after); and
 * `<prefix>_lall`, every parent existing then.
 */
export function legacyCountFields(space: PickSpace, dayPool: string, days: { readonly first: number; readonly last: number }, created: string): HelperSql[] {
  const span = days.last - days.first + 1;
  const day = `(${q(created)} // ${DAY} - ${days.first})`;
  const groups = filled(space);
  const fields: HelperSql[] = groups.map((group) => ({
    name: count(space, group),
    reads: [created],
    sql: `CASE WHEN ${day} < 0 THEN 0 ELSE ${dayPool}[${group * span} + LEAST(${day}, ${span - 1}) + 1]::BIGINT END`,
  }));
  const terms = groups.map((group) => q(count(space, group)));
  const reads = groups.map((group) => count(space, group));
  if (space.synthgen) {
    terms.push(`(${q(space.synthgen.lastField)} - ${space.synthgen.first - 1})`);
    reads.push(space.synthgen.lastField);
  }
  fields.push({ name: allField(space), reads, sql: `(${terms.join(' + ')})` });
  return fields;
}

/**
 * Fields ending in `<at>_id`: a parent drawn by popularity (class pool `classPool`) with the child's draws `key`:
 * synthgen's ID, or the negated number of one of the tool's rows. A class with no member yet gives a parent drawn
 * uniformly among every one existing.
 */
export function legacyPickFields(space: PickSpace, options: { readonly classPool: string; readonly draws: RandomSource; readonly key: string; readonly at: string }): HelperSql[] {
  const { at, draws, key } = options;
  const { popularity, synthgen, arrivals } = space;
  const klass = `${at}_class`;
  const draw = `${at}_u`;
  const total = `${at}_tot`;
  const index = `${at}_t`;
  const groups = filled(space);
  const bucket = `(${draws.bits(key)} >> ${64 - Math.log2(CLASS_BUCKETS)})::BIGINT`;
  const fields: HelperSql[] = [
    { name: klass, reads: [], sql: `${options.classPool}[${bucket} + 1]::BIGINT` },
    { name: draw, reads: [], sql: uniform(draws, `${key}_u`) },
    ...groups.map((group) => ({ name: `${at}_l${group}`, reads: [klass, count(space, group)], sql: classCount(popularity, q(klass), q(count(space, group))) })),
  ];
  const inClass = groups.map((group) => `${at}_l${group}`);
  if (synthgen) {
    const below = synthgen.first === 1 ? '0' : classCount(popularity, q(klass), String(synthgen.first - 1));
    fields.push({ name: `${at}_below`, reads: [klass], sql: below });
    fields.push({ name: `${at}_n`, reads: [klass, `${at}_below`, synthgen.lastField], sql: `(${classCount(popularity, q(klass), q(synthgen.lastField))} - ${q(`${at}_below`)})` });
    inClass.push(`${at}_n`);
  }
  fields.push({ name: total, reads: inClass, sql: `(${inClass.map((name) => q(name)).join(' + ')})` });
  fields.push({ name: index, reads: [total, draw, allField(space)], sql: `CASE WHEN ${q(total)} > 0 THEN floor(${q(draw)} * ${q(total)})::BIGINT ELSE floor(${q(draw)} * ${q(allField(space))})::BIGINT END` });
  // Within the class, then among every parent: the prefixes laid end to end, the tool's groups before synthgen's IDs.
  const byClass: [string, string][] = [];
  const uniformly: [string, string][] = [];
  let before = '0';
  let beforeAll = '0';
  for (const group of groups) {
    const offset = arrivals.offsets[group] ?? 0;
    byClass.push([`${q(index)} < ${before} + ${q(`${at}_l${group}`)}`, `-(${offset} + ${member(popularity, q(klass), `${q(index)} - (${before})`)})`]);
    uniformly.push([`${q(index)} < ${beforeAll} + ${q(count(space, group))}`, `-(${offset} + ${q(index)} - (${beforeAll}) + 1)`]);
    before = `${before} + ${q(`${at}_l${group}`)}`;
    beforeAll = `${beforeAll} + ${q(count(space, group))}`;
  }
  if (synthgen) {
    byClass.push(['TRUE', member(popularity, q(klass), `${q(`${at}_below`)} + ${q(index)} - (${before})`)]);
    uniformly.push(['TRUE', `${synthgen.first} + ${q(index)} - (${beforeAll})`]);
  }
  const reads = [total, index, klass, ...inClass, ...(synthgen ? [`${at}_below`] : []), ...groups.map((group) => count(space, group))];
  fields.push({ name: `${at}_id`, reads, sql: `CASE WHEN ${q(total)} > 0 THEN ${firstOf(byClass)} ELSE ${firstOf(uniformly)} END` });
  return fields;
}
