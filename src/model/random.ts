/**
 * Deterministic randomness. Every generated value is a pure function of (seed, table, key, id): the key names a
 * column (or one of its independent draws), so adding a column never changes another. There is no PRNG state, which
 * is what lets any split of an ID range into parts, on any number of workers, give the same bytes.
 *
 * The mixing happens inside DuckDB as hash(id XOR salt). `hash(id, salt)` looks equivalent but combines the two
 * hashes linearly, so two columns' draws come out ~97% correlated; XOR-ing before the (bijective) hash keeps them
 * independent (measured correlation ~1e-3 over 1M rows, i.e. noise).
 */
import { ubigint } from './sql.js';
import type { Standing } from './parents/standing.js';
import { streamSalt } from './salt.js';

export const TWO_POW_MINUS_53 = '1.1102230246251565e-16';

/**
 * Random draws for rows of one table, as SQL expressions over an id expression. The salt of a stream is either a
 * constant (rows of this run) or a SQL expression (a parent row, whose salt depends on the segment it belongs to).
 */
export interface RandomSource extends Standing {
  /** SQL for the row's id (BIGINT). */
  readonly id: string;
  /** SQL for the as-of time that bounds this row's timestamps, as BIGINT seconds since the Unix epoch. */
  readonly asOf: string;
  /** SQL for when the row was created, BIGINT epoch seconds: never decreasing as the ID rises (timeline.ts). */
  readonly created: string;
  /** SQL for a UBIGINT uniformly spread over 64 bits, independent for each key. */
  bits(key: string): string;
}

/** A DOUBLE uniform in [0, 1). */
export function uniform(source: RandomSource, key: string): string {
  return `((${source.bits(key)} >> 11)::DOUBLE * ${TWO_POW_MINUS_53})`;
}

/** Resolution of draw20(): weights and chances are exact to one part in 2^20 (~1e-6). */
export const DRAW20 = 1 << 20;

/**
 * A BIGINT uniform in [0, 2^20): the top bits of the hash, by a shift. Categorical draws and coin flips compare it
 * with integer thresholds, which costs a third of converting a uniform DOUBLE per row.
 */
export function draw20(source: RandomSource, key: string): string {
  return `(${source.bits(key)} >> 44)::BIGINT`;
}

/** TRUE with probability p (a constant). */
export function chance(source: RandomSource, key: string, p: number): string {
  return `(${draw20(source, key)} < ${Math.round(p * DRAW20)})`;
}

/** A BIGINT uniform in [0, n). The modulo bias is below n / 2^64: invisible for any n used here. */
export function below(source: RandomSource, key: string, n: number | string): string {
  return `(${source.bits(key)} % ${n})::BIGINT`;
}

/** A BIGINT uniform in [min, max]. */
export function between(source: RandomSource, key: string, min: number, max: number): string {
  return `(${min} + ${below(source, key, max - min + 1)})`;
}

/** Draws for the rows a part generates: salts are constants. */
export class OwnRows implements RandomSource {
  readonly id: string;
  readonly asOf: string;
  readonly created: string;
  readonly #seed: number;
  readonly #table: string;
  readonly #standing: Standing;

  constructor(options: { seed: number; table: string; id: string; asOf: string; created: string; standing: Standing }) {
    this.#seed = options.seed;
    this.#table = options.table;
    this.id = options.id;
    this.asOf = options.asOf;
    this.created = options.created;
    this.#standing = options.standing;
  }

  get popularity(): string {
    return this.#standing.popularity;
  }

  get popularityRank(): string {
    return this.#standing.popularityRank;
  }

  bits(key: string): string {
    return `hash(xor(${this.id}::UBIGINT, ${ubigint(streamSalt(this.#seed, this.#table, key))}))`;
  }
}
