/**
 * A customer's record as of the run, agreeing with the orders the run made for them: the users table reads its
 * orders' tallies (model/tallies.ts), so the order count, the first and last order, what they spent, the last login,
 * the loyalty tier, the segment and the account status follow the orders that exist, not a prediction of them.
 * Orders of later runs are theirs to record (a user row is never rewritten).
 */
import { MONEY } from '../../model/columns/money.js';
import { DAY, spanOf } from '../../model/columns/time.js';
import { type Choice, labelOf } from '../../model/columns/weighted.js';
import { uniform } from '../../model/random.js';
import { quotedString } from '../../model/sql.js';
import type { Column, Field } from '../../model/tableDefinition.js';
import { VIP_ENGAGEMENT } from '../orderTerms.js';
import { byThresholds, engagementOf, tierOf } from './customerActivity.js';
import { currencyCode, currencyOfLocale, perUsdOf } from '../money/currencies.js';

/**
 * Loyalty tiers by lifetime spend in USD (a customer's spend, in their currency, converted at the fixed rate), from
 * a customer's first order: an estimate shaped on programmes whose tiers are a few hundred and a few thousand dollars
 * a year (Sephora's Beauty Insider: VIB from 350 USD a year, Rouge from 1,000), over the years a customer has been
 * buying.
 */
export const SPEND_TIERS: readonly (readonly [tier: string, fromUsd: number])[] = [
  ['bronze', 0],
  ['silver', 500],
  ['gold', 2000],
  ['platinum', 10000],
];
const TIER_LABELS = ['none', ...SPEND_TIERS.map(([tier]) => tier)];
const GOLD = TIER_LABELS.indexOf('gold');

/** After an order the customer comes back within days to follow it: the last login is up to this many days after the last order. */
export const FOLLOW_UP_DAYS = 3;
/** An account closed or left inactive has seen no login for this long. */
export const QUIET_DAYS = 90;

export const NEW_DAYS = 45;
export const AT_RISK_DAYS = 60;
export const CHURNED_DAYS = 180;
/** Segments of customers who ordered, by their number of orders. */
export const ORDER_SEGMENTS: readonly (readonly [segment: string, fromOrders: number])[] = [
  ['occasional', 1],
  ['regular', 3],
  ['loyal', 6],
  ['vip', 12],
];

/** The helpers users add: the tallies of their orders and the lifecycle they give. `_model_last_login` is the login the customer's activity alone would give. */
export function lifecycleHelpers(statuses: readonly Choice[]): Field[] {
  const active = statuses.findIndex(([status]) => status === 'active');
  const pending = statuses.findIndex(([status]) => status === 'pending_verification');
  const quiet = statuses.flatMap(([status], index) => (status === 'closed' || status === 'inactive' ? [index] : []));
  return [
    { name: '_orders', sql: ({ tally }) => tally('orders', 'count') },
    { name: '_first_order', sql: ({ tally }) => tally('orders', 'min', 'order_date') },
    { name: '_last_order', sql: ({ tally }) => tally('orders', 'max', 'order_date') },
    { name: '_spent', sql: ({ tally }) => tally('orders', 'sum', 'total_amount') },
    {
      name: '_last_login',
      // DuckDB's LEAST and GREATEST skip NULLs: a customer without orders must take the CASE's other branch.
      sql: ({ row, field }) =>
        `CASE WHEN ${field('_last_order')} IS NULL THEN ${field('_model_last_login')} ELSE GREATEST(${field('_model_last_login')}, LEAST(${row.asOf}, epoch(${field('_last_order')})::BIGINT + ${spanOf(uniform(row, 'follow_up'), FOLLOW_UP_DAYS * DAY)})) END`,
    },
    { name: '_away', sql: ({ row, field }) => `(${row.asOf} - ${field('_last_login')})` },
    {
      name: '_status',
      sql: ({ field }) =>
        `CASE WHEN ${field('_drawn_status')} = ${pending} AND ${field('_orders')} > 0 THEN ${active} WHEN ${field('_drawn_status')} IN (${quiet.join(', ')}) AND ${field('_away')} < ${QUIET_DAYS * DAY} THEN ${active} ELSE ${field('_drawn_status')} END`,
    },
    {
      // The tier the spend earns; customers the shop's prediction made VIPs (orders' VIP25 coupon) are at least gold.
      name: '_tier',
      sql: ({ row, field }) => {
        // The thresholds are in USD; the spend is in the customer's currency.
        const usd = `${field('_spent')} / ${perUsdOf(currencyOfLocale(field('_locale')))}`;
        const earned = SPEND_TIERS.slice(1).map(([, from]) => `(${usd} >= ${from})::INTEGER`);
        const vip = `${tierOf(engagementOf(row, field('_rate'), field('_tenure')))} IN (${VIP_ENGAGEMENT.map(quotedString).join(', ')})`;
        return `CASE WHEN ${field('_orders')} = 0 THEN 0 ELSE GREATEST(1 + ${earned.join(' + ')}, CASE WHEN ${vip} THEN ${GOLD} ELSE 0 END) END`;
      },
    },
  ];
}

