/**
 * Any @faker-js/faker method by path, with arguments: its values are drawn once per run into a pool, by a Faker
 * seeded from the method, its arguments and the locale (so the pool is the same on every run and machine, with
 * the pinned faker), and each row picks one by its own draw. With several locales, each has a pool of the same size
 * and the row first draws its locale by weight.
 */
import { Faker, allLocales, type LocaleDefinition } from '@faker-js/faker';
import { createHash } from 'node:crypto';
import { UserError } from '../../../errors/userError.js';
import { didYouMean } from '../../format/nearest.js';
import { definePool } from '../../../model/defineTable.js';
import { type Choice, weighted } from '../../../model/columns/weighted.js';
import { below, draw20 } from '../../../model/random.js';
import type { PoolDefinition } from '../../../model/tableDefinition.js';
import type { CompiledColumn, GeneratorInput } from '../compiledColumn.js';
import { FakerLimit, MAX_POOL_CHARS, MAX_POOL_VALUES, MAX_VALUE_CHARS, argumentsProblem, guardCounts } from './fakerLimits.js';

export const DEFAULT_POOL = 10_000;
const REFERENCE_DATE = new Date('2025-01-01T00:00:00Z');

interface FakerOptions {
  readonly method: string;
  readonly args?: readonly unknown[] | Record<string, unknown> | undefined;
  readonly locale?: string | Record<string, number> | undefined;
  readonly pool?: number | undefined;
}

/** The locales of a `locale` option (a name, or names with weights), in the file's order. */
export function localesOf(locale: string | Record<string, number> | undefined): (readonly [string, number])[] | undefined {
  if (locale === undefined) return undefined;
  return typeof locale === 'string' ? [[locale, 1]] : Object.entries(locale);
}

function localeDefinition(name: string, where: string): LocaleDefinition {
  // Only faker's own locales: `constructor` or `__proto__` are properties of every object, not locales.
  const definition = Object.hasOwn(allLocales, name) ? (allLocales as Record<string, LocaleDefinition | undefined>)[name] : undefined;
  if (!definition) throw new UserError(`${where}: faker has no locale ${JSON.stringify(name)}${didYouMean(name, Object.keys(allLocales))}: use one of en_US, en_GB, de, fr, es, it, ja, ... (@faker-js/faker's allLocales)`);
  return definition;
}

/** Every method path of a Faker (module.method): its modules' methods, their base classes' too, none of Object's. */
function methodsOf(faker: Faker): string[] {
  const record = faker as unknown as Record<string, unknown>;
  return Object.keys(record).flatMap((module) => {
    const owner = record[module];
    if (typeof owner !== 'object' || owner === null || module.startsWith('_')) return [];
    const names = new Set<string>();
    for (let proto = Object.getPrototypeOf(owner) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
      for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor' && !name.startsWith('_') && typeof (owner as Record<string, unknown>)[name] === 'function') names.add(name);
    }
    return [...names].map((name) => `${module}.${name}`);
  });
}

/** The method at `path` (one of methodsOf), bound, or undefined: a path through anything else (`__proto__`) is none. */
function fakerMethod(faker: Faker, path: string): ((...args: unknown[]) => unknown) | undefined {
  if (!methodsOf(faker).includes(path)) return undefined;
  const [module = '', name = ''] = path.split('.');
  const owner = (faker as unknown as Record<string, Record<string, unknown>>)[module];
  const method = owner?.[name];
  return typeof method === 'function' ? (method as (...args: unknown[]) => unknown).bind(owner) : undefined;
}

function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Characters a pool may still take (MAX_POOL_CHARS in all, over its locales). */
interface Budget {
  chars: number;
}

