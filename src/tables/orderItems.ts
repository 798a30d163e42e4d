/**
 * order_items: an order's lines, made in the orders' run (children of orders). Each line is a product listed before
 * the order, picked by popularity among those that fit the order's basket (basket.ts), at the product's price, in a
 * quantity that suits what it is; a stock-up run's lines are its customer's staples, the products they buy again
 * (basket.ts STAPLES, behaviour/regularCustomer.ts). The order's subtotal is the sum of its lines' amounts.
 */
import { MONEY, money } from '../model/columns/money.js';
import { describeWeights, weighted } from '../model/columns/weighted.js';
import { defineTable } from '../model/defineTable.js';
import { DRAW20, below, draw20 } from '../model/random.js';
import { DAY } from '../model/columns/time.js';
import { POOL } from './builtinPools.js';
import { DEEP_DEPTHS, DEPTHS, PROMOTION_DAYS, PROMOTION_FIRST_DAY, describePromotions } from './money/promotions.js';
import { PRODUCTS } from './behaviour/activity.js';
import { SUBCATEGORIES } from './catalog.js';
import { BASKET_KINDS, BIG_TICKET, FEW_MOST, LINE_ATTEMPTS, MOST_LINES, QUANTITY_CLASSES, SMALL_ITEM, SMALL_ITEM_TRIES, STAPLES, STAPLE_TRIES, STAPLE_SLOTS, STOCK_UP, STOCK_UP_CATEGORIES, STOCK_UP_EXTRA_MEAN, STOCK_UP_LEAST, basketKind, fitsBasket, lineCount, meanLines, quantity } from './basket.js';
import { returnRates } from './orderTerms.js';
import { SHOP_CURRENCIES, currencyCode, currencyIndex, perUsdOf, shelfPrice } from './money/currencies.js';
import { describeEndings } from './catalog/pricing.js';
import type { Field, ParentRow, RowContext } from '../model/tableDefinition.js';
import { ageHalfWidth, ageMiddle, categoryOf, femaleLean } from './behaviour/basketFit.js';
import { REGULAR_ATTEMPTS, keepsRegular, keepsStaple } from './behaviour/regularCustomer.js';
import { firstDrawKey } from '../model/children/firstDraws.js';
import { WELCOME_EVERY } from './behaviour/customerAttempts.js';

/** The customer its order drew `n`-th (0-based), as the lines read it (ChildrenOf.firstDraws). */
const drawOf = (n: number) => firstDrawKey('orders', 'users', n);

/** SQL: `value` of the customer the stock-up run kept (its helper `_regular`), NULL where it kept none. */
function ofRegular({ parent, field }: Pick<RowContext, 'parent' | 'field'>, value: (customer: ParentRow) => string): string {
  return `CASE ${field('_regular')} ${Array.from({ length: REGULAR_ATTEMPTS }, (_, n) => `WHEN ${n} THEN ${value(parent(drawOf(n)))}`).join(' ')} END`;
}

/** The helper holding a line's amount in a currency (ISO code), for its order's subtotal. */
export const amountField = (code: string) => `_amount_${code.toLowerCase()}`;
/** SQL: a line's promotion discount on its gross amount, to the cent. */
const lineDiscount = (gross: string, percentOff: string) => money(`${gross} * ${percentOff} / 100`);
/** SQL: a line's amount: its gross less its discount. */
const lineAmount = (gross: string, discount: string) => money(`${gross} - ${discount}`);

