/**
 * The orders' delivery timeline: dispatch from the warehouse on working days in business hours, a promised date from
 * the method's transit, a real delivery that is sometimes early or late, in the day on carriers' working days, and a
 * return some days later. Every time is computed in the destination's local time (LOCALES' offsets: each country is
 * served from a warehouse in it) and turned into UTC epoch seconds at the end.
 */
import { DAY, HOUR } from '../model/columns/time.js';
import { type Choice, weighted } from '../model/columns/weighted.js';
import { LOCALES } from '../model/locales.js';
import { DRAW20, below, chance, draw20, uniform } from '../model/random.js';
import { code, shippingMethods, terms } from './orderTerms.js';
import type { Field } from '../model/tableDefinition.js';

export const CANCEL_SHARE = 0.04;

/** Days a week the warehouse dispatches (Monday-Friday) and carriers deliver (Monday-Saturday). */
export const DISPATCH_WEEK = 5;
export const DELIVERY_WEEK = 6;

/**
 * Share of deliveries after the promised date and before it, by method. Olist's public orders (2016-2018) have ~8%
 * delivered after the estimated date; faster services are kept more reliably, economy least.
 */
export const deliveryLuck: Readonly<Record<string, { readonly late: number; readonly early: number }>> = {
  standard: { late: 0.08, early: 0.2 },
  express: { late: 0.06, early: 0.1 },
  economy: { late: 0.13, early: 0.25 },
  next_day: { late: 0.03, early: 0 },
  store_pickup: { late: 0.04, early: 0.1 },
};
/** Working days a late delivery comes after the promised date. */
export const LATE_BY: Choice[] = [
  [1, 60],
  [2, 25],
  [3, 10],
  [5, 5],
];
/** Local delivery hour, 8:00-20:59: carriers' residential rounds, busiest late morning to mid-afternoon. */
export const DELIVERY_HOURS: Choice[] = [
  [8, 3],
  [9, 6],
  [10, 9],
  [11, 11],
  [12, 11],
  [13, 11],
  [14, 11],
  [15, 10],
  [16, 9],
  [17, 7],
  [18, 5],
  [19, 4],
  [20, 3],
];
/** Share of express and next-day parcels due on a Monday that come on the Sunday before instead. */
export const SUNDAY_SHARE = 0.25;
/** A return comes back 1 to RETURN_DAYS working days (Monday-Saturday, ~30 days) after delivery, most within two weeks. */
export const RETURN_DAYS = 25;
/** The return window in calendar days: 25 working days of six from a Saturday end on the Monday 30 days later. */
export const RETURN_WINDOW = 30;
/** Orders placed before this local hour on a working day may leave the same afternoon. */
export const SAME_DAY_CUTOFF = 12;

const luck = (kind: 'late' | 'early') => `[${shippingMethods.map(([m]) => Math.round((deliveryLuck[String(m)]?.[kind] ?? 0) * DRAW20)).join(', ')}]`;
const methodIndex = (name: string) => shippingMethods.findIndex(([m]) => m === name);

/** Local day number (days since 1970-01-01) of a time at offset `offset` seconds. */
const localDay = (epoch: string, offset: string) => `((${epoch} + ${offset}) // ${DAY})`;
/** Monday = 0 ... Sunday = 6 of a day number (day 0 was a Thursday). */
export const weekdayOf = (day: string) => `((${day} + 3) % 7)`;
/** The index of a day among the working days of an n-day week (a day off counts as the working day before it). */
const workIndex = (day: string, week: number) => `(${week} * ((${day} + 3) // 7) + least(${weekdayOf(day)}, ${week - 1}))`;
/** The day of working-day index `index` in an n-day week. */
const dayOfIndex = (index: string, week: number) => `(7 * ((${index}) // ${week}) + (${index}) % ${week} - 3)`;
/** The working day `k` working days after `day` (k >= 1), or `day` itself for k = 0 when it is a working day. */
export const addWorkingDays = (day: string, k: string, week: number) => dayOfIndex(`${workIndex(day, week)} + ${k}`, week);

