/**
 * How large a faker column's values may be, so a pool is built in bounded memory: faker builds a value in one go
 * (`string.alpha` with length 1e9 ran the process out of heap, a fatal abort no handler sees), so what a call is asked
 * for is checked before it runs, and what it gives after. Each limit is far above what a column of synthetic data
 * needs: a value of 64K characters is a dozen pages of text.
 */
import type { Faker } from '@faker-js/faker';

/** The most characters or items one call may be asked for (a length, a count, a `{n}` repeat). */
export const MAX_COUNT = 10_000;
/** The most characters of one value. */
export const MAX_VALUE_CHARS = 65_536;
/** The most characters a column's pool holds in all (its values, every locale's). */
export const MAX_POOL_CHARS = 64 * 1024 * 1024;
/** The most values a column's pool holds in all (pool size times locales). */
export const MAX_POOL_VALUES = 1_000_000;

/** What a call was asked for beyond the limits: thrown inside faker, reported with the column. */
export class FakerLimit extends Error {}

const SIZE_KEYS = new Set(['length', 'count', 'width', 'height', 'wordCount', 'sentenceCount', 'paragraphCount', 'extensionCount']);

/** The numbers a size option gives: a number, or the min and max of a range. */
function sizes(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value === 'object' && value !== null) return ['min', 'max'].map((k) => (value as Record<string, unknown>)[k]).filter((v): v is number => typeof v === 'number');
  return [];
}

/** Why the arguments ask for more than one value may hold, or undefined: sizes by name, and `{n}` repeats in patterns. */
export function argumentsProblem(args: unknown): string | undefined {
  const stack: unknown[] = [args];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      const repeat = [...value.matchAll(/\{\s*(\d+)\s*(?:,\s*(\d+)\s*)?\}/g)].flatMap((m) => [Number(m[1]), Number(m[2] ?? 0)]).find((n) => n > MAX_COUNT);
      if (repeat !== undefined) return `a pattern repeats ${repeat} times (at most ${MAX_COUNT.toLocaleString('en-US')})`;
    } else if (Array.isArray(value)) {
      stack.push(...(value as unknown[]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        const large = SIZE_KEYS.has(key) ? sizes(inner).find((n) => n > MAX_COUNT) : undefined;
        if (large !== undefined) return `${key} ${large} is above ${MAX_COUNT.toLocaleString('en-US')}`;
        stack.push(inner);
      }
    }
  }
  return undefined;
}

/**
 * Makes `faker` refuse a length or count above MAX_COUNT: its methods take every length and count through
 * helpers.rangeToNumber (string.alpha(1e9), lorem.paragraphs(1e9), helpers.fake('{{string.alpha(1e9)}}')).
 */
export function guardCounts(faker: Faker): void {
  const helpers = faker.helpers;
  const rangeToNumber = helpers.rangeToNumber.bind(helpers);
  helpers.rangeToNumber = (range: number | { min: number; max: number }): number => {
    const count = rangeToNumber(range);
    if (count > MAX_COUNT) throw new FakerLimit(`it asks for ${count} characters or items (at most ${MAX_COUNT.toLocaleString('en-US')})`);
    return count;
  };
}
