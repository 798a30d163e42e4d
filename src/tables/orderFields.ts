/**
 * The orders' helper fields: the customer's country and address, the basket, shipping, coupon, discount, tax and
 * the fulfilment timeline, computed once per row and read by the columns in orders.ts.
 */
import { cents, money } from '../model/columns/money.js';
import { POOL } from './builtinPools.js';
import { DAY, HOUR } from '../model/columns/time.js';
import { weightedIndex } from '../model/columns/weighted.js';
import { ADDRESS_POOL_SIZE } from './locales.js';
import { below, chance, draw20 } from '../model/random.js';
import { quotedString } from '../model/sql.js';
import { addressIndex } from './users.js';
import { engagementOf, tierOf } from './behaviour/customerActivity.js';
import {
  shippingByBasket,
  couponIndex,
  COUPON_SHARE,
  WELCOME_SHARE,
  VIP_TIERS,
  SPRING_MONTHS,
  terms,
  STANDARD,
  coupons,
  couponPercent,
  FREESHIP,
  code,
  taxRates,
} from './orderTerms.js';
import type { Field } from '../model/tableDefinition.js';

export const FREE_SHIPPING_FROM = 50;
/** Every WELCOME_EVERY-th order goes to a customer who registered since the one before, as their first order. */
export const WELCOME_EVERY = 25;
/** Customers drawn before one whose local hour fits the order is taken (docs/time.md gives the share of orders that keep the last one). */
export const CUSTOMER_ATTEMPTS = 4;
export const CANCEL_SHARE = 0.04;
export const LOTTERY = 1024;

