/**
 * A product's words in SQL: name, description, brand, colour and material. A row draws one of its subcategory's
 * archetypes (catalog/catalogPools.ts), whose name, material and description are written out in the pools, so the
 * name, material and description agree (a laptop's name and description state the same screen). The measure (net
 * weight, ml, pages) is the one value picked per row, by the weight, so that text and weight agree too.
 */
import { POOL } from './builtinPools.js';
import { BRANDS_PER_CATEGORY } from './catalog/brands.js';
import { ARCHETYPES_PER_SUBCATEGORY, MEASURES_PER_SUBCATEGORY } from './catalog/catalogPools.js';
import { ADJECTIVES_PER_SUBCATEGORY, COLORS_PER_SUBCATEGORY } from './catalog/subcategory.js';
import { below, uniform } from '../model/random.js';
import { concat } from '../model/sql.js';
import type { Field, RowContext } from '../model/tableDefinition.js';

export const PRODUCT_TEXT_POOLS = [
  POOL.subcategory_adjective,
  POOL.subcategory_color,
  POOL.archetype_name,
  POOL.archetype_material,
  POOL.archetype_before,
  POOL.archetype_after,
  POOL.measure_text,
  POOL.measure_name,
  POOL.brand,
] as const;

/** The helpers the text columns read; `_sub` and `_weight` are the table's own. */
export const PRODUCT_TEXT_HELPERS: readonly Field[] = [
  { name: '_archetype', sql: ({ row, field }) => `(${field('_sub')} * ${ARCHETYPES_PER_SUBCATEGORY} + ${below(row, 'archetype', ARCHETYPES_PER_SUBCATEGORY)})` },
  {
    // The weight's slice of its log range: the weight is log-uniform in it by this same draw (products.ts).
    name: '_measure',
    sql: ({ row, field }) => `(${field('_sub')} * ${MEASURES_PER_SUBCATEGORY} + floor(${MEASURES_PER_SUBCATEGORY} * ${uniform(row, 'weight')})::BIGINT)`,
  },
];

/** A brand of the product's category, skewed: brand k of its 40 with probability ~ u^1.5. */
export function brandSql({ row, field, pool }: RowContext): string {
  const rank = `floor(${BRANDS_PER_CATEGORY} * pow(${uniform(row, 'brand')}, 1.5))::BIGINT`;
  return pool(POOL.brand, `${field('_sub')} * ${BRANDS_PER_CATEGORY} + ${rank}`);
}

/** Brand, adjective, the archetype's [material] noun [, spec], and the measure where the name shows it. */
export function productNameSql({ row, field, pool }: RowContext): string {
  const adjective = pool(POOL.subcategory_adjective, `${field('_sub')} * ${ADJECTIVES_PER_SUBCATEGORY} + ${below(row, 'name_adjective', ADJECTIVES_PER_SUBCATEGORY)}`);
  return concat(field('brand'), `' '`, adjective, `' '`, pool(POOL.archetype_name, field('_archetype')), pool(POOL.measure_name, field('_measure')));
}

export function descriptionSql({ field, pool }: RowContext): string {
  return concat(pool(POOL.archetype_before, field('_archetype')), pool(POOL.measure_text, field('_measure')), pool(POOL.archetype_after, field('_archetype')));
}

export function colorSql({ row, field, pool }: RowContext): string {
  return `nullif(${pool(POOL.subcategory_color, `${field('_sub')} * ${COLORS_PER_SUBCATEGORY} + ${below(row, 'color', COLORS_PER_SUBCATEGORY)}`)}, '')`;
}

export function materialSql({ field, pool }: RowContext): string {
  return `nullif(${pool(POOL.archetype_material, field('_archetype'))}, '')`;
}
