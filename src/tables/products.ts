/** products: the catalogue, with prices, costs and physical attributes that fit each subcategory. */
import { MONEY, cents } from '../model/columns/money.js';
import { defineTable } from '../model/defineTable.js';
import { POOL } from './builtinPools.js';
import { spanOf, toTimestamp } from '../model/columns/time.js';
import { createdInIdOrder } from '../model/time/createdInIdOrder.js';
import { LISTINGS, PAST_YEARS, hourlyRate } from '../model/time/calendar.js';
import { type Choice, describeWeights, weighted } from '../model/columns/weighted.js';
import { type RandomSource, below, chance, draw20, uniform } from '../model/random.js';
import { concat, quotedString } from '../model/sql.js';
import type { PoolReader, RowContext } from '../model/tableDefinition.js';
import { MARGINS, describeEndings, NOISE_LOG, TIERS, marginOf, shopPriceSql, tierLogSql } from './catalog/pricing.js';
import { CATEGORIES as categories, SUBCATEGORIES } from './catalog.js';
import { PRODUCT_TEXT_HELPERS, PRODUCT_TEXT_POOLS, brandSql, colorSql, descriptionSql, materialSql, productNameSql } from './productText.js';

/** The pools a table needs to recompute a product's subcategory and price. */
export const PRODUCT_PRICE_POOLS = [POOL.subcategory_lottery, POOL.archetype_price_base, POOL.archetype_price_scale, POOL.measure_price_log] as const;

/** 0-based subcategory index, drawn by catalogue share. */
export function subcategoryIndex(pools: PoolReader, row: RandomSource): string {
  return `${pools.pool(POOL.subcategory_lottery, below(row, 'subcategory', 1024))}::BIGINT`;
}

/**
 * The list price before its ending, DOUBLE: the archetype's base times its scaled multipliers of pack size, brand
 * tier and noise (catalog/pricing.ts), from the row's `_archetype`, `_measure` and `_brand`.
 */
export function productPrice({ pool, row, field }: Pick<RowContext, 'pool' | 'row' | 'field'>): string {
  const multipliers = `${pool(POOL.measure_price_log, field('_measure'))} + ${tierLogSql(field('_brand'))} + ${NOISE_LOG} * ${uniform(row, 'price')}`;
  return `exp(${pool(POOL.archetype_price_base, field('_archetype'))} + ${pool(POOL.archetype_price_scale, field('_archetype'))} * (${multipliers}))`;
}

const margins = SUBCATEGORIES.map((sub) => marginOf(sub.category));

const apparelSizes: Choice[] = [
  ['XS', 6],
  ['S', 18],
  ['M', 30],
  ['L', 26],
  ['XL', 14],
  ['XXL', 6],
];
/** The mean share of a product's order lines whose buyer reviews it (an estimate: unsolicited reviews come from a few percent of purchases); each product's share is 0.5-1.5x it. */
const REVIEW_SHARE = 0.05;
const RATING = { floor: 3.2, span: 1.6 } as const;
const genericTags = ['bestseller', 'new-arrival', 'eco-friendly', 'limited-edition', 'gift-idea', 'sale', 'premium', 'value-pick'];

function slug(text: string): string {
  return text.toLowerCase().replace(/'/g, '').replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-');
}

const categoryCodes = categories.map((name) => name.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase());