export const ORDER_HELPERS: readonly Field[] = [
  { name: '_user_locale', sql: ({ parent }) => parent('users').value('_locale') },
  {
    name: '_address',
    sql: ({ row, parent, field }) =>
      `CASE WHEN ${field('_elsewhere')} THEN ${field('_user_locale')} * ${ADDRESS_POOL_SIZE} + ${below(row, 'ship_address', ADDRESS_POOL_SIZE)} ELSE ${addressIndex(parent('users'), field('_user_locale'))} END`,
  },
  { name: '_elsewhere', sql: ({ row }) => `(${chance(row, 'ship_elsewhere', 0.15)})` },
  { name: '_ordered', sql: ({ row }) => row.created },
  // The goods: the sum of the order's lines (order_items), computed in this query from the lines' own definition.
  { name: '_subtotal', sql: ({ aggregate }) => money(aggregate('order_items', 'sum', 'line_amount')) },
  // Out of DRAW20: the return rate of the order's riskiest line (a whole order is returned, as often as its item most returned).
  { name: '_return_threshold', sql: ({ aggregate }) => `coalesce(${aggregate('order_items', 'max', '_return_rate')}, 0)` },
  {
    name: '_method',
    sql: ({ row, field, pool }) => {
      const basket = `CASE ${shippingByBasket.slice(1).reverse().map(([from], i) => `WHEN ${field('_subtotal')} >= ${from} THEN ${shippingByBasket.length - 1 - i}`).join(' ')} ELSE 0 END`;
      return `${pool(POOL.shipping_lottery, `(${basket}) * ${LOTTERY} + ${below(row, 'shipping_method', LOTTERY)}`)}::BIGINT`;
    },
  },
  { name: '_first', sql: ({ parent }) => parent('users').firstChild },
  { name: '_coupon_draw', sql: ({ row }) => weightedIndex(draw20(row, 'coupon_code'), coupons) },
  {
    name: '_coupon',
    sql: ({ row, field, parent }) => {
      // The customer's tier recomputed inline, so that only the orders that drew VIP25 compute it.
      const tier = tierOf(engagementOf(parent('users')));
      const month = `month(make_timestamp(${field('_ordered')} * 1000000))`;
      const drawn = `CASE ${field('_coupon_draw')}
        WHEN ${couponIndex('VIP25')} THEN CASE WHEN ${tier} IN (${VIP_TIERS.map(quotedString).join(', ')}) THEN ${couponIndex('VIP25')} ELSE ${couponIndex('SAVE10')} END
        WHEN ${couponIndex('SPRING20')} THEN CASE WHEN ${month} IN (${SPRING_MONTHS.join(', ')}) THEN ${couponIndex('SPRING20')} ELSE ${couponIndex('SAVE10')} END
        ELSE ${field('_coupon_draw')} END`;
      return `CASE WHEN ${field('_first')} THEN CASE WHEN ${chance(row, 'welcome', WELCOME_SHARE)} THEN ${couponIndex('WELCOME15')} ELSE -1 END
        WHEN ${chance(row, 'has_coupon', COUPON_SHARE)} THEN ${drawn} ELSE -1 END`;
    },
  },
  {
    name: '_shipping',
    sql: ({ field }) =>
      `CASE WHEN ${field('_method')} = ${STANDARD} AND ${field('_subtotal')} >= ${FREE_SHIPPING_FROM} THEN 0.00::DECIMAL(18,2) ELSE ([${terms.map(([fee]) => fee.toFixed(2)).join(', ')}]::DECIMAL(18,2)[])[${field('_method')} + 1] END`,
  },
  {
    // A percentage coupon's discount on the goods; FREESHIP's is the shipping fee instead.
    name: '_goods_discount',
    sql: ({ field }) =>
      `CASE WHEN ${field('_coupon')} < 0 OR ${field('_coupon')} = ${FREESHIP} THEN 0.00::DECIMAL(18,2) ELSE ${cents(
        `${field('_subtotal')}::DOUBLE * [${coupons.map(([c]) => (couponPercent[String(c)] ?? 0) / 100).join(', ')}][${field('_coupon')} + 1]`,
      )} END`,
  },
  { name: '_discount', sql: ({ field }) => `CASE WHEN ${field('_coupon')} = ${FREESHIP} THEN ${field('_shipping')} ELSE ${field('_goods_discount')} END` },
  // Tax is charged on what the customer pays for the goods, after the discount.
  { name: '_tax', sql: ({ field }) => cents(`(${field('_subtotal')} - ${field('_goods_discount')})::DOUBLE * [${taxRates.join(', ')}][${field('_user_locale')} + 1]`) },
  { name: '_shipped', sql: ({ row, field }) => `(${field('_ordered')} + ${4 * HOUR} + ${below(row, 'ship_delay', 68 * HOUR)})` },
  {
    name: '_transit',
    sql: ({ row, field }) =>
      `([${terms.map(([, min]) => min * DAY).join(', ')}][${field('_method')} + 1] + (${row.bits('transit')} % [${terms.map(([, min, max]) => (max - min) * DAY + 1).join(', ')}][${field('_method')} + 1]::UBIGINT)::BIGINT)`,
  },
  { name: '_delivered', sql: ({ field }) => `(${field('_shipped')} + ${field('_transit')})` },
  {
    name: '_status',
    sql: ({ row, field }) =>
      `CASE WHEN ${chance(row, 'cancelled', CANCEL_SHARE)} THEN ${code('cancelled')}
        WHEN ${field('_shipped')} > ${row.asOf} THEN CASE WHEN ${field('_ordered')} > ${row.asOf} - ${HOUR} THEN ${code('pending')} ELSE ${code('processing')} END
        WHEN ${field('_delivered')} > ${row.asOf} THEN ${code('shipped')}
        WHEN ${draw20(row, 'returned')} < ${field('_return_threshold')} THEN ${code('returned')}
        ELSE ${code('delivered')} END`,
  },
  { name: '_has_shipped', sql: ({ field }) => `(${field('_status')} BETWEEN ${code('shipped')} AND ${code('returned')})` },
  { name: '_has_delivered', sql: ({ field }) => `(${field('_status')} BETWEEN ${code('delivered')} AND ${code('returned')})` },
];
