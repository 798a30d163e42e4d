/** A categorical value with weights: CASE over the cumulative shares of a 20-bit integer draw (see draw20()). */
import { DRAW20 } from '../random.js';
import { quotedString } from '../sql.js';

export type Choice = readonly [value: string | number | boolean, weight: number];

function literal(value: string | number | boolean): string {
  return typeof value === 'string' ? quotedString(value) : String(value);
}

/** `draw` is SQL for draw20(); weights need not sum to 1. */
export function weighted(draw: string, choices: readonly Choice[]): string {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  if (choices.length === 0 || !(total > 0)) throw new Error('weighted() needs choices with positive total weight');
  let cumulative = 0;
  const branches = choices.slice(0, -1).map(([value, weight]) => {
    cumulative += weight / total;
    return `WHEN ${draw} < ${Math.round(cumulative * DRAW20)} THEN ${literal(value)}`;
  });
  const last = choices[choices.length - 1];
  if (!last) throw new Error('unreachable');
  if (branches.length === 0) return literal(last[0]);
  return `(CASE ${branches.join(' ')} ELSE ${literal(last[0])} END)`;
}

/** How the choices read in the data dictionary, e.g. `active 82%, inactive 10%`. */
export function describeWeights(choices: readonly Choice[]): string {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  return choices.map(([value, weight]) => `${String(value)} ${Number(((weight / total) * 100).toFixed(1))}%`).join(', ');
}

/** A 0-based index into `choices`, drawn by weight: cheaper to carry between fields than the label itself. */
export function weightedIndex(draw: string, choices: readonly Choice[]): string {
  return weighted(
    draw,
    choices.map(([, weight], index) => [index, weight] as const),
  );
}

/** The label of a 0-based index produced by weightedIndex(). */
export function labelOf(choices: readonly Choice[], index: string): string {
  return `[${choices.map(([value]) => literal(value)).join(', ')}][${index} + 1]`;
}

/**
 * `slots` indexes into `choices`, each appearing in proportion to its weight: a pool of these draws a choice with
 * one lookup, and pools of several lotteries end to end let a row's other values pick which one it draws from.
 */
export function lottery(choices: readonly Choice[], slots = 1024): number[] {
  return apportion(choices.map(([, weight]) => weight), slots).flatMap((count, index) => Array.from({ length: count }, () => index));
}

/** Integer counts summing to `total`, in proportion to `weights` (cumulative rounding: no count drifts). */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  let given = 0;
  return weights.map((weight) => {
    cumulative += weight;
    const end = Math.round((cumulative / sum) * total);
    const count = end - given;
    given = end;
    return count;
  });
}
