/** products: the catalogue, with prices, costs and physical attributes that fit each subcategory. */
import { MONEY, cents } from '../model/columns/money.js';
import { defineTable } from '../model/defineTable.js';
import { POOL } from './builtinPools.js';
import { DAY, spanOf, toTimestamp } from '../model/columns/time.js';
import { createdInIdOrder } from '../model/time/createdInIdOrder.js';
import { PRODUCTS, noise, rateRange, relativeRate } from './behaviour/activity.js';
import { LISTINGS, hourlyRate } from '../model/time/calendar.js';
import { type Choice, describeWeights, weighted } from '../model/columns/weighted.js';
import { type RandomSource, below, chance, draw20, uniform } from '../model/random.js';
import { concat, quotedString } from '../model/sql.js';
import type { PoolReader } from '../model/tableDefinition.js';
import { CATEGORIES as categories, SUBCATEGORIES } from './catalog.js';
import { PRODUCT_TEXT_HELPERS, PRODUCT_TEXT_POOLS, brandSql, colorSql, descriptionSql, materialSql, productNameSql } from './productText.js';

/** The pools a table needs to recompute a product's subcategory, price and creation time. */
export const PRODUCT_PRICE_POOLS = [POOL.subcategory_lottery, POOL.subcategory_min_price, POOL.subcategory_max_price] as const;

/** 0-based subcategory index, drawn by catalogue share. */
export function subcategoryIndex(pools: PoolReader, row: RandomSource): string {
  return `${pools.pool(POOL.subcategory_lottery, below(row, 'subcategory', 1024))}::BIGINT`;
}

/**
 * The list price as DECIMAL(18,2): log-uniform in the subcategory's range, crowded toward the cheap end, ending in
 * .99 (or .49 under 10 USD) as shop prices do. `subcategory` is SQL for the 0-based subcategory index.
 */
export function productPrice(pools: PoolReader, row: RandomSource, subcategory: string): string {
  const low = pools.pool(POOL.subcategory_min_price, subcategory);
  const high = pools.pool(POOL.subcategory_max_price, subcategory);
  const raw = `exp(ln(${low}) + pow(${uniform(row, 'price')}, 1.3) * (ln(${high}) - ln(${low})))`;
  return `CAST(CASE WHEN ${raw} < 10 THEN floor(${raw} * 2) / 2 + 0.49 ELSE floor(${raw}) + 0.99 END AS DECIMAL(18,2))`;
}


const apparelSizes: Choice[] = [
  ['XS', 6],
  ['S', 18],
  ['M', 30],
  ['L', 26],
  ['XL', 14],
  ['XXL', 6],
];
/** Days of an average product's sales per review. */
const REVIEW_DAYS = 4;
const RATING = { floor: 3.2, span: 1.6 } as const;
const genericTags = ['bestseller', 'new-arrival', 'eco-friendly', 'limited-edition', 'gift-idea', 'sale', 'premium', 'value-pick'];

function slug(text: string): string {
  return text.toLowerCase().replace(/'/g, '').replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-');
}

const categoryCodes = categories.map((name) => name.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase());

