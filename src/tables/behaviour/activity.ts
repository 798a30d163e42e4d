/**
 * The latent behaviour of customers and products: how often each is picked by orders. It is the popularity the
 * engine gives a row (schema/parents/popularity.ts), a property of its ID, so users and products can make their own
 * columns follow it (logins, engagement, ratings) while orders pick them by it, and nothing is read back.
 */
import { CLASSES, classWeights } from '../../model/parents/popularity.js';
import { type RandomSource, uniform } from '../../model/random.js';

/** Orders pick customers with this skew; the least active quarter never orders. */
export const CUSTOMERS = { skew: 3, idle: 0.25 } as const;
/** Orders pick products with this skew; every product sells. */
export const PRODUCTS = { skew: 2.5, idle: 0 } as const;

/**
 * SQL, DOUBLE: the row's rate of being picked relative to the average row of its table (1), 0 for idle rows: the
 * class weight of its popularity times the number of classes.
 */
export function relativeRate(row: RandomSource, behaviour: { skew: number; idle: number }): string {
  const rates = classWeights(behaviour.skew, behaviour.idle).map((w) => (w * CLASSES).toFixed(6));
  return `[${rates.join(', ')}][LEAST(floor(${row.popularity} * ${CLASSES})::BIGINT, ${CLASSES - 1}) + 1]`;
}

/** The lowest relative rate of a row that is picked at all, for the data dictionary. */
export function rateRange(behaviour: { skew: number; idle: number }): [number, number] {
  const rates = classWeights(behaviour.skew, behaviour.idle).map((w) => w * CLASSES).filter((r) => r > 0);
  return [Math.min(...rates), Math.max(...rates)];
}

/** SQL, DOUBLE: a multiplicative noise uniform in (1 - spread, 1 + spread): one draw, no logarithm. */
export function noise(row: RandomSource, key: string, spread: number): string {
  return `(CAST(${1 - spread} AS DOUBLE) + ${2 * spread} * ${uniform(row, key)})`;
}
