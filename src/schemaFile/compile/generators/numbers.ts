/**
 * Numbers between min and max, spread by a distribution, clamped to the range: uniform, normal (Box-Muller over two
 * draws), lognormal (of the given mean and sd above min), exponential (of the given mean above min), zipf (integers
 * min, min+1, ... with weight 1/k^s, by the inverse of its continuous approximation) and pareto (min times a Pareto
 * variable of shape alpha, or min plus a Lomax one when min is not positive). Every draw is the row's, salted by
 * the column's name.
 */
import { uniform, type RandomSource } from '../../../model/random.js';

export type Distribution = 'uniform' | 'normal' | 'lognormal' | 'exponential' | 'zipf' | 'pareto';

export interface NumericOptions {
  readonly min: number;
  readonly max: number;
  readonly distribution?: Distribution | undefined;
  readonly mean?: number | undefined;
  readonly sd?: number | undefined;
  readonly s?: number | undefined;
  readonly alpha?: number | undefined;
}

const d = (value: number) => `CAST(${value} AS DOUBLE)`;

/** A distribution's parameters with their defaults filled in. */
export interface NumericParameters {
  readonly min: number;
  readonly max: number;
  readonly distribution: Distribution;
  readonly mean: number;
  readonly sd: number;
  readonly s: number;
  readonly alpha: number;
}

/** The parameters each distribution uses, defaults filled in (as the data dictionary states them). */
export function parametersOf(options: NumericOptions): NumericParameters {
  const { min, max } = options;
  const distribution = options.distribution ?? 'uniform';
  const mean = options.mean ?? (distribution === 'normal' || distribution === 'uniform' ? (min + max) / 2 : min + (max - min) / 4);
  const sd = options.sd ?? (distribution === 'normal' ? (max - min) / 6 : Math.max(mean - min, 1e-9));
  return { min, max, distribution, mean, sd, s: options.s ?? 1.2, alpha: options.alpha ?? 1.5 };
}

/** SQL for an unclamped DOUBLE drawn from the distribution, from uniforms `u(name)` in [0, 1). */
function drawSql(options: NumericOptions, u: (name: string) => string, whole: boolean): string {
  const p = parametersOf(options);
  const open = (name: string) => `greatest(${u(name)}, ${d(1e-12)})`;
  const normal = `(sqrt(${d(-2)} * ln(${open('a')})) * cos(${d(2 * Math.PI)} * ${u('b')}))`;
  switch (p.distribution) {
    case 'uniform':
      // Whole numbers: each of min..max equally likely.
      return whole ? `(${d(p.min)} + ${u('a')} * ${d(p.max - p.min + 1)})` : `(${d(p.min)} + ${u('a')} * ${d(p.max - p.min)})`;
    case 'normal':
      return `(${d(p.mean)} + ${d(p.sd)} * ${normal})`;
    case 'lognormal': {
      const m = Math.max(p.mean - p.min, 1e-9);
      const sigma2 = Math.log(1 + (p.sd * p.sd) / (m * m));
      return `(${d(p.min)} + exp(${d(Math.log(m) - sigma2 / 2)} + ${d(Math.sqrt(sigma2))} * ${normal}))`;
    }
    case 'exponential':
      return `(${d(p.min)} - ${d(Math.max(p.mean - p.min, 1e-9))} * ln(${d(1)} - ${u('a')}))`;
    case 'zipf': {
      const n = Math.max(1, Math.floor(p.max - p.min) + 1);
      const k =
        Math.abs(p.s - 1) < 1e-9
          ? `exp(${u('a')} * ${d(Math.log(n + 1))})`
          : `pow(${d(1)} + ${u('a')} * ${d((n + 1) ** (1 - p.s) - 1)}, ${d(1 / (1 - p.s))})`;
      return `(${d(p.min - 1)} + ${k})`;
    }
    case 'pareto': {
      const tail = `pow(${d(1)} - ${u('a')}, ${d(-1 / p.alpha)})`;
      return p.min > 0 ? `(${d(p.min)} * ${tail})` : `(${d(p.min)} + ${tail} - ${d(1)})`;
    }
  }
}

