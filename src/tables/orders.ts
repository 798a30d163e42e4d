/**
 * orders: the order's header, referencing a user; its products are its lines (order_items.ts), made in the same run,
 * whose amounts its subtotal sums. Everything that must agree with the user is recomputed from them: the order is
 * placed after the user registered, and it ships to their address (or, for some, another address in their country).
 */
import { MONEY } from '../model/columns/money.js';
import { defineTable } from '../model/defineTable.js';
import { POOL } from './builtinPools.js';
import { DAY, toTimestamp } from '../model/columns/time.js';
import { createdInIdOrder } from '../model/time/createdInIdOrder.js';
import { describeWeights, labelOf, weighted } from '../model/columns/weighted.js';
import { LOCALES } from '../model/locales.js';
import { below, chance, draw20, uniform } from '../model/random.js';
import { concat, quotedString } from '../model/sql.js';
import { streetAddress } from './users.js';
import { addressRule, countryCodeOf } from './geography/addressRules.js';
import { ORDERS, hourlyRate } from '../model/time/calendar.js';
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
} from './orderTerms.js';
import { localeOfCountry, taxIncluded, taxPart, taxRateOfAddress } from './orderMoney.js';
import { CURRENCIES, currencyCode } from './money/currencies.js';
import { FREE_SHIPPING_MAX_KG, METHOD_FACTORS, PARCEL_MAX_KG, RATE_CARDS } from './money/shippingRates.js';
import { TAX_REGIONS } from './money/taxRegions.js';
import { LOTTERY, ORDER_HELPERS } from './orderFields.js';
import { CUSTOMER_ATTEMPTS, FIT_ATTEMPTS, WELCOME_EVERY } from './behaviour/customerAttempts.js';
import { CANCEL_SHARE, DELIVERY_HOURS, RETURN_DAYS, RETURN_WINDOW, SAME_DAY_CUTOFF, SUNDAY_SHARE, deliveryLuck } from './orderDelivery.js';
import { dayToDate, deliveryRhythmViolations } from './deliveryRules.js';
import { OFF_FAVOURITE, customerFit, describeFit } from './behaviour/basketFit.js';
import { REGULAR_ATTEMPTS, hourChance, keepsRegular } from './behaviour/regularCustomer.js';
import { STOCK_UP, basketKind } from './basket.js';

