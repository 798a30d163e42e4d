/**
 * orders: the order's header, referencing a user; its products are its lines (order_items.ts), made in the same run,
 * whose amounts its subtotal sums. Everything that must agree with the user is recomputed from them: the order is
 * placed after the user registered, and it ships to their address (or, for some, another address in their country).
 */
import { MONEY } from '../model/columns/money.js';
import { defineTable } from '../model/defineTable.js';
import { POOL } from './builtinPools.js';
import { DAY, toDate, toTimestamp } from '../model/columns/time.js';
import { createdInIdOrder } from '../model/time/createdInIdOrder.js';
import { describeWeights, labelOf, weighted } from '../model/columns/weighted.js';
import { LOCALES } from '../model/locales.js';
import { below, chance, draw20, uniform } from '../model/random.js';
import { concat, quotedString } from '../model/sql.js';
import { streetAddress } from './users.js';
import { addressRule, countryCodeOf } from './geography/addressRules.js';
import { ORDERS, hourOfWeekSql, hourlyRate } from '../model/time/calendar.js';
import { CUSTOMERS } from './behaviour/activity.js';
import {
  shippingByBasket,
  paymentByCountry,
  COUPON_SHARE,
  WELCOME_SHARE,
  returnRates,
  shippingMethods,
  shippingTerms,
  paymentMethods,
  coupons,
  STATUS,
  PAYMENT_STATUS,
  code,
  list,
  salesChannels,
  taxRates,
} from './orderTerms.js';
import { CANCEL_SHARE, CUSTOMER_ATTEMPTS, LOTTERY, ORDER_HELPERS, WELCOME_EVERY } from './orderFields.js';