export const products = defineTable({
  name: 'products',
  description: 'The catalogue: what is sold, at what price and cost, from which supplier, and how it sells.',
  version: 8,
  primaryKey: 'product_id',
  timeline: { rate: hourlyRate(LISTINGS), pastYears: PAST_YEARS },
  parents: [],
  pools: [
    ...PRODUCT_PRICE_POOLS,
    POOL.subcategory_name,
    POOL.subcategory_category,
    POOL.archetype_min_weight,
    POOL.archetype_max_weight,
    POOL.subcategory_size,
    ...PRODUCT_TEXT_POOLS,
    POOL.supplier,
  ],
  helpers: [
    { name: '_sub', sql: (context) => subcategoryIndex(context, context.row) },
    ...PRODUCT_TEXT_HELPERS,
    { name: '_raw_price', sql: (context) => productPrice(context) },
    { name: '_price', sql: ({ row, field }) => shopPriceSql(field('_raw_price'), draw20(row, 'price_ending')) },
    {
      // The category's gross margin, uniform in its range.
      name: '_cost',
      sql: ({ row, field }) => {
        const margin = `([${margins.map(([low]) => low).join(', ')}][${field('_sub')} + 1] + [${margins.map(([low, high]) => high - low).join(', ')}][${field('_sub')} + 1] * ${uniform(row, 'cost')})`;
        return cents(`${field('_price')}::DOUBLE * (1 - ${margin})`);
      },
    },
    { name: '_created', sql: ({ row }) => row.created },
    {
      name: '_weight',
      sql: ({ row, field, pool }) => {
        // The noun's range; the subcategory's where a measure follows the weight (catalog/subcategory.ts).
        const low = pool(POOL.archetype_min_weight, field('_archetype'));
        const high = pool(POOL.archetype_max_weight, field('_archetype'));
        return `exp(ln(${low}) + ${uniform(row, 'weight')} * (ln(${high}) - ln(${low})))`;
      },
    },
    // The run's order lines of the product (tallies, model/tallies.ts): reviews come from them.
    { name: '_lines', sql: ({ tally }) => tally('order_items', 'count') },
    {
      // Each line's buyer reviews it with the product's share; the fraction left is a draw, so the count never exceeds the lines.
      name: '_reviews',
      sql: ({ row, field }) => `floor(${field('_lines')} * ${REVIEW_SHARE} * (0.5 + ${uniform(row, 'review_share')}) + ${uniform(row, 'review_count')})::BIGINT`,
    },
    {
      // A product's quality: popular products are better liked; a few reviews scatter around it, many converge.
      name: '_quality',
      sql: ({ row }) => `(${RATING.floor} + ${RATING.span} * pow(1 - ${row.popularity}, 0.5) * (0.75 + 0.25 * ${uniform(row, 'quality')}))`,
    },
    { name: '_supplier', sql: ({ row, poolLength }) => `(1 + floor(${poolLength(POOL.supplier)}::DOUBLE * pow(${uniform(row, 'supplier')}, 2))::BIGINT)` },
  ],
  columns: [
    {
      name: 'product_id',
      type: 'BIGINT',
      description: 'Primary key, contiguous across runs.',
      distribution: 'Sequential.',
      sql: ({ row }) => row.id,
    },
    {
      name: 'sku',
      type: 'VARCHAR',
      description: 'Stock keeping unit: category code and zero-padded product_id; unique.',
      distribution: 'e.g. ELE-00012345.',
      sql: ({ row, field }) =>
        concat(
          `[${SUBCATEGORIES.map((sub) => quotedString(categoryCodes[categories.indexOf(sub.category)] ?? '')).join(', ')}][${field('_sub')} + 1]`,
          `'-'`,
          `lpad(${row.id}::VARCHAR, 8, '0')`,
        ),
    },
    {
      name: 'product_name',
      type: 'VARCHAR',
      description: 'Brand, product line, a model number for electronics, tools, appliances, sports gear and toys, the noun with its material, specs, flavour or variety, then the pack size, colour and size: "Hale Aero 5140 Laptop, 14-inch, 16 GB RAM, 512 GB SSD, Silver", "Hale Foods Organic Sea Salt Potato Chips, 150 g (Pack of 2)", "Hale Classic Linen Oxford Shirt, Navy, M". A book is a title, its author and format: "The Silent Harbor by Ann Lee, Paperback".',
      distribution: 'Line uniform over 8 per subcategory; model number uniform 100-9999; noun, material and specs are the archetype’s (see description), so name, material, description, colour and size agree. Titles: 4,096 per book subcategory from word lists. About 0.6% of products share their exact name with another at 200k products, 5% at 2.2M (test/realism-catalogue.test.ts).',
      sql: productNameSql,
    },
    {
      name: 'brand',
      type: 'VARCHAR',
      description: 'Brand: a surname with a suffix that fits the category (publishers for books, "Farms" and "Foods" for groceries). Each brand has a price tier: value (30% of brands), mainstream (50%) or premium (20%), which sets part of the price.',
      distribution: 'Skewed within the category: brand k of its 400 is floor(400 x u^2) (the biggest 5% of the category, the top 40 ~32%, a long tail).',
      sql: brandSql,
    },
    {
      name: 'category',
      type: 'VARCHAR',
      description: 'Top-level category.',
      distribution: `${categories.length} categories; shares follow the subcategories.`,
      sql: ({ field, pool }) => pool(POOL.subcategory_category, field('_sub')),
    },
    {
      name: 'subcategory',
      type: 'VARCHAR',
      description: 'Subcategory within category.',
      distribution: `${SUBCATEGORIES.length} subcategories with catalogue shares (e.g. Men's Tops 5%, Laptops 1.5%).`,
      sql: ({ field, pool }) => pool(POOL.subcategory_name, field('_sub')),
    },
    {
      name: 'description',
      type: 'VARCHAR',
      description: 'Shop description in one or two sentences, in the subcategory’s words and with the product’s own specs: RAM, storage and screen for laptops, battery hours or a wire for headphones, ingredients and net weight for food, author and pages for books, ml for beauty; then its colour ("Color: Navy.") where it has one.',
      distribution: 'One of 512 archetypes per subcategory, uniform: 4 templates x 4 nouns in turn, attribute values and material dealt once when the pools are built (each value in its listed share for each noun). Net weight, ml and pages: one of 8 pack sizes by the weight’s slice of its range, for food sometimes in a multipack of 2-12 ("6 x 250 g"), for beauty and car care of 2-3. Thousands of distinct descriptions in a big subcategory.',
      sql: descriptionSql,
    },
    {
      name: 'price',
      type: MONEY,
      minimum: 0.01,
      description: 'List price in USD, from what the product is: its noun’s real price range (a bike lock 15-149, a road bike 599-3999, a laptop 349-2499), its specs (RAM, storage, screen, material, format, pieces), its pack size, its brand’s tier and a small noise. Order lines (order_items) sell it at this price in USD, and in the other countries’ currencies at the fixed rate with a price ending of their own (order_items.unit_price).',
      distribution: `The product of the spec, pack-size (contents^0.8 for food and beauty, ^0.4 for books’ pages), tier (${TIERS.map((t) => `${t.name} x${t.multiplier}`).join(', ')}) and noise (x1-1.3) multipliers, mapped as a power onto the noun’s range, so the mean rises with each spec. Endings by band (an estimate): ${describeEndings()}.`,
      sql: ({ field }) => field('_price'),
    },
    {
      name: 'cost',
      type: MONEY,
      minimum: 0.01,
      description: 'Unit cost in USD; 0 < cost < price. Margins by category: thin for electronics and groceries, wide for apparel and beauty.',
      distribution: `price x (1 - margin), margin uniform in the category’s range (an estimate): ${Object.entries(MARGINS).map(([category, [low, high]]) => `${category} ${Math.round(low * 100)}-${Math.round(high * 100)}%`).join(', ')}; rounded to cents.`,
      sql: ({ field }) => field('_cost'),
    },
    {
      name: 'profit_margin',
      type: 'DECIMAL(5,2)',
      description: 'Gross margin in percent: (price - cost) / price x 100.',
      distribution: 'Follows price and cost: the category’s margin range (see cost).',
      sql: ({ field }) => `round((${field('_price')} - ${field('_cost')})::DOUBLE / ${field('_price')}::DOUBLE * 100, 2)`,
    },
    {
      name: 'weight',
      type: 'DECIMAL(8,3)',
      minimum: 0.001,
      description: 'Shipping weight in kg: what the product weighs packed, by what it is (a bike helmet 0.25-0.5 kg, a road bike 7-12 kg, a subwoofer 8-20 kg); for goods sold by measure (food, beauty, books, weights) the pack’s contents follow it.',
      distribution: 'Log-uniform within the noun’s range, or the subcategory’s for goods sold by measure (e.g. Pantry 0.2-5 kg).',
      sql: ({ field }) => `round(${field('_weight')}, 3)`,
    },
    {
      name: 'dimensions',
      type: 'VARCHAR',
      description: 'Package size in whole centimetres, "L x W x H cm".',
      distribution: 'Each side 10 x cube root of the weight (kg) x uniform(0.5, 1.7), at least 1 cm.',
      sql: ({ row, field }) => {
        // Integers: DOUBLE-to-text conversion costs ~5x an integer's.
        const side = (key: string) => `greatest(1, round(10 * cbrt(${field('_weight')}) * (0.5 + 1.2 * ${uniform(row, key)})))::BIGINT::VARCHAR`;
        return concat(side('length'), `' x '`, side('width'), `' x '`, side('height'), `' cm'`);
      },
    },
    {
      name: 'color',
      type: 'VARCHAR',
      description: 'Main color, from a palette that fits the subcategory (electronics Black, Silver, Space Gray...; apparel a textile palette); NULL where color does not apply (books, food, beauty, games).',
      distribution: 'Uniform over the subcategory’s palette of 12 (a value listed more than once is likelier, e.g. Black for electronics).',
      sql: colorSql,
    },
    {
      name: 'material',
      type: 'VARCHAR',
      description: 'Main material, one that fits the product (textiles for clothing, leather or canvas for shoes, wood or steel for furniture, cast iron or stainless steel for cookware); NULL where it does not apply.',
      distribution: 'The archetype’s, drawn from the noun’s list (a value listed twice is twice as likely).',
      sql: materialSql,
    },
    {
      name: 'size',
      type: 'VARCHAR',
      description: 'Apparel size (XS-XXL) or EU shoe size (36-46); NULL for unsized goods.',
      distribution: `Apparel ${describeWeights(apparelSizes)}; shoes uniform 36-46.`,
      sql: ({ row, field, pool }) =>
        `CASE ${pool(POOL.subcategory_size, field('_sub'))} WHEN 'apparel' THEN ${weighted(draw20(row, 'size'), apparelSizes)} WHEN 'shoe' THEN (36 + ${below(row, 'size', 11)})::VARCHAR END`,
    },
    {
      name: 'stock_quantity',
      type: 'INTEGER',
      minimum: 0,
      description: 'Units in stock.',
      distribution: '6% out of stock (0); else 1 + 999 x u^2.',
      sql: ({ row }) => `CASE WHEN ${chance(row, 'out_of_stock', 0.06)} THEN 0 ELSE 1 + floor(999 * pow(${uniform(row, 'stock_quantity')}, 2))::BIGINT END`,
    },
    {
      name: 'reorder_point',
      type: 'INTEGER',
      description: 'Stock level that triggers a reorder.',
      distribution: 'Uniform 5-100.',
      sql: ({ row }) => `(5 + ${below(row, 'reorder_point', 96)})`,
    },
    {
      name: 'supplier_id',
      type: 'INTEGER',
      description: 'Supplier number; the same supplier_id always has the same supplier_name.',
      distribution: 'Skewed: a few suppliers carry most products (500 x u^2).',
      sql: ({ field }) => field('_supplier'),
    },
    {
      name: 'supplier_name',
      type: 'VARCHAR',
      description: 'Supplier company, determined by supplier_id.',
      distribution: 'Built from faker last names.',
      sql: ({ field, pool }) => pool(POOL.supplier, `${field('_supplier')} - 1`),
    },
    {
      name: 'rating',
      type: 'DECIMAL(2,1)',
      minimum: 1,
      maximum: 5,
      description: 'Average review rating 1.0-5.0; NULL without reviews. Better-selling products rate higher, and ratings of few reviews scatter more.',
      distribution: `Quality ${RATING.floor} + ${RATING.span} x sqrt(1 - popularity) x uniform(0.75, 1), plus noise of 1.2 / sqrt(review_count), within 1-5.`,
      sql: ({ row, field }) =>
        `CASE WHEN ${field('_reviews')} > 0 THEN round(LEAST(5, GREATEST(1, ${field('_quality')} + 1.2 * (${uniform(row, 'rating')} * 2 - 1) / sqrt(${field('_reviews')}))), 1) END`,
    },
    {
      name: 'review_count',
      type: 'INTEGER',
      minimum: 0,
      description: 'Number of reviews: written by a share of the buyers of the product’s order lines (order_items of the run that made this row), so never more than its lines, and 0 for a product that did not sell (and in a run without orders).',
      distribution: `Order lines x a share of ${REVIEW_SHARE * 50}-${REVIEW_SHARE * 150}% per product (mean ${REVIEW_SHARE * 100}%, an estimate), rounded by a draw.`,
      sql: ({ field }) => field('_reviews'),
    },
    {
      name: 'sales_rank',
      type: 'INTEGER',
      minimum: 1,
      description: 'Best-seller rank in the shop (1 = best) as of the run: the products listed by then ranked by the units their order lines of the run sold (order_items.quantity of the run that made this row), most first; older first among equals and among those that did not sell (in a run without orders, all of them). Each rank once.',
      distribution: 'A permutation of 1..the products listed by the run’s as-of, from the run’s sales.',
      sql: ({ tally }) => tally('order_items', 'rank', 'quantity'),
    },
    {
      name: 'tags',
      type: 'VARCHAR[]',
      description: 'Search tags: the category and subcategory slugs and one merchandising tag.',
      distribution: `Merchandising tag uniform over ${genericTags.join(', ')}.`,
      sql: ({ row, field }) => {
        const slugs = (values: readonly string[]) => `[${values.map((v) => quotedString(slug(v))).join(', ')}]`;
        const sub = `${field('_sub')} + 1`;
        return `[${slugs(SUBCATEGORIES.map((x) => x.category))}[${sub}], ${slugs(SUBCATEGORIES.map((x) => x.name))}[${sub}], ${slugs(genericTags)}[${below(row, 'tag', genericTags.length)} + 1]]`;
      },
    },
    {
      name: 'is_active',
      type: 'BOOLEAN',
      description: 'Whether the product is listed for sale.',
      distribution: '94% true.',
      sql: ({ row }) => `(${chance(row, 'is_active', 0.94)})`,
    },
    {
      name: 'created_at',
      type: 'TIMESTAMPTZ',
      description: 'When the product was listed (UTC). Never decreases as product_id rises; inside its run’s window, except that the products’ first run begins 3 years before its window (the catalogue the shop already had). Order lines of it are never earlier.',
      distribution: 'Arrivals on the listing calendar: U.S. Eastern business hours on weekdays, more in August-October, +15% a year.',
      sql: ({ field }) => toTimestamp(field('_created')),
    },
    {
      name: 'updated_at',
      type: 'TIMESTAMPTZ',
      description: 'Last change to the listing (UTC); created_at <= updated_at <= as-of.',
      distribution: 'Uniform between created_at and as-of.',
      sql: ({ row, field }) => toTimestamp(`${field('_created')} + ${spanOf(uniform(row, 'updated_at'), `${row.asOf} - ${field('_created')}`)}`),
    },
  ],
  unique: ['sku'],
  rules: [
    { description: '0 < cost < price', violations: (t) => `${t('products')} WHERE NOT (0 < cost AND cost < price)` },
    { description: 'created_at <= updated_at', violations: (t) => `${t('products')} WHERE updated_at < created_at` },
    createdInIdOrder('products', 'product_id', 'created_at'),
  ],
});
