/**
 * What a customer's tier and segment say, from how much they order (activity.ts) and how long they have been a
 * customer. Engagement is the expected number of orders so far relative to an average customer's year; the tier
 * thresholds are its quantiles over a three-year history (measured on 200k users: test/realism-customers).
 */
import { DAY, YEAR } from '../../model/columns/time.js';
import type { RandomSource } from '../../model/random.js';
import { quotedString } from '../../model/sql.js';
import { CUSTOMERS, noise, relativeRate } from './activity.js';

/** Mean days between logins of an average customer; a customer n times as active comes back n times as often. */
export const MEAN_DAYS_AWAY = 12;
/** Logins per day registered of an average customer. */
export const LOGINS_PER_DAY = 0.12;
const NEW_DAYS = 45;
const AT_RISK_DAYS = 60;
const CHURNED_DAYS = 180;

/** Tier by engagement from: the first tier below the first threshold. */
const TIERS: readonly (readonly [string, number])[] = [
  ['none', 0],
  ['bronze', 0.3],
  ['silver', 1.0],
  ['gold', 2.4],
  ['platinum', 7],
];

/** Active segments by engagement from. */
const ACTIVE_CUSTOMER_SEGMENTS: readonly (readonly [string, number])[] = [
  ['occasional', 0],
  ['regular', 0.6],
  ['loyal', 2.2],
  ['vip', 9],
];

/** The label of the highest level whose threshold `value` reaches: a count of comparisons indexes a list, cheaper than a CASE of strings. */
function byThresholds(value: string, levels: readonly (readonly [string, number])[]): string {
  const reached = levels.slice(1).map(([, from]) => `(${value} >= ${from})::INTEGER`);
  return `[${levels.map(([label]) => quotedString(label)).join(', ')}][1 + ${reached.join(' + ')}]`;
}

/**
 * SQL for a customer's engagement: relative order rate times years registered, with noise. `rate` and `tenure`
 * default to computing them from the row; users pass its fields, which other columns share.
 */
export function engagementOf(row: RandomSource, rate = relativeRate(row, CUSTOMERS), tenure = `(${row.asOf} - ${row.created})`): string {
  return `(${rate} * ${tenure}::DOUBLE / ${YEAR} * ${noise(row, 'engagement', 0.4)})`;
}

/** SQL for the tier of an engagement. Customers who never order have engagement 0: none. */
export function tierOf(engagement: string): string {
  return byThresholds(engagement, TIERS);
}

export function describeTiers(): string {
  return TIERS.slice(1)
    .map(([label, from]) => `${label} from ${from}`)
    .join(', ');
}

/** SQL for the customer's marketing segment (users.customer_segment, not a metadata segment), from seconds registered, seconds since the last login and engagement. */
export function customerSegmentOf(tenure: string, away: string, engagement: string): string {
  return `CASE WHEN ${tenure} < ${NEW_DAYS * DAY} THEN 'new' WHEN ${away} > ${CHURNED_DAYS * DAY} THEN 'churned' WHEN ${away} > ${AT_RISK_DAYS * DAY} THEN 'at_risk' ELSE ${byThresholds(engagement, ACTIVE_CUSTOMER_SEGMENTS)} END`;
}