export const orders = defineTable({
  name: 'orders',
  description: 'Orders: who bought, for how much, and where it is in fulfilment; what was bought is in order_items.',
  version: 5,
  primaryKey: 'order_id',
  // Orders wait for products too: their lines (order_items) are of products listed before the order.
  timeline: { rate: hourlyRate(ORDERS), scaleWith: 'users', after: ['products'] },
  parents: [
    {
      table: 'users',
      column: 'user_id',
      skew: CUSTOMERS.skew,
      idle: CUSTOMERS.idle,
      // A customer's first order, made so by construction (schema/parents/firstChildren.ts): welcome coupons go there.
      firsts: { every: WELCOME_EVERY, within: DAY },
      // The customer is one for whom the order's hour is a likely one in their own time zone (calendar.ts).
      accept: {
        attempts: CUSTOMER_ATTEMPTS,
        sql: ({ row, pool }, candidate, attempt) =>
          `${draw20(row, `customer_hour#${attempt}`)} < ${pool(POOL.order_acceptance, `${hourOfWeekSql(row.created)} * ${LOCALES.length} + ${candidate.value('_locale')}`)}`,
      },
    },
  ],
  pools: [POOL.order_acceptance, POOL.shipping_lottery, POOL.payment_lottery, POOL.street_name, POOL.address_city, POOL.address_state, POOL.address_postcode, POOL.order_note],
  helpers: ORDER_HELPERS,
  columns: [
    {
      name: 'order_id',
      type: 'BIGINT',
      description: 'Primary key, contiguous across runs.',
      distribution: 'Sequential.',
      sql: ({ row }) => row.id,
    },
    {
      name: 'order_number',
      type: 'VARCHAR',
      description: 'Customer-facing order number: order year and zero-padded order_id; unique.',
      distribution: 'e.g. ORD-2025-0000012345.',
      // year() of a TIMESTAMP, not a TIMESTAMPTZ: the latter goes through ICU and costs ~10x.
      sql: ({ row, field }) => concat(`'ORD-'`, `year(make_timestamp(${field('_ordered')} * 1000000))::VARCHAR`, `'-'`, `lpad(${row.id}::VARCHAR, 10, '0')`),
    },
    {
      name: 'user_id',
      type: 'BIGINT',
      description: 'The customer (users.user_id): a user registered before the order was placed, for whom its hour is a likely one in their own time zone; every 25th order, the newest customer’s first order when they registered since the 25th order before (at most a day before).',
      distribution: 'By popularity (skew 3; a quarter of users are never picked) among the users existing then: at the proportions of docs/time.md’s dataset (60,000 users, 400,000 orders), the top 1%, 10% and 20% of users place ~14%, ~55% and ~71% of orders.',
      sql: ({ parent }) => parent('users').id,
    },
    {
      name: 'subtotal',
      type: MONEY,
      minimum: 0,
      description: 'The goods: the sum of the order’s lines’ line_amount (order_items), exactly.',
      distribution: 'Follows the lines.',
      sql: ({ field }) => field('_subtotal'),
    },
    {
      name: 'tax_amount',
      type: MONEY,
      minimum: 0,
      description: 'Sales tax or VAT at the shipping country’s rate, on the subtotal less a percentage coupon’s discount.',
      distribution: `Rates: ${LOCALES.map((l, i) => `${l.countryCode} ${((taxRates[i] ?? 0) * 100).toFixed(2)}%`).join(', ')}.`,
      sql: ({ field }) => field('_tax'),
    },
    {
      name: 'shipping_cost',
      type: MONEY,
      minimum: 0,
      description: 'Shipping fee; standard shipping is free from 50 USD.',
      distribution: Object.entries(shippingTerms).map(([m, [fee]]) => `${m} ${fee.toFixed(2)}`).join(', ') + '.',
      sql: ({ field }) => field('_shipping'),
    },
    {
      name: 'discount_amount',
      type: MONEY,
      minimum: 0,
      description: 'Coupon discount: a percentage of subtotal (rounded to the cent), or the shipping fee for FREESHIP; 0 without coupon.',
      distribution: 'Follows coupon_code.',
      sql: ({ field }) => field('_discount'),
    },
    {
      name: 'total_amount',
      type: MONEY,
      minimum: 0,
      description: 'subtotal + tax_amount + shipping_cost - discount_amount, exactly.',
      distribution: 'Follows its parts.',
      sql: ({ field }) => `(${field('_subtotal')} + ${field('_tax')} + ${field('_shipping')} - ${field('_discount')})`,
    },
    {
      name: 'currency',
      type: 'VARCHAR',
      description: 'ISO 4217 currency of all amounts.',
      distribution: 'Always USD (the catalogue is priced in USD).',
      sql: () => `'USD'`,
    },
    {
      name: 'order_status',
      type: 'VARCHAR',
      description: 'Fulfilment state, consistent with the dates: pending/processing (not shipped), shipped (not delivered), delivered/returned (both dates), cancelled (neither).',
      distribution: `${CANCEL_SHARE * 100}% cancelled; others by where as-of falls on the order's timeline; delivered orders are returned at the rate of their riskiest line's category: ${Object.entries(returnRates).map(([c, r]) => `${c} ${Math.round(r * 100)}%`).join(', ')}.`,
      sql: ({ field }) => `${list(STATUS)}[${field('_status')} + 1]`,
    },
    {
      name: 'payment_method',
      type: 'VARCHAR',
      description: 'How the order was paid: the mix depends on the customer’s country.',
      distribution: `By country (rounded from Worldpay’s Global Payments Report 2024): ${LOCALES.map((l, i) => `${l.countryCode} ${paymentMethods.map(([m], j) => [m, paymentByCountry[i]?.[j] ?? 0] as const).filter(([, w]) => w >= 10).map(([m, w]) => `${String(m)} ${w}%`).join(', ')}`).join('; ')} (methods under 10% left out here).`,
      sql: ({ row, field, pool }) => labelOf(paymentMethods, `${pool(POOL.payment_lottery, `${field('_user_locale')} * ${LOTTERY} + ${below(row, 'payment_method', LOTTERY)}`)}::BIGINT`),
    },
    {
      name: 'payment_status',
      type: 'VARCHAR',
      description: 'Agrees with order_status: pending -> authorized, cancelled -> voided, returned -> refunded, else paid.',
      distribution: 'Follows order_status.',
      sql: ({ field }) => `${list(PAYMENT_STATUS)}[${field('_status')} + 1]`,
    },
    {
      name: 'order_date',
      type: 'TIMESTAMPTZ',
      description: 'When the order was placed (UTC). Never decreases as order_id rises; inside its run’s window; after the user registered and the products of its lines (order_items) were listed.',
      distribution: 'Arrivals on the order calendar: each country’s local hour and weekday profile, the retail year (Black Friday, Cyber Monday, December, a January dip), in proportion to the customers registered by then (see docs/time.md).',
      sql: ({ field }) => toTimestamp(field('_ordered')),
    },
    {
      name: 'shipped_date',
      type: 'TIMESTAMPTZ',
      description: 'When it left the warehouse (UTC); NULL unless shipped, delivered or returned.',
      distribution: 'order_date + 4-72 hours.',
      sql: ({ field }) => `CASE WHEN ${field('_has_shipped')} THEN ${toTimestamp(field('_shipped'))} END`,
    },
    {
      name: 'estimated_delivery_date',
      type: 'DATE',
      mayFollowAsOf: true,
      description: 'Delivery date given at checkout; NULL for cancelled orders. Every order is delivered on it (no early or late deliveries are modelled yet). The one value that may lie after as-of (orders in transit).',
      distribution: 'Ship time + the method’s transit time.',
      sql: ({ field }) => `CASE WHEN ${field('_status')} <> ${code('cancelled')} THEN ${toDate(field('_delivered'))} END`,
    },
    {
      name: 'delivered_date',
      type: 'TIMESTAMPTZ',
      description: 'When it arrived (UTC); NULL unless delivered or returned. shipped_date <= delivered_date <= as-of.',
      distribution: 'shipped_date + transit: ' + Object.entries(shippingTerms).map(([m, [, a, b]]) => `${m} ${a}-${b} days`).join(', ') + '.',
      sql: ({ field }) => `CASE WHEN ${field('_has_delivered')} THEN ${toTimestamp(field('_delivered'))} END`,
    },
    {
      name: 'shipping_method',
      type: 'VARCHAR',
      description: 'Delivery option chosen: larger baskets are sent faster.',
      distribution: `By subtotal (USD): ${shippingByBasket.map(([from, weights]) => `from ${from}: ${shippingMethods.map(([m], j) => `${String(m)} ${weights[j] ?? 0}%`).join(', ')}`).join('; ')}.`,
      sql: ({ field }) => labelOf(shippingMethods, field('_method')),
    },
    {
      name: 'tracking_number',
      type: 'VARCHAR',
      description: 'Carrier tracking number; NULL until shipped.',
      distribution: '"1Z" + 16 upper-case hex digits.',
      // The top bit set makes to_hex() give exactly 16 (upper-case) digits without padding.
      sql: ({ row, field }) => `CASE WHEN ${field('_has_shipped')} THEN ${concat(`'1Z'`, `to_hex(${row.bits('tracking_number')} | 9223372036854775808::UBIGINT)`)} END`,
    },
    {
      name: 'shipping_street_address',
      type: 'VARCHAR',
      description: 'Delivery street: the user’s own address for 85% of orders, another address in their country otherwise.',
      distribution: 'Recomputed from the user row.',
      sql: (context) =>
        `CASE WHEN ${context.field('_elsewhere')} THEN ${streetAddress(context, context.row, context.field('_user_locale'), 'ship_street')} ELSE ${streetAddress(context, context.parent('users'), context.field('_user_locale'))} END`,
    },
    {
      name: 'shipping_city',
      type: 'VARCHAR',
      description: 'Delivery city (same address as shipping_street_address): a real city of the country, as users.city.',
      distribution: 'The user’s place, or another place of their country drawn as users’ places are (by population).',
      sql: ({ field, pool }) => pool(POOL.address_city, field('_address')),
    },
    {
      name: 'shipping_state',
      type: 'VARCHAR',
      description: 'Delivery state or region of shipping_city, as users.state.',
      distribution: 'As shipping_street_address.',
      sql: ({ field, pool }) => pool(POOL.address_state, field('_address')),
    },
    {
      name: 'shipping_postal_code',
      type: 'VARCHAR',
      description: 'Delivery postal code of shipping_city, as users.postal_code.',
      distribution: 'As shipping_street_address.',
      sql: ({ field, pool }) => pool(POOL.address_postcode, field('_address')),
    },
    {
      name: 'shipping_country',
      type: 'VARCHAR',
      description: 'Delivery country: the user’s country.',
      distribution: 'Follows the user.',
      sql: ({ field }) => `[${LOCALES.map((l) => quotedString(l.country)).join(', ')}][${field('_user_locale')} + 1]`,
    },
    {
      name: 'coupon_code',
      type: 'VARCHAR',
      description: 'Coupon used; NULL for most orders. WELCOME15 only on a customer’s first order; VIP25 only for gold and platinum customers; SPRING20 only in March-May (others get SAVE10 instead).',
      distribution: `Every ${WELCOME_EVERY}th order is a new customer’s first when one registered since the ${WELCOME_EVERY}th order before (within a day), and ${Math.round(WELCOME_SHARE * 100)}% of those use WELCOME15; no other order does, so ~23% of all first orders at the Time dataset’s proportions, ~6% at 1:1:1. ${Math.round(COUPON_SHARE * 100)}% of other orders have a coupon: ${describeWeights(coupons.filter(([c]) => c !== 'WELCOME15'))}, before the tier and season checks.`,
      sql: ({ field }) => `CASE WHEN ${field('_coupon')} >= 0 THEN ${labelOf(coupons, field('_coupon'))} END`,
    },
    {
      name: 'is_gift',
      type: 'BOOLEAN',
      description: 'Marked as a gift.',
      distribution: '40% when shipped to another address, 5% otherwise.',
      sql: ({ row, field }) => `(${uniform(row, 'is_gift')} < CASE WHEN ${field('_elsewhere')} THEN 0.4 ELSE 0.05 END)`,
    },
    {
      name: 'notes',
      type: 'VARCHAR',
      description: 'Customer note for delivery; NULL for most orders.',
      distribution: '12% of orders, uniform over 20 delivery notes.',
      sql: ({ row, pool, poolLength }) => `CASE WHEN ${chance(row, 'has_note', 0.12)} THEN ${pool(POOL.order_note, below(row, 'notes', poolLength(POOL.order_note)))} END`,
    },
    {
      name: 'sales_channel',
      type: 'VARCHAR',
      description: 'Where the order was placed.',
      distribution: describeWeights(salesChannels),
      sql: ({ row }) => weighted(draw20(row, 'sales_channel'), salesChannels),
    },
    {
      name: 'created_at',
      type: 'TIMESTAMPTZ',
      description: 'Record creation (UTC): equal to order_date.',
      distribution: 'Follows order_date.',
      sql: ({ field }) => toTimestamp(field('_ordered')),
    },
    {
      name: 'updated_at',
      type: 'TIMESTAMPTZ',
      description: 'Last change (UTC): the latest of order, shipping and delivery events that happened.',
      distribution: 'Follows the status.',
      sql: ({ field }) =>
        toTimestamp(`CASE WHEN ${field('_has_delivered')} THEN ${field('_delivered')} WHEN ${field('_has_shipped')} THEN ${field('_shipped')} ELSE ${field('_ordered')} END`),
    },
  ],
  unique: ['order_number'],
  rules: [
    {
      description: 'total_amount = subtotal + tax_amount + shipping_cost - discount_amount',
      violations: (t) => `${t('orders')} WHERE total_amount <> subtotal + tax_amount + shipping_cost - discount_amount`,
    },
    {
      description: 'subtotal is the sum of the order’s lines (order_items.line_amount), and every order has lines',
      reads: ['order_items'],
      key: 'o.order_id',
      violations: (t) => `${t('orders')} o LEFT JOIN (SELECT order_id, sum(line_amount) AS lines FROM ${t('order_items')} GROUP BY order_id) i USING (order_id) WHERE i.lines IS NULL OR o.subtotal <> i.lines`,
    },
    {
      description: 'order_date <= shipped_date <= delivered_date, and the status agrees with the dates',
      violations: (t) =>
        `${t('orders')} WHERE NOT (order_date <= coalesce(shipped_date, order_date) AND coalesce(shipped_date, order_date) <= coalesce(delivered_date, shipped_date, order_date)) OR (order_status IN ('delivered', 'returned') AND delivered_date IS NULL) OR (order_status IN ('pending', 'processing', 'cancelled') AND shipped_date IS NOT NULL)`,
    },
    {
      description: "order_date is not before the user's registration",
      reads: ['users'],
      violations: (t) => `${t('orders')} o JOIN ${t('users')} u USING (user_id) WHERE o.order_date < u.registration_date`,
    },
    {
      description: "shipping_country is the customer's country",
      reads: ['users'],
      violations: (t) => `${t('orders')} o JOIN ${t('users')} u USING (user_id) WHERE o.shipping_country <> u.country`,
    },
    {
      description: "WELCOME15 is used only on a customer's first order",
      violations: (t) => `(SELECT coupon_code, row_number() OVER (PARTITION BY user_id ORDER BY order_id) AS nth FROM ${t('orders')}) WHERE coupon_code = 'WELCOME15' AND nth > 1`,
    },
    {
      description: 'tax_amount is the shipping country’s rate on the subtotal less a percentage discount, to the cent',
      violations: (t) =>
        `${t('orders')} WHERE abs(tax_amount - (subtotal - CASE WHEN coupon_code = 'FREESHIP' THEN 0 ELSE discount_amount END) * CASE shipping_country ${LOCALES.map((l, i) => `WHEN ${quotedString(l.country)} THEN ${taxRates[i]}`).join(' ')} END) > 0.005`,
    },
    createdInIdOrder('orders', 'order_id', 'order_date'),
    addressRule('orders', { country: countryCodeOf('shipping_country'), state: 'shipping_state', postalCode: 'shipping_postal_code' }),
  ],
});
