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
import { definePool } from '../../../schema/defineTable.js';
import { type Choice, weighted } from '../../../schema/columns/weighted.js';
import { below, draw20 } from '../../../schema/random.js';
import type { PoolDefinition } from '../../../schema/tableDefinition.js';
import type { CompiledColumn, GeneratorInput } from '../compiledColumn.js';

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
  const definition = (allLocales as Record<string, LocaleDefinition | undefined>)[name];
  if (!definition) throw new UserError(`${where}: faker has no locale ${JSON.stringify(name)}${didYouMean(name, Object.keys(allLocales))}: use one of en_US, en_GB, de, fr, es, it, ja, ... (@faker-js/faker's allLocales)`);
  return definition;
}

/** The method at `path` of a Faker, bound, or undefined. */
export function fakerMethod(faker: Faker, path: string): ((...args: unknown[]) => unknown) | undefined {
  const parts = path.split('.');
  let owner: unknown = faker;
  for (const part of parts.slice(0, -1)) owner = typeof owner === 'object' && owner !== null ? (owner as Record<string, unknown>)[part] : undefined;
  const method = typeof owner === 'object' && owner !== null ? (owner as Record<string, unknown>)[parts[parts.length - 1] ?? ''] : undefined;
  return typeof method === 'function' ? (method as (...args: unknown[]) => unknown).bind(owner) : undefined;
}

/** Every method path of a Faker (module.method), for suggestions. */
function methodsOf(faker: Faker): string[] {
  const record = faker as unknown as Record<string, unknown>;
  return Object.keys(record).flatMap((module) => {
    const owner = record[module];
    if (typeof owner !== 'object' || owner === null || module.startsWith('_')) return [];
    const proto = Object.getPrototypeOf(owner) as object;
    return Object.getOwnPropertyNames(proto).filter((name) => name !== 'constructor' && !name.startsWith('_')).map((name) => `${module}.${name}`);
  });
}

function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** One locale's values: `size` calls of the method, the Faker seeded from what the pool is. */
function values(options: FakerOptions, locale: string, size: number, where: string): (string | number)[] {
  const faker = new Faker({ locale: [localeDefinition(locale, where), allLocales.en, allLocales.base] });
  const seed = createHash('sha256').update(JSON.stringify([options.method, options.args ?? null, locale, size])).digest().readUInt32BE(0);
  faker.seed(seed);
  // Dates relative to now would make the pool differ from day to day.
  faker.setDefaultRefDate(REFERENCE_DATE);
  const method = fakerMethod(faker, options.method);
  if (!method) throw new UserError(`${where}: faker has no method ${options.method}${didYouMean(options.method, methodsOf(faker))}: use a path like person.firstName or commerce.price (fakerjs.dev/api)`);
  const args = options.args === undefined ? [] : Array.isArray(options.args) ? options.args : [options.args];
  const drawn: unknown[] = [];
  try {
    for (let i = 0; i < size; i += 1) drawn.push(method(...args));
  } catch (error: unknown) {
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
  // Built once, when a run first needs it: the first locale's values tell whether the pool is numbers or text.
  const first = values(options, locales[0]?.[0] ?? 'en_US', Math.min(size, 16), where);
  const numeric = first.every((v) => typeof v === 'number');
  const pool: PoolDefinition = definePool({
    name: input.poolName(key),
    type: numeric ? 'number' : 'text',
    build: () => locales.flatMap(([locale]) => values(options, locale, size, where)),
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