export const orders = defineTable({
  name: 'orders',
  description: 'Orders: who bought, for how much, and where it is in fulfilment; what was bought is in order_items.',
  version: 8,
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
      // The customer is one for whom the order's hour is a likely one in their own time zone (calendar.ts), and whom
      // the basket fits (basketFit.ts): both are chances of keeping the candidate, drawn together. The last tries ask
      // only the hour, so that an order of a basket few fit still goes to someone awake.
      accept: {
        attempts: CUSTOMER_ATTEMPTS,
        sql: (context, candidate, attempt) => {
          const { row, field } = context;
          const hour = hourChance(context, row.created, candidate);
          const basket = { femaleLean: field('_basket_female'), ageMiddle: field('_basket_age_middle'), ageHalfWidth: field('_basket_age_half_width'), firstCategory: field('_basket_category') };
          const fit = attempt < FIT_ATTEMPTS ? ` * ${customerFit(candidate, basket, row.created)}` : '';
          const kept = `${draw20(row, `customer_hour#${attempt}`)} < ${hour}${fit}`;
          // A stock-up run keeps one of its first draws by a rule its lines recompute: they then take that customer's staples.
          return attempt < REGULAR_ATTEMPTS ? `CASE WHEN ${basketKind(row)} = ${STOCK_UP} THEN ${keepsRegular(context, row, candidate, attempt)} ELSE ${kept} END` : kept;
        },
      },
    },
  ],
  pools: [POOL.order_acceptance, POOL.shipping_lottery, POOL.payment_lottery, POOL.street_name, POOL.address_city, POOL.address_state, POOL.address_postcode, POOL.order_note, POOL.address_tax_region],
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
      description: `The customer (users.user_id): a user registered before the order was placed, for whom its hour is a likely one in their own time zone and whom its basket fits (sex, age, favourite categories), or for a stock-up run (its lines are the customer’s staples, order_items.product_id) who has groceries, beauty or pet supplies among their favourite categories; every ${WELCOME_EVERY}th order, the newest customer’s first order when they registered since the ${WELCOME_EVERY}th order before (at most a day before): most first orders come soon after signing up.`,
      distribution: `By popularity (skew 3; a quarter of users are never picked) among the users existing then, the first of ${CUSTOMER_ATTEMPTS} candidates kept (else the last) with the chance of the order’s hour in their time zone, times, on the first ${FIT_ATTEMPTS}, how well the basket fits them: ${describeFit()}; a stock-up run’s first ${REGULAR_ATTEMPTS} tries ask, instead of the fit, whether a stock-up category is among the customer’s favourites (else ${OFF_FAVOURITE}), a rule its lines recompute. At the proportions of docs/time.md’s dataset (60,000 users, 400,000 orders), the top 1%, 10% and 20% of users place ~12%, ~54% and ~69% of orders.`,
      sql: ({ parent }) => parent('users').id,
    },
    {
      name: 'subtotal',
      type: MONEY,
      minimum: 0,
      description: 'The goods, in currency: the sum of the order’s lines’ line_amount (order_items), exactly; includes VAT or GST where shelf prices do (GB, DE, FR, AU).',
      distribution: 'Follows the lines.',
      sql: ({ field }) => field('_subtotal'),
    },
    {
      name: 'tax_amount',
      type: MONEY,
      minimum: 0,
      description: 'Tax on the goods (subtotal less a percentage coupon’s discount), to the cent. GB, DE, FR, AU: the VAT or GST included in that amount (amount x r / (1 + r)), not added to the total. US, CA: sales tax at the shipping state’s or province’s rate, added to the total. Shipping is not taxed here.',
      distribution: `VAT/GST included: GB 20%, DE 19%, FR 20%, AU 10%. US state-level rates of 1 January 2025 (Tax Foundation), e.g. CA 7.25%, NY 4%, TX 6.25%, 0 in AK, DE, MT, NH, OR. Canada GST + PST/QST or HST: ${TAX_REGIONS.filter((r) => r.locale === 'en_CA').map((r) => `${r.region} ${+(r.rate * 100).toFixed(3)}%${r.change ? ` (${+(r.change.rate * 100).toFixed(3)}% from ${r.change.from.slice(0, 10)})` : ''}`).join(', ')}.`,
      sql: ({ field }) => field('_tax'),
    },
    {
      name: 'shipping_cost',
      type: MONEY,
      minimum: 0,
      description: `Delivery fee in currency, by the basket’s weight (the sum over its lines of products.weight x quantity, rounded up to whole kg), the method and the destination country’s rate card (in its currency); standard delivery is free from the country’s threshold for baskets up to ${FREE_SHIPPING_MAX_KG} kg.`,
      distribution: `Standard: first kg + per further kg to ${PARCEL_MAX_KG} kg + a freight rate per kg beyond: ${LOCALES.map((l) => { const c = RATE_CARDS[l.code]; return `${l.countryCode} ${c.firstKg} + ${c.perKg}/kg + ${c.perKgFreight}/kg, free from ${c.freeFrom} ${CURRENCIES[l.code].code}`; }).join('; ')}. Other methods x ${Object.entries(METHOD_FACTORS).filter(([m]) => m !== 'standard').map(([m, f]) => `${f} ${m}`).join(', ')}. Estimates shaped on the carriers' 2025 retail prices (USPS, Royal Mail, DHL Paket, Colissimo, Canada Post, Australia Post).`,
      sql: ({ field }) => field('_shipping'),
    },
    {
      name: 'discount_amount',
      type: MONEY,
      minimum: 0,
      description: 'Coupon discount in currency: a percentage of subtotal (rounded to the cent), or the shipping fee for FREESHIP; 0 without coupon.',
      distribution: 'Follows coupon_code.',
      sql: ({ field }) => field('_discount'),
    },
    {
      name: 'total_amount',
      type: MONEY,
      minimum: 0,
      description: 'What the customer pays, in currency: subtotal + shipping_cost - discount_amount where prices include tax (GB, DE, FR, AU), subtotal + tax_amount + shipping_cost - discount_amount where tax is added at checkout (US, CA), exactly.',
      distribution: 'Follows its parts.',
      sql: ({ field }) => field('_total'),
    },
    {
      name: 'currency',
      type: 'VARCHAR',
      description: 'ISO 4217 currency of all the order’s and its lines’ amounts: the currency of the country it ships to (shipping_country, the customer’s), in which the shop sets its shelf prices (order_items.unit_price) and charges tax and delivery. Every one has cents (ISO 4217 minor unit 2).',
      distribution: `${LOCALES.map((l) => `${l.countryCode} ${CURRENCIES[l.code].code}`).join(', ')}: as the customers’ countries.`,
      sql: ({ field }) => currencyCode(field('_currency')),
    },
    {
      name: 'order_status',
      type: 'VARCHAR',
      description: 'Fulfilment state, consistent with the dates: pending/processing (not shipped), shipped (not delivered), delivered (delivered, not returned by as-of), returned (returned_date passed), cancelled (no dates).',
      distribution: `${CANCEL_SHARE * 100}% cancelled; others by where as-of falls on the order's timeline; delivered orders are returned at the rate of their riskiest line's category, once the return's time has passed: ${Object.entries(returnRates).map(([c, r]) => `${c} ${Math.round(r * 100)}%`).join(', ')}.`,
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
      description: 'When it left the warehouse (UTC): a working day (Monday-Friday) between 9:00 and 17:59 in the destination’s local time; NULL unless shipped, delivered or returned.',
      distribution: `Orders placed on a working day before ${SAME_DAY_CUTOFF}:00 local leave the same afternoon (50%), the next working day (35%) or the one after; others the next working day (70%) or the one after.`,
      sql: ({ field }) => `CASE WHEN ${field('_has_shipped')} THEN ${toTimestamp(field('_shipped'))} END`,
    },
    {
      name: 'estimated_delivery_date',
      type: 'DATE',
      mayFollowAsOf: true,
      description: 'Delivery date promised at checkout, in the destination’s local calendar; NULL for cancelled orders. The real delivery (delivered_date) is sometimes before or after it. The one value that may lie after as-of (orders in transit).',
      distribution: 'The ship day + the method’s transit in carriers’ working days (Monday-Saturday): ' + Object.entries(shippingTerms).map(([m, [a, b]]) => `${m} ${Math.max(1, a)}-${b}`).join(', ') + '.',
      sql: ({ field }) => `CASE WHEN ${field('_status')} <> ${code('cancelled')} THEN ${dayToDate(field('_promised_day'))} END`,
    },
    {
      name: 'delivered_date',
      type: 'TIMESTAMPTZ',
      description: 'When it arrived (UTC): in the day (8:00-20:59 local), Monday-Saturday, rarely a Sunday; NULL unless delivered or returned. shipped_date < delivered_date <= as-of.',
      distribution: `On the promised day, or after it (late, by 1-5 working days) or before it (early, by 1-2), by method: ${Object.entries(deliveryLuck).map(([m, { late, early }]) => `${m} ${Math.round(late * 100)}% late, ${Math.round(early * 100)}% early`).join('; ')}. Local hour: ${describeWeights(DELIVERY_HOURS)}. ${Math.round(SUNDAY_SHARE * 100)}% of express and next-day parcels due on a Monday come on the Sunday.`,
      sql: ({ field }) => `CASE WHEN ${field('_has_delivered')} THEN ${toTimestamp(field('_delivered'))} END`,
    },
    {
      name: 'returned_date',
      type: 'TIMESTAMPTZ',
      description: 'When the customer sent it back (UTC), in the day on a working day (Monday-Saturday) local time; NULL unless returned. delivered_date < returned_date <= as-of.',
      distribution: `1-${RETURN_DAYS} working days (at most ${RETURN_WINDOW} days) after delivery, crowded toward the first: about 70% within 12 working days (two weeks).`,
      sql: ({ field }) => `CASE WHEN ${field('_status')} = ${code('returned')} THEN ${toTimestamp(field('_returned'))} END`,
    },
    {
      name: 'shipping_method',
      type: 'VARCHAR',
      description: 'Delivery option chosen: larger baskets are sent faster.',
      distribution: `By subtotal (in USD at the fixed rate): ${shippingByBasket.map(([from, weights]) => `from ${from}: ${shippingMethods.map(([m], j) => `${String(m)} ${weights[j] ?? 0}%`).join(', ')}`).join('; ')}.`,
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
      description: 'Coupon used; NULL for most orders. WELCOME15 only on a customer’s first order; VIP25 only for the customers the shop predicts to be its best, whose loyalty_tier is gold or platinum; SPRING20 only in March-May (others get SAVE10 instead).',
      distribution: `Every ${WELCOME_EVERY}th order is a new customer’s first when one registered since the ${WELCOME_EVERY}th order before (within a day), and ${Math.round(WELCOME_SHARE * 100)}% of those use WELCOME15; no other order does, so ~13% of all first orders at the Time dataset’s proportions, ~5% at 1:1:1. ${Math.round(COUPON_SHARE * 100)}% of other orders have a coupon: ${describeWeights(coupons.filter(([c]) => c !== 'WELCOME15'))}, before the tier and season checks.`,
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
      description: 'Last change (UTC): the latest of the order, shipping, delivery and return events that happened.',
      distribution: 'Follows the status.',
      sql: ({ field }) =>
        toTimestamp(
          `CASE WHEN ${field('_status')} = ${code('returned')} THEN ${field('_returned')} WHEN ${field('_has_delivered')} THEN ${field('_delivered')} WHEN ${field('_has_shipped')} THEN ${field('_shipped')} ELSE ${field('_ordered')} END`,
        ),
    },
  ],
  unique: ['order_number'],
  rules: [
    {
      description: 'total_amount = subtotal + shipping_cost - discount_amount, plus tax_amount where tax is added at checkout (US, CA)',
      violations: (t) =>
        `${t('orders')} WHERE total_amount <> subtotal + shipping_cost - discount_amount + CASE WHEN ${taxIncluded(localeOfCountry('shipping_country'))} THEN 0 ELSE tax_amount END`,
    },
    {
      description: 'order_date <= shipped_date <= delivered_date <= returned_date, and the status agrees with the dates',
      violations: (t) =>
        `${t('orders')} WHERE NOT (order_date <= coalesce(shipped_date, order_date) AND coalesce(shipped_date, order_date) <= coalesce(delivered_date, shipped_date, order_date) AND coalesce(delivered_date, shipped_date, order_date) <= coalesce(returned_date, delivered_date, shipped_date, order_date))
          OR (order_status IN ('delivered', 'returned') AND delivered_date IS NULL) OR (order_status IN ('pending', 'processing', 'cancelled') AND shipped_date IS NOT NULL)
          OR (order_status = 'shipped' AND (shipped_date IS NULL OR delivered_date IS NOT NULL)) OR ((order_status = 'returned') <> (returned_date IS NOT NULL))
          OR ((order_status = 'cancelled') <> (estimated_delivery_date IS NULL)) OR updated_at <> greatest(order_date, shipped_date, delivered_date, returned_date)`,
    },
    {
      description: 'dispatch Monday-Friday 9:00-17:59 local; deliveries and returns in the day (local 8:00-20:59) Monday-Saturday (a delivery on a Sunday only for express and next-day parcels); a return within 30 days of delivery',
      violations: (t) => deliveryRhythmViolations(t('orders')),
    },
    {
      description: 'subtotal is the sum of the order’s lines (order_items.line_amount), and every order has lines',
      reads: ['order_items'],
      key: 'o.order_id',
      violations: (t) => `${t('orders')} o LEFT JOIN (SELECT order_id, sum(line_amount) AS lines FROM ${t('order_items')} GROUP BY order_id) i USING (order_id) WHERE i.lines IS NULL OR o.subtotal <> i.lines`,
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
      description: 'tax_amount is the destination’s rate (country, or US state and Canadian province, on the order date) on the subtotal less a percentage discount, included (r / (1 + r)) or added, to the cent',
      violations: (t) => {
        const taxable = `subtotal - CASE WHEN coupon_code = 'FREESHIP' THEN 0 ELSE discount_amount END`;
        const rate = taxRateOfAddress('shipping_country', 'shipping_state', 'epoch(order_date)');
        return `${t('orders')} WHERE tax_amount IS DISTINCT FROM ${taxPart(taxable, rate, taxIncluded(localeOfCountry('shipping_country')))}`;
      },
    },
    createdInIdOrder('orders', 'order_id', 'order_date'),
    addressRule('orders', { country: countryCodeOf('shipping_country'), state: 'shipping_state', postalCode: 'shipping_postal_code' }),
  ],
});
