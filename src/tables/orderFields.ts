/**
 * The orders' helper fields: the customer's country and address, the basket, shipping method and coupon, computed
 * once per row and read by the columns in orders.ts; the money ones are orderMoney.ts', the fulfilment timeline
 * orderDelivery.ts'.
 */
import { POOL } from './builtinPools.js';
import { weightedIndex } from '../model/columns/weighted.js';
import { ADDRESS_POOL_SIZE } from './locales.js';
import { below, chance, draw20 } from '../model/random.js';
import { quotedString } from '../model/sql.js';
import { addressIndex } from './users.js';
import { engagementOf, tierOf } from './behaviour/customerActivity.js';
import {
  shippingByBasket,
  couponIndex,
  coupons,
  COUPON_SHARE,
  WELCOME_SHARE,
  VIP_ENGAGEMENT,
  SPRING_MONTHS,
} from './orderTerms.js';
import type { Field } from '../model/tableDefinition.js';
import { ORDER_MONEY_HELPERS } from './orderMoney.js';
import { perUsdOf } from './money/currencies.js';
import { DELIVERY_HELPERS } from './orderDelivery.js';

export const LOTTERY = 1024;

export const ORDER_HELPERS: readonly Field[] = [
  ...ORDER_MONEY_HELPERS,
  { name: '_user_locale', sql: ({ parent }) => parent('users').value('_locale') },
  {
    name: '_address',
    sql: ({ row, parent, field }) =>
      `CASE WHEN ${field('_elsewhere')} THEN ${field('_user_locale')} * ${ADDRESS_POOL_SIZE} + ${below(row, 'ship_address', ADDRESS_POOL_SIZE)} ELSE ${addressIndex(parent('users'), field('_user_locale'))} END`,
  },
  { name: '_elsewhere', sql: ({ row }) => `(${chance(row, 'ship_elsewhere', 0.15)})` },
  { name: '_ordered', sql: ({ row }) => row.created },
  // Out of DRAW20: the return rate of the order's riskiest line (a whole order is returned, as often as its item most returned).
  { name: '_return_threshold', sql: ({ aggregate }) => `coalesce(${aggregate('order_items', 'max', '_return_rate')}, 0)` },
  {
    name: '_method',
    sql: ({ row, field, pool }) => {
      // The basket's worth in USD, as the thresholds are.
      const usd = `${field('_subtotal')} / ${perUsdOf(field('_currency'))}`;
      const basket = `CASE ${shippingByBasket.slice(1).reverse().map(([from], i) => `WHEN ${usd} >= ${from} THEN ${shippingByBasket.length - 1 - i}`).join(' ')} ELSE 0 END`;
      return `${pool(POOL.shipping_lottery, `(${basket}) * ${LOTTERY} + ${below(row, 'shipping_method', LOTTERY)}`)}::BIGINT`;
    },
  },
  { name: '_first', sql: ({ parent }) => parent('users').firstChild },
  // The basket as the customer pick reads it (basketFit.ts): its lines' leans to women added up (a dress and a men's
  // top cancel), and its first line's ages and category.
  { name: '_basket_female', sql: ({ aggregate }) => `GREATEST(-1, LEAST(1, ${aggregate('order_items', 'sum', '_female_lean')}))` },
  { name: '_basket_age_middle', sql: ({ aggregate }) => aggregate('order_items', 'min', '_age_middle') },
  { name: '_basket_age_half_width', sql: ({ aggregate }) => aggregate('order_items', 'min', '_age_half_width') },
  { name: '_basket_category', sql: ({ aggregate }) => aggregate('order_items', 'min', '_first_category') },
  { name: '_coupon_draw', sql: ({ row }) => weightedIndex(draw20(row, 'coupon_code'), coupons) },
  {
    name: '_coupon',
    sql: ({ row, field, parent }) => {
      // The customer's tier recomputed inline, so that only the orders that drew VIP25 compute it.
      const tier = tierOf(engagementOf(parent('users')));
      const month = `month(make_timestamp(${field('_ordered')} * 1000000))`;
      const drawn = `CASE ${field('_coupon_draw')}
        WHEN ${couponIndex('VIP25')} THEN CASE WHEN ${tier} IN (${VIP_ENGAGEMENT.map(quotedString).join(', ')}) THEN ${couponIndex('VIP25')} ELSE ${couponIndex('SAVE10')} END
        WHEN ${couponIndex('SPRING20')} THEN CASE WHEN ${month} IN (${SPRING_MONTHS.join(', ')}) THEN ${couponIndex('SPRING20')} ELSE ${couponIndex('SAVE10')} END
        ELSE ${field('_coupon_draw')} END`;
      return `CASE WHEN ${field('_first')} THEN CASE WHEN ${chance(row, 'welcome', WELCOME_SHARE)} THEN ${couponIndex('WELCOME15')} ELSE -1 END
        WHEN ${chance(row, 'has_coupon', COUPON_SHARE)} THEN ${drawn} ELSE -1 END`;
    },
  },
  ...DELIVERY_HELPERS,
];
