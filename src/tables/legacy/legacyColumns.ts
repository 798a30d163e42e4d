/**
 * The original tool's users and products, as synthgen reads them (run/legacy/): the tool wrote the same tables with
 * synthgen's column names and types, its values drawn one Faker call at a time (bench/naiveMethod.ts is its method
 * transplanted), so countries are names in any spelling and times in no order. What orders take of a parent:
 * a user's country (which gives the locale: tax, payment habits, waking hours, addresses in it) and registration time;
 * a product's price, listing time and, if the files say, its subcategory or category (which gives the return rate).
 * The rest of a parent's values orders need (an address, a tier) is drawn from the row's ID, as for synthgen's rows.
 */
import type { LegacyTableSpec } from '../../model/legacy/legacyTable.js';
import { quotedIdentifier as q, quotedString } from '../../model/sql.js';
import { LOCALES } from '../../model/locales.js';
import { CATEGORIES, SUBCATEGORIES } from '../catalog.js';

/** Other names the tool's Faker gave the countries synthgen models, lower case. */
const COUNTRY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  US: ['united states of america', 'usa', 'u.s.', 'u.s.a.', 'america'],
  GB: ['uk', 'u.k.', 'great britain', 'britain', 'england', 'scotland', 'wales', 'northern ireland'],
  DE: ['deutschland'],
};

/** SQL: the locale index of a country name, code or alias in `column` (any case), or NULL. */
function localeOf(column: string): string {
  const names = LOCALES.flatMap((locale, index) => [locale.country, locale.countryCode, ...(COUNTRY_ALIASES[locale.countryCode] ?? [])].map((name) => `WHEN ${quotedString(name.toLowerCase())} THEN ${index}`));
  return `CASE lower(trim(${q(column)})) ${names.join(' ')} END`;
}

/** SQL: a subcategory index by the subcategory's name, or by the category's (its first subcategory), or NULL. */
function subcategoryOf(present: ReadonlySet<string>): string {
  const bySubcategory = `CASE lower(trim(${q('subcategory')})) ${SUBCATEGORIES.map((sub, index) => `WHEN ${quotedString(sub.name.toLowerCase())} THEN ${index}`).join(' ')} END`;
  const byCategory = `CASE lower(trim(${q('category')})) ${CATEGORIES.map((name) => `WHEN ${quotedString(name.toLowerCase())} THEN ${SUBCATEGORIES.findIndex((sub) => sub.category === name)}`).join(' ')} END`;
  const found = [...(present.has('subcategory') ? [bySubcategory] : []), ...(present.has('category') ? [byCategory] : [])];
  return found.length === 0 ? 'NULL::INTEGER' : `coalesce(${found.join(', ')})`;
}

const list = (values: readonly string[]) => `[${values.map(quotedString).join(', ')}]`;

const users: LegacyTableSpec = {
  table: 'users',
  key: 'user_id',
  created: ['registration_date', 'created_at'],
  group: {
    field: '_locale',
    count: LOCALES.length,
    columns: ['country', 'country_code'],
    sql: (present) => {
      const found = ['country', 'country_code'].filter((column) => present.has(column)).map(localeOf);
      return found.length === 1 ? (found[0] ?? 'NULL') : `coalesce(${found.join(', ')})`;
    },
    lacking: `a country synthgen models (${LOCALES.map((l) => l.country).join(', ')})`,
  },
  values: [],
  asTable: (snapshot) =>
    `SELECT id AS user_id, to_timestamp(created) AS registration_date, ${list(LOCALES.map((l) => l.country))}[grp + 1] AS country, ${list(LOCALES.map((l) => l.countryCode))}[grp + 1] AS country_code FROM ${snapshot}`,
};

const products: LegacyTableSpec = {
  table: 'products',
  key: 'product_id',
  created: ['created_at'],
  values: [
    {
      column: 'price',
      type: 'DECIMAL(18,2)',
      columns: ['price'],
      kinds: ['number'],
      required: true,
      sql: () => `CAST(${q('price')} AS DECIMAL(18,2))`,
      // Order lines copy it as unit_price: it must be what a DECIMAL(18,2) holds exactly.
      wrong: {
        sql: () => `(${q('price')} < 0 OR ${q('price')} >= 1e16 OR abs(${q('price')}::DOUBLE * 100 - round(${q('price')}::DOUBLE * 100)) > 1e-6)`,
        right: 'a price is a whole number of cents from 0',
      },
      fields: ['price', '_price'],
      fallback: false,
    },
    {
      column: 'sub',
      type: 'INTEGER',
      columns: ['subcategory', 'category'],
      kinds: ['text'],
      required: false,
      sql: subcategoryOf,
      fields: ['_sub'],
      fallback: true,
    },
  ],
  asTable: (snapshot) =>
    `SELECT id AS product_id, to_timestamp(created) AS created_at, price, ${list(SUBCATEGORIES.map((sub) => sub.category))}[sub + 1] AS category, ${list(SUBCATEGORIES.map((sub) => sub.name))}[sub + 1] AS subcategory FROM ${snapshot}`,
};

/** The tables whose original rows children may reference, by name. */
export const LEGACY_TABLES: Readonly<Record<string, LegacyTableSpec>> = { users, products };