export const DELIVERY_HELPERS: readonly Field[] = [
  { name: '_offset', sql: ({ field }) => `[${LOCALES.map((l) => l.utcOffset * HOUR).join(', ')}][${field('_user_locale')} + 1]` },
  { name: '_order_day', sql: ({ field }) => localDay(field('_ordered'), field('_offset')) },
  {
    // Working days from the order's local day to dispatch: the same afternoon for some morning orders on working days.
    name: '_dispatch',
    sql: ({ row, field }) => {
      const morning = `(${weekdayOf(field('_order_day'))} < ${DISPATCH_WEEK} AND (${field('_ordered')} + ${field('_offset')}) % ${DAY} < ${SAME_DAY_CUTOFF * HOUR})`;
      const draw = draw20(row, 'dispatch');
      return `CASE WHEN ${morning} THEN ${weighted(draw, [[0, 50], [1, 35], [2, 15]])} ELSE ${weighted(draw, [[1, 70], [2, 30]])} END`;
    },
  },
  { name: '_ship_day', sql: ({ field }) => addWorkingDays(field('_order_day'), field('_dispatch'), DISPATCH_WEEK) },
  {
    // Collected by the carrier in business hours, 9:00-17:59; same-day dispatch in the afternoon, after the order.
    name: '_shipped',
    sql: ({ row, field }) =>
      `(${field('_ship_day')} * ${DAY} + CASE WHEN ${field('_dispatch')} = 0 THEN ${13 * HOUR} + ${below(row, 'ship_time', 5 * HOUR)} ELSE ${9 * HOUR} + ${below(row, 'ship_time', 9 * HOUR)} END - ${field('_offset')})`,
  },
  {
    // The transit the shop promises, in carriers' working days: the method's range (a store pickup is ready the next day at the soonest).
    name: '_transit',
    sql: ({ row, field }) =>
      `greatest(1, [${terms.map(([min]) => min).join(', ')}][${field('_method')} + 1] + (${row.bits('transit')} % [${terms.map(([min, max]) => max - min + 1).join(', ')}][${field('_method')} + 1]::UBIGINT)::BIGINT)`,
  },
  { name: '_promised_day', sql: ({ field }) => addWorkingDays(field('_ship_day'), field('_transit'), DELIVERY_WEEK) },
  {
    // Working days the delivery comes after (> 0) or before (< 0) the promise.
    name: '_lateness',
    sql: ({ row, field }) => {
      const draw = draw20(row, 'delivery_luck');
      const late = `${luck('late')}[${field('_method')} + 1]`;
      const early = `${luck('early')}[${field('_method')} + 1]`;
      return `CASE WHEN ${draw} < ${late} THEN ${weighted(draw20(row, 'late_by'), LATE_BY)}
        WHEN ${draw} >= ${DRAW20} - ${early} THEN CASE WHEN ${chance(row, 'early_by', 0.7)} THEN -1 ELSE -2 END ELSE 0 END`;
    },
  },
  {
    name: '_arrival_day',
    sql: ({ row, field }) => {
      const day = addWorkingDays(field('_ship_day'), `greatest(1, ${field('_transit')} + ${field('_lateness')})`, DELIVERY_WEEK);
      const fast = `${field('_method')} IN (${methodIndex('express')}, ${methodIndex('next_day')})`;
      // A Sunday round for fast parcels (as Amazon's with USPS): the day before a Monday, still after dispatch.
      return `(${day} - CASE WHEN ${fast} AND ${weekdayOf(day)} = 0 AND ${chance(row, 'sunday', SUNDAY_SHARE)} THEN 1 ELSE 0 END)`;
    },
  },
  {
    name: '_delivered',
    sql: ({ row, field }) =>
      `(${field('_arrival_day')} * ${DAY} + ${weighted(draw20(row, 'delivery_hour'), DELIVERY_HOURS)} * ${HOUR} + ${below(row, 'delivery_second', HOUR)} - ${field('_offset')})`,
  },
  {
    name: '_returns',
    // At the rate of the order's riskiest line (orderFields.ts' _return_threshold, out of DRAW20).
    sql: ({ row, field }) => `(${draw20(row, 'returned')} < ${field('_return_threshold')})`,
  },
  {
    // Handed back to the carrier on a working day in the day, 1-25 working days after delivery, crowded toward the first days.
    name: '_returned',
    sql: ({ row, field }) =>
      `(${addWorkingDays(field('_arrival_day'), `1 + floor(pow(${uniform(row, 'return_after')}, 2) * ${RETURN_DAYS})::BIGINT`, DELIVERY_WEEK)} * ${DAY} + ${weighted(draw20(row, 'return_hour'), DELIVERY_HOURS)} * ${HOUR} + ${below(row, 'return_second', HOUR)} - ${field('_offset')})`,
  },
  {
    name: '_status',
    sql: ({ row, field }) =>
      `CASE WHEN ${chance(row, 'cancelled', CANCEL_SHARE)} THEN ${code('cancelled')}
        WHEN ${field('_shipped')} > ${row.asOf} THEN CASE WHEN ${field('_ordered')} > ${row.asOf} - ${HOUR} THEN ${code('pending')} ELSE ${code('processing')} END
        WHEN ${field('_delivered')} > ${row.asOf} THEN ${code('shipped')}
        WHEN ${field('_returns')} AND ${field('_returned')} <= ${row.asOf} THEN ${code('returned')}
        ELSE ${code('delivered')} END`,
  },
  { name: '_has_shipped', sql: ({ field }) => `(${field('_status')} BETWEEN ${code('shipped')} AND ${code('returned')})` },
  { name: '_has_delivered', sql: ({ field }) => `(${field('_status')} BETWEEN ${code('delivered')} AND ${code('returned')})` },
];