/** One locale's values: `size` calls of the method, the Faker seeded from what the pool is. */
function values(options: FakerOptions, locale: string, size: number, where: string, budget: Budget = { chars: MAX_POOL_CHARS }): (string | number)[] {
  const faker = new Faker({ locale: [localeDefinition(locale, where), allLocales.en, allLocales.base] });
  const seed = createHash('sha256').update(JSON.stringify([options.method, options.args ?? null, locale, size])).digest().readUInt32BE(0);
  faker.seed(seed);
  // Dates relative to now would make the pool differ from day to day.
  faker.setDefaultRefDate(REFERENCE_DATE);
  guardCounts(faker);
  const method = fakerMethod(faker, options.method);
  if (!method) throw new UserError(`${where}: faker has no method ${options.method}${didYouMean(options.method, methodsOf(faker))}: use a path like person.firstName or commerce.price (fakerjs.dev/api)`);
  const args = options.args === undefined ? [] : Array.isArray(options.args) ? options.args : [options.args];
  const tooLarge = (what: string) => new UserError(`${where}: faker ${options.method} ${what}: ask for smaller values${size > 1000 ? ', or a smaller pool' : ''}`);
  const asked = argumentsProblem(args);
  if (asked !== undefined) throw tooLarge(`cannot have these arguments: ${asked}`);
  const drawn: unknown[] = [];
  try {
    for (let i = 0; i < size; i += 1) {
      const value = method(...args);
      const length = typeof value === 'number' ? 8 : text(value).length;
      if (length > MAX_VALUE_CHARS) throw tooLarge(`gives values of ${length.toLocaleString('en-US')} characters (at most ${MAX_VALUE_CHARS.toLocaleString('en-US')})`);
      budget.chars -= length;
      if (budget.chars < 0) throw tooLarge(`fills its pool past ${MAX_POOL_CHARS / 1024 / 1024} MB of text`);
      drawn.push(value);
    }
  } catch (error: unknown) {
    if (error instanceof UserError) throw error;
    if (error instanceof FakerLimit) throw tooLarge(`cannot have these arguments: ${error.message}`);
    throw new UserError(`${where}: faker ${options.method} failed with these arguments: ${error instanceof Error ? error.message : String(error)}`);
  }
  return drawn.every((v) => typeof v === 'number' && Number.isFinite(v)) ? (drawn as number[]) : drawn.map(text);
}

export function fakerColumn(given: string | FakerOptions, key: string, input: GeneratorInput): CompiledColumn {
  const options: FakerOptions = typeof given === 'string' ? { method: given } : given;
  const where = `table ${input.table.name}, column ${input.column.name}`;
  const locales = localesOf(options.locale) ?? input.locales;
  const size = options.pool ?? DEFAULT_POOL;
  // Every locale is checked now: the pool is built only when a run needs it, too late for a clear error.
  for (const [locale] of locales) localeDefinition(locale, where);
  if (size * locales.length > MAX_POOL_VALUES) throw new UserError(`${where}: a pool of ${size} values for each of ${locales.length} locales is more than ${MAX_POOL_VALUES.toLocaleString('en-US')} values: give a smaller pool`);
  // Built once, when a run first needs it: the first locale's values tell whether the pool is numbers or text.
  const first = values(options, locales[0]?.[0] ?? 'en_US', Math.min(size, 16), where);
  const numeric = first.every((v) => typeof v === 'number');
  const pool: PoolDefinition = definePool({
    name: input.poolName(key),
    type: numeric ? 'number' : 'text',
    build: () => {
      const budget: Budget = { chars: MAX_POOL_CHARS };
      return locales.flatMap(([locale]) => values(options, locale, size, where, budget));
    },
  });
  const choices: Choice[] = locales.map(([, weight], index) => [index, weight] as const);
  const localeIndex = (row: Parameters<CompiledColumn['sql']>[1]) => (locales.length === 1 ? '0' : weighted(draw20(row, `${key}#locale`), choices));
  const mix = locales.map(([name, weight]) => `${name} ${Math.round((weight / locales.reduce((n, [, w]) => n + w, 0)) * 100)}%`).join(', ');
  return {
    type: numeric ? 'DOUBLE' : 'VARCHAR',
    pools: [pool],
    sql: (context, row) => context.pool(pool, `${localeIndex(row)} * ${size} + ${below(row, key, size)}`),
    distribution: `faker ${options.method}${options.args === undefined ? '' : ` ${JSON.stringify(options.args)}`}: one of ${size} values drawn per locale (${mix}), uniformly.`,
  };
}