/** SQL for the number, clamped to [min, max]: a BIGINT when `whole`, else a DOUBLE (rounded to `scale` if given). */
export function numberSql(options: NumericOptions, row: RandomSource, key: string, whole: boolean, scale?: number): string {
  const value = drawSql(options, (name) => uniform(row, name === 'a' ? key : `${key}#${name}`), whole);
  if (whole) return `LEAST(GREATEST(floor(${value}), ${d(Math.ceil(options.min))}), ${d(Math.floor(options.max))})::BIGINT`;
  const clamped = `LEAST(GREATEST(${value}, ${d(options.min)}), ${d(options.max)})`;
  return scale === undefined ? clamped : `round(${clamped}, ${scale})`;
}

/** A distribution's inverse CDF in JS, for estimating the clamped mean (children per parent, to size parts). */
function quantile(options: NumericOptions, u: number, v: number, whole: boolean): number {
  const p = parametersOf(options);
  const z = Math.sqrt(-2 * Math.log(Math.max(u, 1e-12))) * Math.cos(2 * Math.PI * v);
  let x: number;
  switch (p.distribution) {
    case 'uniform':
      x = p.min + u * (p.max - p.min + (whole ? 1 : 0));
      break;
    case 'normal':
      x = p.mean + p.sd * z;
      break;
    case 'lognormal': {
      const m = Math.max(p.mean - p.min, 1e-9);
      const sigma2 = Math.log(1 + (p.sd * p.sd) / (m * m));
      x = p.min + Math.exp(Math.log(m) - sigma2 / 2 + Math.sqrt(sigma2) * z);
      break;
    }
    case 'exponential':
      x = p.min - Math.max(p.mean - p.min, 1e-9) * Math.log(1 - u);
      break;
    case 'zipf': {
      const n = Math.max(1, Math.floor(p.max - p.min) + 1);
      x = p.min - 1 + (Math.abs(p.s - 1) < 1e-9 ? Math.exp(u * Math.log(n + 1)) : (1 + u * ((n + 1) ** (1 - p.s) - 1)) ** (1 / (1 - p.s)));
      break;
    }
    case 'pareto':
      x = p.min > 0 ? p.min * (1 - u) ** (-1 / p.alpha) : p.min + (1 - u) ** (-1 / p.alpha) - 1;
      break;
  }
  const value = whole ? Math.floor(x) : x;
  return Math.min(Math.max(value, whole ? Math.ceil(p.min) : p.min), whole ? Math.floor(p.max) : p.max);
}

/** The mean of the clamped distribution, by a 200 x 50 grid of its two draws. */
export function meanOf(options: NumericOptions, whole: boolean): number {
  let sum = 0;
  const [nu, nv] = [200, 50];
  for (let i = 0; i < nu; i += 1) for (let j = 0; j < nv; j += 1) sum += quantile(options, (i + 0.5) / nu, (j + 0.5) / nv, whole);
  return sum / (nu * nv);
}

/** The dictionary's words for it: `lognormal, mean 12, sd 12, clamped to 1-500`. */
export function describeNumbers(options: NumericOptions): string {
  const p = parametersOf(options);
  const range = `${p.min}-${p.max}`;
  switch (p.distribution) {
    case 'uniform':
      return `uniform over ${range}`;
    case 'normal':
      return `normal, mean ${p.mean}, sd ${round(p.sd)}, clamped to ${range}`;
    case 'lognormal':
      return `lognormal above ${p.min}, mean ${p.mean}, sd ${round(p.sd)}, clamped to ${range}`;
    case 'exponential':
      return `exponential above ${p.min}, mean ${p.mean}, clamped to ${range}`;
    case 'zipf':
      return `zipf over ${range} with exponent ${p.s}: ${p.min} most often`;
    case 'pareto':
      return `pareto, shape ${p.alpha}, from ${p.min}, clamped to ${range}`;
  }
}

function round(value: number): number {
  return Number(value.toPrecision(4));
}
