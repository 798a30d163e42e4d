/**
 * How popular each parent row is, as a property of the row itself: its ID's residue modulo 1024, put in an order
 * fixed by the parent table, ranks it into one of 16 classes of 64 residues. A child picks a class by the weights of
 * its reference's skew, then a row of that class uniformly among those that exist at the child's time. Because the
 * rows of a class are every ID with one of 64 residues, the j-th of them and how many lie below an ID are plain
 * arithmetic over two small tables: exact sampling from a set that grows with time, with no row read from anywhere,
 * and the same rows stay popular across runs and seeds.
 */
import { shuffled, streamSalt } from '../salt.js';

export const RESIDUES = 1024;
export const CLASSES = 16;
export const PER_CLASS = RESIDUES / CLASSES;

/** Each residue's position in the table's popularity order (0 most popular): fixed per table, whatever the seed. */
function positions(table: string): number[] {
  return shuffled(RESIDUES, streamSalt(0, table, 'popularity'));
}

const builtTables = new Map<string, readonly number[]>();

/**
 * The pool of one parent table's classes: the residues of each class ascending (CLASSES x PER_CLASS), then for each
 * class how many of its residues lie below each r in 0..RESIDUES (CLASSES x (RESIDUES + 1)).
 */
export function popularityTables(table: string): readonly number[] {
  // Built once per table: every pick and every parent standing of a compilation reads it, each compile anew.
  const built = builtTables.get(table);
  if (built) return built;
  const rank = positions(table);
  const members: number[][] = Array.from({ length: CLASSES }, () => []);
  rank.forEach((position, residue) => members[Math.floor(position / PER_CLASS)]?.push(residue));
  const values: number[] = members.flatMap((list) => list.sort((a, b) => a - b));
  for (const list of members) {
    let below = 0;
    for (let r = 0; r <= RESIDUES; r += 1) {
      values.push(below);
      if (list.includes(r)) below += 1;
    }
  }
  // Then each residue's position, so that a child reads a parent's standing from this pool too (standing.ts).
  const result = [...values, ...rank];
  builtTables.set(table, result);
  return result;
}

/** Where popularityTables() keeps each residue's position, after the members and the counts below. */
export const POSITIONS_AT = RESIDUES + CLASSES * (RESIDUES + 1);

/** A pool a standing reads: SQL for a residue's position and for its index among its class's residues. */
export interface StandingLayout {
  readonly name: string;
  readonly values: () => readonly number[];
  readonly position: (pool: string, residue: string) => string;
  readonly member: (pool: string, klass: string, residue: string) => string;
}

/** A table's own rows: a small pool of their own (2 x RESIDUES), as no child's popularity pool is in the query. */
export const ownStanding = (table: string): StandingLayout => ({
  name: `_standing_${table}`,
  values: () => standingTable(table),
  position: (pool, residue) => `${pool}[${residue} + 1]`,
  member: (pool, _klass, residue) => `${pool}[${RESIDUES} + ${residue} + 1]`,
});

/** A parent's rows, from the popularity pool its picks read already: no pool more for the query to carry. */
export const parentStanding = (table: string): StandingLayout => ({
  name: `_popularity_${table}`,
  values: () => popularityTables(table),
  position: (pool, residue) => `${pool}[${POSITIONS_AT} + ${residue} + 1]`,
  member: (pool, klass, residue) => `${pool}[${RESIDUES} + ${klass} * ${RESIDUES + 1} + ${residue} + 1]`,
});

/** How many of the least popular classes an `idle` share of rows makes: never picked. */
export function idleClasses(idle: number): number {
  return Math.round(idle * CLASSES);
}

/**
 * Class weights: class c (0 most popular) gets the share that rank = n x u^skew gives ranks c/16 to (c+1)/16 of the
 * way down, so `skew` keeps the meaning it had; the `idle` share of rows, least popular first, is never picked.
 */
export function classWeights(skew: number, idle: number): number[] {
  const weights = Array.from({ length: CLASSES }, (_, c) => (c >= CLASSES - idleClasses(idle) ? 0 : ((c + 1) / CLASSES) ** (1 / skew) - (c / CLASSES) ** (1 / skew)));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

/** Slices of a draw that pick a class in classTable(): weights are kept to 1/1024. */
export const CLASS_BUCKETS = 1024;

/** The class each of CLASS_BUCKETS equal slices of a draw picks, by the weights: one lookup per pick. */
export function classTable(skew: number, idle: number): number[] {
  const weights = classWeights(skew, idle);
  const cumulative: number[] = [];
  weights.reduce((sum, w) => (cumulative.push(sum + w), sum + w), 0);
  return Array.from({ length: CLASS_BUCKETS }, (_, b) => {
    const index = cumulative.findIndex((c) => c > (b + 0.5) / CLASS_BUCKETS);
    return index < 0 ? weights.length - 1 : index;
  });
}

/**
 * The pool a table's own standing reads (standing.ts): for each residue its position in the popularity order
 * (0 most popular), then its index among its class's residues, ascending.
 */
export function standingTable(table: string): number[] {
  const rank = positions(table);
  const seen = new Array<number>(CLASSES).fill(0);
  const member = rank.map((position) => {
    const klass = Math.floor(position / PER_CLASS);
    const index = seen[klass] ?? 0;
    seen[klass] = index + 1;
    return index;
  });
  return [...rank, ...member];
}

/** For IDs 1..`last`: how many lie in the classes more popular than each class (CLASSES numbers). */
export function idsInBetterClasses(table: string, last: number): number[] {
  const rank = positions(table);
  const blocks = Math.floor(last / RESIDUES);
  const perClass = new Array<number>(CLASSES).fill(blocks * PER_CLASS);
  for (let residue = 0; residue < last % RESIDUES; residue += 1) {
    const klass = Math.floor((rank[residue] ?? 0) / PER_CLASS);
    perClass[klass] = (perClass[klass] ?? 0) + 1;
  }
  let before = 0;
  return perClass.map((count) => {
    const result = before;
    before += count;
    return result;
  });
}