export const orderItems = defineTable({
  name: 'order_items',
  description: 'Order lines: the products of each order, how many of each and at what price. Made in the orders’ run, as many lines per order as its basket has.',
  version: 4,
  primaryKey: 'order_id',
  children: { parent: 'orders', column: 'order_id', line: 'line_number', count: lineCount, most: MOST_LINES, mean: Math.round(meanLines() * 100) / 100, firstDraws: { draws: { users: REGULAR_ATTEMPTS }, when: '_stock_up' } },
  parents: [
    { table: 'orders', column: 'order_id', skew: 1 },
    {
      table: 'products',
      column: 'product_id',
      skew: PRODUCTS.skew,
      // A stock-up run's lines are the customer's regular products (basket.ts STAPLES): drawn by the customer's slot.
      // The first tries: a slot none of them fills is no staple, and the line's later tries are as any line's.
      keyed: { key: '_staple', at: '_staples_since', attempts: STAPLE_TRIES },
      // The first candidate for sale that fits the order's basket; after LINE_ATTEMPTS misses, the last one drawn.
      accept: {
        attempts: LINE_ATTEMPTS,
        sql: ({ field, lineNumber }, candidate, attempt) => {
          // A keyed try of a staple's (the later ones are the line's own, as any line's).
          const staple = attempt < STAPLE_TRIES ? `(${field('_staple')} IS NOT NULL)` : 'FALSE';
          const fits = fitsBasket(field('_kind'), lineNumber, { sub: candidate.value('_sub'), price: candidate.value('price'), active: candidate.value('is_active') }, attempt, staple);
          // A staple is the customer's own: kept by its lean to their sex too (regularCustomer.ts).
          return `(${fits} AND (NOT ${staple} OR ${keepsStaple(field('_regular_female'), candidate.value('_sub'), field('_staple'), attempt)}))`;
        },
      },
    },
  ],
  pools: [POOL.promotion_share, POOL.promotion_event, POOL.order_acceptance],
  helpers: [
    { name: '_kind', sql: ({ parent }) => basketKind(parent('orders')) },
    // A stock-up run that may be its customer's regular one: an order that may be a customer's first (orders'
    // firsts) may take the newest customer instead of its draws.
    { name: '_stock_up', sql: ({ parent, field }) => `(${field('_kind')} = ${STOCK_UP} AND ${parent('orders').id} % ${WELCOME_EVERY} <> 0)` },
    // Which of its first draws a stock-up run kept as its customer, by the rule its lines recompute
    // (regularCustomer.ts); NULL when it kept none of them, and for other orders.
    {
      name: '_regular',
      sql: (context) => {
        const { parent, field } = context;
        const order = parent('orders');
        const kept = Array.from({ length: REGULAR_ATTEMPTS }, (_, n) => `WHEN ${keepsRegular(context, order, parent(drawOf(n)), n)} THEN ${n}`);
        return `CASE WHEN ${field('_stock_up')} THEN CASE ${kept.join(' ')} END END`;
      },
    },
    { name: '_regular_id', sql: (context) => ofRegular(context, (customer) => customer.id) },
    { name: '_regular_female', sql: (context) => ofRegular(context, (customer) => customer.value('_female')) },
    // The run's lines take the customer's slots in turn from one the run draws, so no two of its first STAPLES
    // lines take the same staple; a longer run's further lines are no staples.
    {
      name: '_staple',
      sql: ({ parent, field, lineNumber }) => {
        const slot = `(${below(parent('orders'), 'staple_first', STAPLES)} + ${lineNumber} - 1) % ${STAPLES}`;
        return `CASE WHEN ${lineNumber} <= ${STAPLES} THEN ${field('_regular_id')} * ${STAPLE_SLOTS} + ${slot} END`;
      },
    },
    { name: '_staples_since', sql: (context) => ofRegular(context, (customer) => customer.created) },
    { name: '_sub', sql: ({ parent }) => parent('products').value('_sub') },
    { name: '_list_price', sql: ({ parent }) => parent('products').value('price') },
    // The order's currency, as its file holds it (orders.currency: the customer's country's, which a line cannot
    // recompute: the customer is picked by the order's whole basket). USD where there is none (a sizing sample).
    { name: '_currency', sql: ({ parent }) => `coalesce(${currencyIndex(parent('orders').written('currency'))}, 0)` },
    // The product's shelf price in that currency (only the branch taken is computed).
    {
      name: '_unit_price',
      sql: ({ parent, field }) => `CASE ${field('_currency')} ${SHOP_CURRENCIES.map((_, i) => `WHEN ${i} THEN ${shelfPrice(field('_list_price'), parent('products'), i)}`).join(' ')} END`,
    },
    // The line's shipping weight in kg: the order's parcel is the sum over its lines (orderMoney.ts' _basket_kg).
    { name: '_kg', sql: ({ parent, field }) => `(${parent('products').value('weight')} * ${field('_quantity')})` },
    { name: '_quantity', sql: ({ row, field }) => quantity(row, field('_sub'), field('_list_price')) },
    // The order's UTC day (a line is created with its order) in the promotion pools, and the line's percent off (0 for most).
    { name: '_promo_day', sql: ({ row }) => `LEAST(GREATEST(${row.created} // ${DAY} - ${PROMOTION_FIRST_DAY}, 0), ${PROMOTION_DAYS - 1})` },
    {
      name: '_percent_off',
      sql: ({ row, field, pool }) =>
        `CASE WHEN ${draw20(row, 'promotion')} < ${pool(POOL.promotion_share, field('_promo_day'))} THEN CASE WHEN ${pool(POOL.promotion_event, field('_promo_day'))} = 1 THEN ${weighted(draw20(row, 'promotion_depth'), DEEP_DEPTHS)} ELSE ${weighted(draw20(row, 'promotion_depth'), DEPTHS)} END ELSE 0 END`,
    },
    { name: '_gross', sql: ({ field }) => `(${field('_unit_price')} * ${field('_quantity')})` },
    { name: '_discount', sql: ({ field }) => lineDiscount(field('_gross'), field('_percent_off')) },
    // The line's amount in each of the shop's currencies: the order, which knows its currency only once its basket
    // has picked the customer, sums the one it is in (orderMoney.ts' _subtotal).
    ...SHOP_CURRENCIES.map((currency, i): Field => ({
      name: amountField(currency.code),
      sql: ({ parent, field }) => {
        const gross = `(${shelfPrice(field('_list_price'), parent('products'), i)} * ${field('_quantity')})`;
        return lineAmount(gross, lineDiscount(gross, field('_percent_off')));
      },
    })),
    // What the line tells of who buys it (basketFit.ts): the order, aggregating its lines, takes a customer who fits.
    { name: '_female_lean', sql: ({ field }) => femaleLean(field('_sub')) },
    // The first line's: the basket's main item, which the customer came for.
    { name: '_age_middle', sql: ({ field, lineNumber }) => `CASE WHEN ${lineNumber} = 1 THEN ${ageMiddle(field('_sub'))} END` },
    { name: '_age_half_width', sql: ({ field, lineNumber }) => `CASE WHEN ${lineNumber} = 1 THEN ${ageHalfWidth(field('_sub'))} END` },
    { name: '_first_category', sql: ({ field, lineNumber }) => `CASE WHEN ${lineNumber} = 1 THEN ${categoryOf(field('_sub'))} END` },
    // The line's return rate by its category, out of DRAW20: the order takes its riskiest line's (orders' _status).
    { name: '_return_rate', sql: ({ field }) => `[${SUBCATEGORIES.map((sub) => Math.round((returnRates[sub.category] ?? 0) * DRAW20)).join(', ')}][${field('_sub')} + 1]` },
  ],
  columns: [
    {
      name: 'order_id',
      type: 'BIGINT',
      description: 'The order (orders.order_id); with line_number, the key.',
      distribution: `Every order has lines: ${describeWeights(BASKET_KINDS)} of orders are a single item, 2-${FEW_MOST} items, or a stock-up run of ${STOCK_UP_LEAST} + exponential(mean ${STOCK_UP_EXTRA_MEAN}) lines (at most ${MOST_LINES}): ~${meanLines().toFixed(2)} lines per order.`,
      sql: ({ parent }) => parent('orders').id,
    },
    {
      name: 'line_number',
      type: 'INTEGER',
      minimum: 1,
      maximum: MOST_LINES,
      description: 'The line within its order, 1 to the order’s number of lines.',
      distribution: 'Sequential within the order.',
      sql: ({ lineNumber }) => lineNumber,
    },
    {
      name: 'product_id',
      type: 'BIGINT',
      description: `The product (products.product_id): one listed before the order was placed and for sale (is_active), that fits the order’s basket: a stock-up run takes ${STOCK_UP_CATEGORIES.join(', ')} under ${BIG_TICKET} USD (on its last ${SMALL_ITEM_TRIES} tries anything under ${SMALL_ITEM} USD too); a basket of a few things takes a product from ${BIG_TICKET} USD only as its first line. A stock-up run that kept one of its first ${REGULAR_ATTEMPTS} customer draws (orders.user_id) takes that customer’s staples on its first ${STAPLES} lines: one of ${STAPLES} regular products of theirs on each line, no two lines the same.`,
      distribution: `By popularity (skew ${PRODUCTS.skew}) among the products existing then, the first of ${LINE_ATTEMPTS} candidates that fits the basket (else the last, whatever it is); a staple’s first ${STAPLE_TRIES} candidates are drawn by (customer, slot) among the products listed when the customer registered, and must be what a stock-up run stocks and suit the customer’s sex (kept with 1 - |lean| of the subcategory’s lean to the other sex), so the customer buys the same ones again: at the Time dataset’s proportions (6,000 products, 400,000 orders), the top 1%, 10% and 20% of products take ~13%, ~47% and ~62% of order lines.`,
      sql: ({ parent }) => parent('products').id,
    },
    {
      name: 'quantity',
      type: 'INTEGER',
      minimum: 1,
      maximum: 12,
      description: 'Units of the product on the line.',
      distribution: `By the product’s price, else its category: ${QUANTITY_CLASSES.map(([name, choices]) => `${name}: ${describeWeights(choices)}`).join('; ')}.`,
      sql: ({ field }) => field('_quantity'),
    },
    {
      name: 'unit_price',
      type: MONEY,
      minimum: 0,
      description: 'Price per unit in the order’s currency (currency): the product’s shelf price there. In USD its list price (products.price); in GBP, EUR, CAD and AUD the list price at the fixed rate of 2024 (ECB reference rates) with that country’s own price ending, one price per product and currency; includes VAT or GST where shelf prices do (GB, DE, FR, AU).',
      distribution: `Recomputed from the product row; price endings as products.price’s: ${describeEndings()}.`,
      sql: ({ field }) => field('_unit_price'),
    },
    {
      name: 'line_discount',
      type: MONEY,
      minimum: 0,
      description: 'Promotion on the line: unit_price x quantity x its percent off, to the cent; 0 for lines at list price. More lines are on promotion, and deeper, in the sales of the retail year. Coupons are the order’s (orders.discount_amount).',
      distribution: `Share of lines on promotion by the order’s day: ${describePromotions()}. Percent off: ${describeWeights(DEPTHS)}; on Black Friday to Cyber Monday and Boxing Day ${describeWeights(DEEP_DEPTHS)} (estimates).`,
      sql: ({ field }) => field('_discount'),
    },
    {
      name: 'line_amount',
      type: MONEY,
      minimum: 0,
      description: 'unit_price x quantity - line_discount: what the line costs, in currency. The order’s subtotal is the sum of its lines’ line_amount; coupon discounts are the order’s (orders.discount_amount).',
      distribution: 'Follows price, quantity and promotion.',
      sql: ({ field }) => lineAmount(field('_gross'), field('_discount')),
    },
    {
      name: 'currency',
      type: 'VARCHAR',
      description: 'ISO 4217 currency of the line’s amounts: its order’s (orders.currency), the currency of the country the order ships to.',
      distribution: `As the orders: ${SHOP_CURRENCIES.map((c) => c.code).join(', ')}.`,
      sql: ({ field }) => currencyCode(field('_currency')),
    },
  ],
  rules: [
    {
      description: 'line_amount = unit_price x quantity - line_discount, and the discount is at most half the price',
      violations: (t) => `${t('order_items')} WHERE line_amount <> unit_price * quantity - line_discount OR line_discount * 2 > unit_price * quantity + 0.01`,
    },
    {
      description: "unit_price is the product's shelf price: its list price in USD; elsewhere the list price at the fixed rate, give or take its price ending (within 1 unit or 10%)",
      reads: ['products'],
      key: 'i.order_id',
      violations: (t) => {
        const converted = `p.price * ${perUsdOf(currencyIndex('i.currency'))}`;
        return `${t('order_items')} i JOIN ${t('products')} p USING (product_id) WHERE CASE WHEN i.currency = 'USD' THEN i.unit_price <> p.price ELSE abs(i.unit_price - ${converted}) > greatest(1, 0.1 * ${converted}) OR ${currencyIndex('i.currency')} IS NULL END`;
      },
    },
    {
      description: 'a product has one shelf price per currency',
      key: 'i.order_id',
      violations: (t) => `${t('order_items')} i JOIN (SELECT product_id, currency FROM ${t('order_items')} GROUP BY ALL HAVING count(DISTINCT unit_price) > 1) USING (product_id, currency)`,
    },
    {
      description: "a line's currency is its order's",
      reads: ['orders'],
      key: 'i.order_id',
      violations: (t) => `${t('order_items')} i JOIN ${t('orders')} o USING (order_id) WHERE i.currency <> o.currency`,
    },
    {
      description: "no line is before the product's listing",
      reads: ['orders', 'products'],
      key: 'i.order_id',
      violations: (t) => `${t('order_items')} i JOIN ${t('orders')} o USING (order_id) JOIN ${t('products')} p ON p.product_id = i.product_id WHERE o.order_date < p.created_at`,
    },
  ],
});
