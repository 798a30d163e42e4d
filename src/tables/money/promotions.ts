/**
 * Promotions on order lines: a share of lines is sold below the list price, more in the sales of the retail year
 * (Black Friday to Cyber Monday, Boxing Day to the January sales) and deeper then. Which days are sales days is the
 * shop's calendar's (model/time/calendar.ts holidayOf), in UTC days; a pool per day from PROMOTION_FIRST_DAY holds
 * each day's share of lines on promotion and whether it is a sales event, so a line looks its day up once.
 * Shares and depths are estimates in the direction of what retail reports describe (Adobe Digital Economy Index: the
 * deepest discounts of the year on Black Friday and Cyber Monday, ~20-30% off in most categories).
 */
import { DAY } from '../../model/columns/time.js';
import { type Holiday, holidayOf } from '../../model/time/calendar.js';
import { DRAW20 } from '../../model/random.js';
import type { Choice } from '../../model/columns/weighted.js';

/** The first day the pools cover (2000-01-01), and how many days they cover (to 2099-12-31). */
export const PROMOTION_FIRST_DAY = Date.UTC(2000, 0, 1) / 1000 / DAY;
export const PROMOTION_DAYS = (Date.UTC(2100, 0, 1) / 1000 / DAY) - PROMOTION_FIRST_DAY;

/** Share of lines on promotion on an ordinary day. */
export const EVERYDAY_SHARE = 0.1;
/** Share of lines on promotion on the sales days of the calendar. */
const SALES_SHARES: Readonly<Partial<Record<Holiday, number>>> = {
  thanksgiving_week: 0.25,
  thanksgiving: 0.35,
  black_friday: 0.45,
  black_weekend: 0.4,
  cyber_monday: 0.45,
  december: 0.18,
  last_shipping: 0.15,
  boxing_day: 0.4,
  new_year: 0.3,
};
/** After Boxing Day to the end of the year, and the January sales (to 15 January). */
const YEAR_END_SHARE = 0.3;
const JANUARY_SHARE = 0.22;
/** The days whose promotions are deep: the sales events. */
const DEEP: readonly Holiday[] = ['black_friday', 'black_weekend', 'cyber_monday', 'boxing_day'];

/** Percent off a line on promotion: ordinarily, and on the sales events. */
export const DEPTHS: readonly Choice[] = [[10, 35], [15, 20], [20, 20], [25, 10], [30, 10], [40, 5]];
export const DEEP_DEPTHS: readonly Choice[] = [[20, 25], [25, 20], [30, 25], [40, 20], [50, 10]];

function shareOf(date: Date): { share: number; deep: boolean } {
  const holiday = holidayOf(date);
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const share = (holiday && SALES_SHARES[holiday]) ?? (month === 11 && day > 26 ? YEAR_END_SHARE : month === 0 && day <= 15 ? JANUARY_SHARE : EVERYDAY_SHARE);
  return { share, deep: holiday !== undefined && DEEP.includes(holiday) };
}

/** Per day from PROMOTION_FIRST_DAY: the share of lines on promotion, in draw20 units. */
export function promotionShares(): number[] {
  return Array.from({ length: PROMOTION_DAYS }, (_, i) => Math.round(shareOf(new Date((PROMOTION_FIRST_DAY + i) * DAY * 1000)).share * DRAW20));
}

/** Per day from PROMOTION_FIRST_DAY: 1 on a sales event (deep promotions), else 0. */
export function promotionEvents(): number[] {
  return Array.from({ length: PROMOTION_DAYS }, (_, i) => (shareOf(new Date((PROMOTION_FIRST_DAY + i) * DAY * 1000)).deep ? 1 : 0));
}

export function describePromotions(): string {
  const sales = Object.entries(SALES_SHARES).map(([holiday, share]) => `${holiday.replace(/_/g, ' ')} ${Math.round((share ?? 0) * 100)}%`).join(', ');
  return `${Math.round(EVERYDAY_SHARE * 100)}% of lines on an ordinary day; ${sales}; 27-31 December ${Math.round(YEAR_END_SHARE * 100)}%, 2-15 January ${Math.round(JANUARY_SHARE * 100)}% (the order's UTC day)`;
}
