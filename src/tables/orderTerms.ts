/**
 * The terms an order is drawn on: shipping methods with their transit times, payment methods, coupons
 * and statuses (currencies, tax rates and delivery fees are in money/). Plain data, so orders.ts holds only how the columns use them.
 */
import type { Choice } from '../model/columns/weighted.js';
import { quotedString } from '../model/sql.js';

export const shippingMethods: Choice[] = [
  ['standard', 55],
  ['express', 20],
  ['economy', 12],
  ['next_day', 8],
  ['store_pickup', 5],
];
/**
 * Shipping method weights by basket (subtotal from, in USD): small baskets go economy or standard, large ones are
 * sent faster. Overall shares stay near shippingMethods'.
 */
export const shippingByBasket: readonly (readonly [number, readonly number[]])[] = [
  [0, [52, 10, 24, 4, 10]],
  [25, [58, 19, 11, 7, 5]],
  [100, [50, 28, 4, 14, 4]],
  [500, [36, 34, 1, 26, 3]],
];
/** method -> [min transit days, max transit days], in shippingMethods order (fees are money/shippingRates.ts'). */
export const shippingTerms: Record<string, readonly [number, number]> = {
  standard: [3, 7],
  express: [1, 3],
  economy: [5, 10],
  next_day: [1, 1],
  store_pickup: [0, 2],
};
export const terms = shippingMethods.map(([method]) => shippingTerms[String(method)] ?? [0, 0]);
export const STANDARD = 0;
export const paymentMethods: Choice[] = [
  ['credit_card', 45],
  ['debit_card', 20],
  ['paypal', 18],
  ['apple_pay', 7],
  ['google_pay', 5],
  ['bank_transfer', 3],
  ['invoice', 0],
  ['gift_card', 2],
];
/**
 * Payment method weights by country, in LOCALES order and paymentMethods order: cards lead in North America, France
 * and Australia, debit cards in the UK, PayPal, bank transfer and invoice (Kauf auf Rechnung) in Germany. Rounded
 * from the e-commerce shares in Worldpay's Global Payments Report 2024.
 */
export const paymentByCountry: readonly (readonly number[])[] = [
  [50, 18, 13, 9, 4, 1, 1, 4],
  [26, 38, 20, 9, 4, 1, 0, 2],
  [14, 6, 34, 4, 2, 18, 20, 2],
  [56, 8, 17, 6, 3, 6, 0, 4],
  [57, 11, 17, 7, 3, 2, 0, 3],
  [40, 25, 18, 9, 4, 2, 0, 2],
];
export const coupons: Choice[] = [
  ['SAVE10', 38],
  ['WELCOME15', 0],
  ['SPRING20', 14],
  ['FREESHIP', 30],
  ['VIP25', 18],
];
export const couponPercent: Record<string, number> = { SAVE10: 10, WELCOME15: 15, SPRING20: 20, FREESHIP: 0, VIP25: 25 };
export const couponIndex = (name: string) => coupons.findIndex(([c]) => c === name);
export const FREESHIP = couponIndex('FREESHIP');
/** Share of orders with a coupon other than the welcome one, and of first orders that use WELCOME15. */
export const COUPON_SHARE = 0.14;
export const WELCOME_SHARE = 0.35;
/**
 * The engagement tiers (customerActivity.ts, the shop's prediction of a customer) VIP25 is offered to; others get
 * SAVE10. Their loyalty_tier is made at least gold (customerLifecycle.ts). Months SPRING20 runs in; outside them it
 * is SAVE10.
 */
export const VIP_ENGAGEMENT = ['platinum'] as const;
export const SPRING_MONTHS = [3, 4, 5] as const;
/**
 * Share of delivered orders returned, by category: clothing and shoes are returned most (fit), food and books least.
 * Rounded from published e-commerce return-rate surveys (apparel 20-30%, electronics ~10%, grocery ~1%).
 */
export const returnRates: Readonly<Record<string, number>> = {
  Electronics: 0.09,
  'Home & Kitchen': 0.07,
  Clothing: 0.22,
  Beauty: 0.04,
  'Sports & Outdoors': 0.08,
  'Toys & Games': 0.05,
  Books: 0.02,
  Grocery: 0.01,
  Automotive: 0.06,
  'Pet Supplies': 0.04,
};
/** Order statuses by code; the code is what fields compare, the label is what is written. */
export const STATUS = ['pending', 'processing', 'shipped', 'delivered', 'returned', 'cancelled'] as const;
export const PAYMENT_STATUS = ['authorized', 'paid', 'paid', 'paid', 'refunded', 'voided'] as const;
export const code = (status: (typeof STATUS)[number]) => STATUS.indexOf(status);
export const list = (values: readonly string[]) => `[${values.map(quotedString).join(', ')}]`;
export const salesChannels: Choice[] = [
  ['web', 55],
  ['mobile_app', 35],
  ['marketplace', 7],
  ['phone', 3],
];
