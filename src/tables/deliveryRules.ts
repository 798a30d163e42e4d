/**
 * verify's check of the delivery rhythm (orderDelivery.ts), read back from the files: the destination's local hour
 * and weekday of each dispatch, delivery and return, recomputed from the shipping country's offset.
 */
import { DAY, HOUR } from '../model/columns/time.js';
import { LOCALES } from '../model/locales.js';
import { quotedString } from '../model/sql.js';
import { DELIVERY_HOURS, DISPATCH_WEEK, RETURN_WINDOW } from './orderDelivery.js';

const hours = DELIVERY_HOURS.map(([hour]) => Number(hour));
const FIRST_HOUR = Math.min(...hours);
const LAST_HOUR = Math.max(...hours);

/** Local epoch seconds of a TIMESTAMPTZ column of orders, by its shipping_country. */
function local(column: string): string {
  return `(epoch(${column})::BIGINT + CASE shipping_country ${LOCALES.map((l) => `WHEN ${quotedString(l.country)} THEN ${l.utcOffset * HOUR}`).join(' ')} END)`;
}
const hourOf = (column: string) => `((${local(column)} % ${DAY}) // ${HOUR})`;
const weekdayOf = (column: string) => `(((${local(column)} // ${DAY}) + 3) % 7)`;

/** Orders whose dispatch, delivery or return falls outside its hours and days (Monday = 0 ... Sunday = 6). */
export function deliveryRhythmViolations(orders: string): string {
  return `${orders} WHERE ${hourOf('shipped_date')} NOT BETWEEN 9 AND 17 OR ${weekdayOf('shipped_date')} >= ${DISPATCH_WEEK}
    OR ${hourOf('delivered_date')} NOT BETWEEN ${FIRST_HOUR} AND ${LAST_HOUR} OR (${weekdayOf('delivered_date')} = 6 AND shipping_method NOT IN ('express', 'next_day'))
    OR ${hourOf('returned_date')} NOT BETWEEN ${FIRST_HOUR} AND ${LAST_HOUR} OR ${weekdayOf('returned_date')} = 6
    OR ${local('returned_date')} // ${DAY} - ${local('delivered_date')} // ${DAY} NOT BETWEEN 1 AND ${RETURN_WINDOW}`;
}

/** A local day number as a DATE. */
export function dayToDate(day: string): string {
  return `(DATE '1970-01-01' + (${day})::INTEGER)`;
}
