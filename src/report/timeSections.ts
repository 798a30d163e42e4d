/**
 * The report's charts of when orders are placed: orders per day over the whole history, the hour-of-day and
 * weekday profiles, and orders by month for each year. Days, months and years are UTC; the profiles also in the
 * customer's local time, taken from their country's main time zone (ShopTables.zones: the built-in tables' locales),
 * since "evening" means the customer's evening.
 */
import { quotedString } from '../model/sql.js';
import type { HourOfDay, OrdersByMonth, OrdersPerDay, Section, ShopTables, WeekdayProfile } from './reportData.js';
import { type ReportDatabase, type Row, numberOf } from './reportDatabase.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The columns the local-time profiles join on. */
const LOCAL_TIME_USERS = ['user_id', 'country_code'];

type Zones = ShopTables['zones'];

/** country_code -> time zone, as a relation to join users to. */
function zonesRelation(zones: Zones): string {
  const rows = zones.map((zone) => `(${quotedString(zone.countryCode)}, ${quotedString(zone.timeZone)})`);
  return `(VALUES ${rows.join(', ')}) AS zones(country_code, zone)`;
}

/** Whether the local-time profiles can be drawn: users with their countries, orders with their users, zones known. */
function withoutLocalTime(db: ReportDatabase, zones: Zones): boolean {
  return zones.length === 0 || db.missing('users', LOCAL_TIME_USERS) !== undefined || db.missing('orders', ['user_id']) !== undefined;
}

export async function ordersPerDay(db: ReportDatabase): Promise<Section<OrdersPerDay>> {
  const missing = db.missing('orders', ['order_date']);
  if (missing) return { state: 'omitted', reason: missing };
  // The calendar from the first day to the last, so a day without orders shows as 0 rather than as a gap.
  const rows = await db.rows(`
    WITH counted AS (SELECT order_date::DATE AS day, count(*) AS n FROM orders WHERE order_date IS NOT NULL GROUP BY ALL),
    calendar AS (SELECT unnest(generate_series(min(day), max(day), INTERVAL 1 DAY))::DATE AS day FROM counted)
    SELECT strftime(calendar.day, '%Y-%m-%d') AS day, coalesce(counted.n, 0)::DOUBLE AS n
    FROM calendar LEFT JOIN counted USING (day) ORDER BY calendar.day`);
  return { state: 'shown', data: { days: rows.map((row) => ({ date: String(row.day), orders: numberOf(row.n) })) } };
}

/** Counts by a 0-based or 1-based bucket into a dense array of `size`. */
function dense(rows: readonly Row[], size: number, offset: number): number[] {
  const counts = new Array<number>(size).fill(0);
  for (const row of rows) {
    const index = numberOf(row.bucket) - offset;
    if (index >= 0 && index < size) counts[index] = numberOf(row.n);
  }
  return counts;
}

/** Orders by `bucket` of the customer's local order time, and how many orders had no zone to take it from. */
async function localCounts(db: ReportDatabase, zones: Zones, bucket: string, size: number, offset: number): Promise<{ counts: number[]; withoutZone: number }> {
  const rows = await db.rows(`
    SELECT ${bucket.replaceAll('$t', 'timezone(zones.zone, orders.order_date)')} AS bucket, count(*)::DOUBLE AS n
    FROM orders JOIN users USING (user_id) JOIN ${zonesRelation(zones)} USING (country_code)
    WHERE orders.order_date IS NOT NULL GROUP BY ALL`);
  const counts = dense(rows, size, offset);
  const [all] = await db.rows(`SELECT count(*)::DOUBLE AS n FROM orders WHERE order_date IS NOT NULL`);
  return { counts, withoutZone: numberOf(all?.n) - counts.reduce((a, b) => a + b, 0) };
}

export async function hourOfDay(db: ReportDatabase, zones: Zones): Promise<Section<HourOfDay>> {
  const missing = db.missing('orders', ['order_date']);
  if (missing) return { state: 'omitted', reason: missing };
  const utc = dense(await db.rows(`SELECT hour(order_date) AS bucket, count(*)::DOUBLE AS n FROM orders WHERE order_date IS NOT NULL GROUP BY ALL`), 24, 0);
  if (withoutLocalTime(db, zones)) return { state: 'shown', data: { utc, local: null, ordersWithoutZone: 0 } };
  const local = await localCounts(db, zones, 'hour($t)', 24, 0);
  return { state: 'shown', data: { utc, local: local.counts, ordersWithoutZone: local.withoutZone } };
}

export async function weekday(db: ReportDatabase, zones: Zones): Promise<Section<WeekdayProfile>> {
  const missing = db.missing('orders', ['order_date']);
  if (missing) return { state: 'omitted', reason: missing };
  // isodow: 1 is Monday, 7 Sunday.
  if (withoutLocalTime(db, zones)) {
    const rows = await db.rows(`SELECT isodow(order_date) AS bucket, count(*)::DOUBLE AS n FROM orders WHERE order_date IS NOT NULL GROUP BY ALL`);
    return { state: 'shown', data: { clock: 'utc', days: WEEKDAYS, orders: dense(rows, 7, 1) } };
  }
  const local = await localCounts(db, zones, 'isodow($t)', 7, 1);
  return { state: 'shown', data: { clock: 'local', days: WEEKDAYS, orders: local.counts } };
}

export async function ordersByMonth(db: ReportDatabase): Promise<Section<OrdersByMonth>> {
  const missing = db.missing('orders', ['order_date']);
  if (missing) return { state: 'omitted', reason: missing };
  const rows = await db.rows(`
    SELECT year(order_date) AS year, month(order_date) AS month, count(*)::DOUBLE AS n
    FROM orders WHERE order_date IS NOT NULL GROUP BY ALL ORDER BY year, month`);
  const first = rows[0];
  const last = rows.at(-1);
  // Month numbers counted from year 0, to tell the months inside the data's span from those outside.
  const index = (row: Row | undefined) => numberOf(row?.year) * 12 + numberOf(row?.month) - 1;
  const years = new Map<number, (number | null)[]>();
  for (const row of rows) {
    const year = numberOf(row.year);
    const months = years.get(year) ?? Array.from({ length: 12 }, (_, m) => (year * 12 + m < index(first) || year * 12 + m > index(last) ? null : 0));
    months[numberOf(row.month) - 1] = numberOf(row.n);
    years.set(year, months);
  }
  return { state: 'shown', data: { years: [...years].map(([year, orders]) => ({ year, orders })) } };
}
