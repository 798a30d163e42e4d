/**
 * A customer's predicted activity, from how much they order (activity.ts) and how long they have been a customer:
 * their logins, and the engagement the shop predicts them by (the expected number of orders so far relative to an
 * average customer's year), whose top tier orders offer VIP25. The recorded tier and segment follow the orders
 * themselves (customerLifecycle.ts).
 */
import { DAY, YEAR } from '../../model/columns/time.js';
import type { RandomSource } from '../../model/random.js';
import { quotedString } from '../../model/sql.js';
import { CUSTOMERS, noise, relativeRate } from './activity.js';

/** Mean days between logins of an average customer; a customer n times as active comes back n times as often. */
export const MEAN_DAYS_AWAY = 12;
/** Logins per day registered of an average customer. */
export const LOGINS_PER_DAY = 0.12;

/** Tier by engagement from: the first tier below the first threshold. */
const TIERS: readonly (readonly [string, number])[] = [
  ['none', 0],
  ['bronze', 0.3],
  ['silver', 1.0],
  ['gold', 2.4],
  ['platinum', 7],
];

/** The label of the highest level whose threshold `value` reaches: a count of comparisons indexes a list, cheaper than a CASE of strings. */
export function byThresholds(value: string, levels: readonly (readonly [string, number])[]): string {
  const reached = levels.slice(1).map(([, from]) => `(${value} >= ${from})::INTEGER`);
  return `[${levels.map(([label]) => quotedString(label)).join(', ')}][1 + ${reached.join(' + ')}]`;
}

/**
 * SQL for a customer's engagement: relative order rate times years registered, with noise. `rate` and `tenure`
 * default to computing them from the row (an order's customer); users pass their own fields, which other columns share.
 */
export function engagementOf(row: RandomSource, rate = relativeRate(row, CUSTOMERS), tenure = `(${row.asOf} - ${row.created})`): string {
  return `(${rate} * ${tenure}::DOUBLE / ${YEAR} * ${noise(row, 'engagement', 0.4)})`;
}

/** SQL for the tier of an engagement. Customers who never order have engagement 0: none. */
export function tierOf(engagement: string): string {
  return byThresholds(engagement, TIERS);
}
