/**
 * The terms an order is drawn on: quantities, shipping methods with their fees and transit times, payment methods,
 * coupons, statuses and tax rates. Plain data, so orders.ts holds only how the columns use them.
 */
import type { Choice } from '../schema/columns/weighted.js';
import { quotedString } from '../schema/sql.js';

export const quantities: Choice[] = [
  [1, 68],
  [2, 18],
  [3, 7],
  [4, 3],
  [5, 2],
  [6, 1],
  [8, 0.6],
  [10, 0.4],
];
export const shippingMethods: Choice[] = [
  ['standard', 55],
  ['express', 20],
  ['economy', 12],
  ['next_day', 8],
  ['store_pickup', 5],
];
/** method -> [fee in USD, min transit days, max transit days], in shippingMethods order. */
export const shippingTerms: Record<string, readonly [number, number, number]> = {
  standard: [4.99, 3, 7],
  express: [12.99, 1, 3],
  economy: [2.99, 5, 10],
  next_day: [24.99, 1, 1],
  store_pickup: [0, 0, 2],
};
export const terms = shippingMethods.map(([method]) => shippingTerms[String(method)] ?? [0, 0, 0]);
export const STANDARD = 0;
export const paymentMethods: Choice[] = [
  ['credit_card', 45],
  ['debit_card', 20],
  ['paypal', 18],
  ['apple_pay', 7],
  ['google_pay', 5],
  ['bank_transfer', 3],
  ['gift_card', 2],
];
export const coupons: Choice[] = [
  ['SAVE10', 35],
  ['WELCOME15', 25],
  ['SPRING20', 15],
  ['FREESHIP', 20],
  ['VIP25', 5],
];
export const couponPercent: Record<string, number> = { SAVE10: 10, WELCOME15: 15, SPRING20: 20, FREESHIP: 0, VIP25: 25 };
export const FREESHIP = coupons.findIndex(([code]) => code === 'FREESHIP');
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
/** Sales tax or VAT by the shipping country, in LOCALES order. */
export const taxRates = [0.0725, 0.2, 0.19, 0.2, 0.13, 0.1];