/** The columns of the customer's orders, as of the run. */
export const lifecycleColumns: Column[] = [
  {
    name: 'order_count',
    type: 'INTEGER',
    minimum: 0,
    description: 'Orders the customer placed, as of the run that made this row: its orders table’s rows for them (a run without orders counts 0; orders of later runs are not counted here).',
    distribution: 'Counted from the run’s orders.',
    sql: ({ field }) => field('_orders'),
  },
  {
    name: 'first_order_date',
    type: 'TIMESTAMPTZ',
    description: 'order_date of the customer’s first order (orders of the run that made this row); NULL if they have none.',
    distribution: 'From the run’s orders.',
    sql: ({ field }) => field('_first_order'),
  },
  {
    name: 'last_order_date',
    type: 'TIMESTAMPTZ',
    description: 'order_date of the customer’s latest order (orders of the run that made this row); NULL if they have none. last_order_date <= last_login.',
    distribution: 'From the run’s orders.',
    sql: ({ field }) => field('_last_order'),
  },
  {
    name: 'lifetime_value',
    type: MONEY,
    minimum: 0,
    description: 'Sum of total_amount over the customer’s orders of the run that made this row, in currency (their orders’), cancelled and returned orders included (gross); 0 without orders.',
    distribution: 'Summed from the run’s orders.',
    sql: ({ field }) => field('_spent'),
  },
  {
    name: 'currency',
    type: 'VARCHAR',
    description: 'ISO 4217 currency of lifetime_value: the customer’s country’s, in which their orders are charged (orders.currency).',
    distribution: 'As country: US USD, GB GBP, DE and FR EUR, CA CAD, AU AUD.',
    sql: ({ field }) => currencyCode(currencyOfLocale(field('_locale'))),
  },
];

/** SQL: the loyalty tier's label. */
export function tierLabel(tier: string): string {
  return labelOf(TIER_LABELS.map((label) => [label, 1] as Choice), tier);
}

export function describeSpendTiers(): string {
  return `${SPEND_TIERS.map(([tier, from]) => `${tier} from ${from.toLocaleString('en-US')} USD`).join(', ')} of lifetime spend (lifetime_value in USD at the fixed rate); none without orders; customers the shop offers VIP25 (its prediction of their engagement) are at least gold`;
}

/** SQL: the customer's marketing segment, from seconds registered, seconds since the last login and orders. */
export function lifecycleSegment(tenure: string, away: string, orders: string): string {
  return `CASE WHEN ${tenure} < ${NEW_DAYS * DAY} THEN 'new' WHEN ${away} > ${CHURNED_DAYS * DAY} THEN 'churned' WHEN ${away} > ${AT_RISK_DAYS * DAY} THEN 'at_risk' WHEN ${orders} = 0 THEN 'prospect' ELSE ${byThresholds(orders, ORDER_SEGMENTS)} END`;
}
