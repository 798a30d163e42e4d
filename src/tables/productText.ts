/**
 * A product's words in SQL: name, description, brand, colour and material. A row draws one of its subcategory's
 * archetypes (catalog/catalogPools.ts), whose name, material and description are written out in the pools, so the
 * name, material and description agree (a laptop's name and description state the same RAM). The measure (net
 * weight, ml, pages) is picked per row, by the weight, so that text and weight agree too; so are the brand, the
 * product line, the model number, the colour and the size, which the name carries to tell products apart.
 */
import { POOL } from './builtinPools.js';
import { BRANDS_PER_CATEGORY, BRAND_SKEW } from './catalog/brands.js';
import { ARCHETYPES_PER_SUBCATEGORY, MEASURES_PER_SUBCATEGORY, PACKS_PER_MEASURE } from './catalog/catalogPools.js';
import { ADJECTIVES_PER_SUBCATEGORY, COLORS_PER_SUBCATEGORY } from './catalog/subcategory.js';
import { TITLES_PER_SUBCATEGORY } from './catalog/titles.js';
import { SUBCATEGORIES } from './catalog.js';
import { MODEL_COUNT } from './catalog/nameParts.js';
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
  POOL.book_title,
  POOL.color_suffix,
  POOL.color_sentence,
  POOL.name_line,
  POOL.model_code,
] as const;


const indexesWhere = (test: (sub: (typeof SUBCATEGORIES)[number]) => boolean) => SUBCATEGORIES.flatMap((sub, index) => (test(sub) ? [index] : []));
const BOOKS = indexesWhere((sub) => sub.book);
/** 1 where the subcategory's names carry a model number. */
const MODEL_FLAGS = SUBCATEGORIES.map((sub) => (sub.model ? 1 : 0));
const SHOES = indexesWhere((sub) => sub.size === 'shoe');
/** A book subcategory's place among the book subcategories (its block of titles); -1 elsewhere. */
const BOOK_SLOT = SUBCATEGORIES.map((_, index) => BOOKS.indexOf(index));

const among = (sub: string, indexes: readonly number[]) => (indexes.length ? `${sub} IN (${indexes.join(', ')})` : 'false');

/** The helpers the text and price columns read; `_sub` and `_weight` are the table's own. */
export const PRODUCT_TEXT_HELPERS: readonly Field[] = [
  { name: '_archetype', sql: ({ row, field }) => `(${field('_sub')} * ${ARCHETYPES_PER_SUBCATEGORY} + ${below(row, 'archetype', ARCHETYPES_PER_SUBCATEGORY)})` },
  {
    // The weight's slice of its log range (the weight is log-uniform in it by this same draw, products.ts), then a pack choice.
    name: '_measure',
    sql: ({ row, field }) =>
      `((${field('_sub')} * ${MEASURES_PER_SUBCATEGORY} + floor(${MEASURES_PER_SUBCATEGORY} * ${uniform(row, 'weight')})::BIGINT) * ${PACKS_PER_MEASURE} + ${below(row, 'pack', PACKS_PER_MEASURE)})`,
  },
  { name: '_color', sql: ({ row, field }) => `(${field('_sub')} * ${COLORS_PER_SUBCATEGORY} + ${below(row, 'color', COLORS_PER_SUBCATEGORY)})` },
  // The brand's rank in its category (0 = the biggest): its tier sets part of the price (catalog/pricing.ts).
  { name: '_brand', sql: ({ row }) => `floor(${BRANDS_PER_CATEGORY} * pow(${uniform(row, 'brand')}, ${BRAND_SKEW}))::BIGINT` },
];

/** A brand of the product's category, skewed: brand k of its 400 with probability ~ u^2.5. */
export function brandSql({ field, pool }: RowContext): string {
  return pool(POOL.brand, `${field('_sub')} * ${BRANDS_PER_CATEGORY} + ${field('_brand')}`);
}

/**
 * Brand, product line, a model number where the subcategory has them, the archetype's [material] noun and specs, the
 * measure, the colour and the size: "Hale Aero 5140 Laptop, 14-inch, 16 GB RAM, 512 GB SSD, Silver". A book is its
 * title and the archetype's "by {author}, {format}".
 */
export function productNameSql({ row, field, pool }: RowContext): string {
  const sub = field('_sub');
  // One concat of pool entries, no intermediate strings: the line (' Aero', '' for books) and the model number
  // (' 5140', or entry 0, '', where the subcategory has none) come with their space.
  const line = pool(POOL.name_line, `${sub} * ${ADJECTIVES_PER_SUBCATEGORY} + ${below(row, 'name_adjective', ADJECTIVES_PER_SUBCATEGORY)}`);
  const model = pool(POOL.model_code, `[${MODEL_FLAGS.join(', ')}][${sub} + 1] * (1 + ${below(row, 'model', MODEL_COUNT)})`);
  const title = pool(POOL.book_title, `[${BOOK_SLOT.join(', ')}][${sub} + 1] * ${TITLES_PER_SUBCATEGORY} + ${below(row, 'title', TITLES_PER_SUBCATEGORY)}`);
  const head = `CASE WHEN ${among(sub, BOOKS)} THEN ${title} ELSE ${field('brand')} END`;
  const sizeSeparator = `CASE WHEN ${field('size')} IS NULL THEN '' WHEN ${among(sub, SHOES)} THEN ', EU ' ELSE ', ' END`;
  return concat(
    head,
    line,
    model,
    `' '`,
    pool(POOL.archetype_name, field('_archetype')),
    pool(POOL.measure_name, field('_measure')),
    pool(POOL.color_suffix, field('_color')),
    sizeSeparator,
    field('size'),
  );
}

/** The archetype's text around the measure, then the colour where it has one (the colour's texts are pools: a lookup costs less than concatenating). */
export function descriptionSql({ field, pool }: RowContext): string {
  return concat(pool(POOL.archetype_before, field('_archetype')), pool(POOL.measure_text, field('_measure')), pool(POOL.archetype_after, field('_archetype')), pool(POOL.color_sentence, field('_color')));
}

export function colorSql({ field, pool }: RowContext): string {
  return `nullif(${pool(POOL.subcategory_color, field('_color'))}, '')`;
}

export function materialSql({ field, pool }: RowContext): string {
  return `nullif(${pool(POOL.archetype_material, field('_archetype'))}, '')`;
}