export const products = defineTable({
  name: 'products',
  description: 'The catalogue: what is sold, at what price and cost, from which supplier, and how it sells.',
  version: 4,
  primaryKey: 'product_id',
  timeline: { rate: hourlyRate(LISTINGS) },
  parents: [],
  pools: [
    ...PRODUCT_PRICE_POOLS,
    POOL.subcategory_name,
    POOL.subcategory_category,
    POOL.subcategory_min_weight,
    POOL.subcategory_max_weight,
    POOL.subcategory_size,
    ...PRODUCT_TEXT_POOLS,
    POOL.supplier,
  ],
  helpers: [
    { name: '_sub', sql: (context) => subcategoryIndex(context, context.row) },
    { name: '_price', sql: (context) => productPrice(context, context.row, context.field('_sub')) },
    { name: '_cost', sql: ({ row, field }) => cents(`${field('_price')}::DOUBLE * (0.35 + 0.4 * ${uniform(row, 'cost')})`) },
    { name: '_created', sql: ({ row }) => row.created },
    {
      name: '_weight',
      sql: ({ row, field, pool }) => {
        const low = pool(POOL.subcategory_min_weight, field('_sub'));
        const high = pool(POOL.subcategory_max_weight, field('_sub'));
        return `exp(ln(${low}) + ${uniform(row, 'weight')} * (ln(${high}) - ln(${low})))`;
      },
    },
    { name: '_rate', sql: ({ row }) => relativeRate(row, PRODUCTS) },
    {
      // Reviews accrue with sales: the relative rate times the days listed, a review per ~REVIEW_DAYS sales-days.
      name: '_reviews',
      sql: ({ row, field }) =>
        `floor(${field('_rate')} * (${row.asOf} - ${field('_created')})::DOUBLE / ${DAY} / ${REVIEW_DAYS} * ${noise(row, 'review_count', 0.5)})::BIGINT`,
    },
    {
      // A product's quality: popular products are better liked; a few reviews scatter around it, many converge.
      name: '_quality',
      sql: ({ row }) => `(${RATING.floor} + ${RATING.span} * pow(1 - ${row.popularity}, 0.5) * (0.75 + 0.25 * ${uniform(row, 'quality')}))`,
    },
    ...PRODUCT_TEXT_HELPERS,
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
      description: 'Brand, an adjective and a noun of the subcategory; for some goods the material ("Linen Oxford Shirt") and a headline spec after a comma ("Smartphone, 128 GB", "Laptop, 14-inch", "Spaghetti, 500 g").',
      distribution: 'Adjective uniform over 8 per subcategory; noun, material and spec are the archetype’s (see description), so name, material and description agree.',
      sql: productNameSql,
    },
    {
      name: 'brand',
      type: 'VARCHAR',
      description: 'Brand: a surname with a suffix that fits the category (publishers for books, "Farms" and "Foods" for groceries).',
      distribution: 'Skewed within the category: brand k of its 40 with probability ~ u^1.5 (a few big brands).',
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
      description: 'Shop description in one or two sentences, in the subcategory’s words and with its specs: RAM, storage and screen for laptops, battery hours or a wire for headphones, ingredients and net weight for food, author and pages for books, ml for beauty.',
      distribution: 'One of 64 archetypes per subcategory, uniform: 4 templates x 4 nouns in turn, attribute values and material drawn once when the pools are built. Net weight, ml and pages: one of 8 pack sizes by the weight’s slice of its range.',
      sql: descriptionSql,
    },
    {
      name: 'price',
      type: MONEY,
      minimum: 0.01,
      description: 'List price in USD. Order lines (order_items) copy it as unit_price.',
      distribution: 'Log-uniform within the subcategory’s range (e.g. Laptops 299-2999), skewed cheap (u^1.3), ending .99 (.49 under 10).',
      sql: ({ field }) => field('_price'),
    },
    {
      name: 'cost',
      type: MONEY,
      minimum: 0.01,
      description: 'Unit cost in USD; 0 < cost < price.',
      distribution: 'price x uniform(0.35, 0.75), rounded to cents.',
      sql: ({ field }) => field('_cost'),
    },
    {
      name: 'profit_margin',
      type: 'DECIMAL(5,2)',
      description: 'Gross margin in percent: (price - cost) / price x 100.',
      distribution: 'Follows price and cost: 25-65%.',
      sql: ({ field }) => `round((${field('_price')} - ${field('_cost')})::DOUBLE / ${field('_price')}::DOUBLE * 100, 2)`,
    },
    {
      name: 'weight',
      type: 'DECIMAL(8,3)',
      minimum: 0.001,
      description: 'Shipping weight in kg.',
      distribution: 'Log-uniform within the subcategory’s range (e.g. Furniture 4-60 kg).',
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
      description: 'Number of reviews: follows sales, so it grows with the product’s popularity and time listed.',
      distribution: `Relative sales rate (${rateRange(PRODUCTS).map((r) => r.toFixed(2)).join('-')}) x days listed / ${REVIEW_DAYS} x noise; 0 for many new listings.`,
      sql: ({ field }) => field('_reviews'),
    },
    {
      name: 'sales_rank',
      type: 'INTEGER',
      minimum: 1,
      description: 'Best-seller rank in the shop (1 = best) as of the run: a true ranking of the products listed by then (each rank once), by the popularity orders pick products by; older first among equals.',
      distribution: 'A permutation of 1..the products listed by the run’s as-of.',
      sql: ({ row }) => row.popularityRank,
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
      description: 'When the product was listed (UTC). Never decreases as product_id rises; inside its run’s window. Order lines of it are never earlier.',
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
