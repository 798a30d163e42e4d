/**
 * The shop's calendar: when orders, registrations and listings happen. Each is a product of a local-time profile
 * (hour of day x weekday, in each country's standard time), a year shape (a per-day rate for each month, with the
 * retail peaks and dips) and, for registrations and listings, a growth trend; orders grow with the customers who
 * exist (orders.ts). Sources, stated in the README and the data dictionary:
 * - month shape: U.S. Census Bureau, Monthly Retail Trade, nonstore retailers (NAICS 454): the ratio of not
 *   seasonally adjusted to adjusted sales, 2015-2019, rounded, divided by the month's days (a per-day rate);
 * - Thanksgiving week, Black Friday, Cyber Monday, the Christmas ramp and Boxing Day: the day-to-day ratios Adobe
 *   Digital Economy Index reports for U.S. online spending (Cyber Monday ~3x an ordinary November day), rounded;
 * - hour-of-day and weekday profiles of orders: the Olist Brazilian E-Commerce public dataset (order purchase
 *   times, 2016-2018), rounded, with its evening shoulder raised to the peak Western shops report.
 * All six countries share the year shape (Black Friday and Cyber Monday are sales days in each; Boxing Day is kept
 * for all); they differ by time zone, so local hours and local weekdays differ.
 */
import { DAY, HOUR, YEAR } from '../columns/time.js';
import { DRAW20 } from '../random.js';
import { LOCALES } from '../locales.js';

/** Share of a day's events in each local hour, 0-23 (any scale). */
type Hours = readonly number[];
/** Relative rate Monday..Sunday. */
type Weekdays = readonly number[];

export interface Shape {
  readonly hours: Hours;
  readonly weekdays: Weekdays;
  /** Per-day rate in each month, January..December. */
  readonly months: readonly number[];
  /** Multipliers of special days (see holidayOf), averaged out within their month so the month keeps its rate. */
  readonly holidays: Readonly<Partial<Record<Holiday, number>>>;
  /** Growth of the rate per year (1.25 = +25% a year); 1 for none. */
  readonly growth: number;
}

export type Holiday = 'thanksgiving_week' | 'thanksgiving' | 'black_friday' | 'black_weekend' | 'cyber_monday' | 'december' | 'last_shipping' | 'christmas_eve' | 'christmas' | 'boxing_day' | 'new_year';

export const ORDERS: Shape = {
  hours: [2.2, 1.1, 0.6, 0.35, 0.3, 0.4, 0.9, 1.8, 3.0, 4.3, 5.3, 5.7, 5.9, 5.9, 5.8, 5.6, 5.4, 5.3, 5.6, 6.3, 7.1, 7.2, 6.0, 4.1],
  weekdays: [16.3, 16.0, 15.6, 14.9, 14.2, 10.8, 12.2],
  months: [0.91, 0.93, 0.95, 0.96, 0.96, 0.97, 0.96, 0.97, 0.95, 0.97, 1.15, 1.3],
  holidays: {
    thanksgiving_week: 1.1,
    thanksgiving: 1.4,
    black_friday: 2.6,
    black_weekend: 1.8,
    cyber_monday: 2.9,
    december: 1.2,
    last_shipping: 1.35,
    christmas_eve: 0.7,
    christmas: 0.55,
    boxing_day: 1.3,
    new_year: 0.7,
  },
  growth: 1,
};

export const REGISTRATIONS: Shape = {
  hours: [2.6, 1.5, 0.8, 0.5, 0.4, 0.5, 1.0, 2.0, 3.2, 4.3, 5.0, 5.3, 5.5, 5.5, 5.4, 5.3, 5.2, 5.2, 5.5, 6.0, 6.6, 6.7, 5.8, 4.2],
  weekdays: [15.2, 15.0, 14.6, 14.2, 13.6, 13.2, 14.2],
  months: [1.02, 0.98, 0.97, 0.96, 0.95, 0.95, 0.95, 0.96, 0.96, 0.98, 1.12, 1.15],
  holidays: { black_friday: 1.9, black_weekend: 1.4, cyber_monday: 1.8, christmas: 0.7, boxing_day: 1.2, new_year: 1.1 },
  growth: 1.25,
};

/** Listings are made by the shop's merchandisers: U.S. Eastern business hours, weekdays, new ranges before autumn. */
export const LISTINGS: Shape = {
  hours: [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 8, 10, 10, 8, 9, 10, 10, 9, 6, 3, 1.5, 1, 0.8, 0.5, 0.3],
  weekdays: [20, 21, 21, 20, 17, 3, 2],
  months: [0.8, 0.9, 1, 1, 1, 0.95, 1, 1.15, 1.25, 1.2, 0.9, 0.6],
  holidays: { christmas: 0.1, new_year: 0.2 },
  growth: 1.15,
};

/**
 * Years the shop ran before a dataset's first window: customers and products begin that far back (Timeline.pastYears),
 * so the window is a view into a running shop, its first month already ordered from by the customers of years before.
 */
export const PAST_YEARS = 3;

/** Hours since Monday 00:00 of a UTC hour (the epoch began on a Thursday). */
export function hourOfWeek(hourStart: number): number {
  return (((Math.floor(hourStart / HOUR) + 72) % 168) + 168) % 168;
}

/** hourOfWeek() in SQL, of an epoch-seconds expression (non-negative: times after 1970). */
export function hourOfWeekSql(epoch: string): string {
  return `((${epoch} // 3600 + 72) % 168)`;
}

/** The shape's local-time profile at local hour of week `local` (0 = Monday 00:00). */
function profile(shape: Shape, local: number): number {
  const at = ((local % 168) + 168) % 168;
  return (shape.hours[at % 24] ?? 0) * (shape.weekdays[Math.floor(at / 24)] ?? 0);
}

/** Each locale's share of events in each UTC hour of the week: weight x local profile, 168 x LOCALES. */
export function localeMix(shape: Shape): number[][] {
  return Array.from({ length: 168 }, (_, how) => LOCALES.map((locale) => locale.weight * profile(shape, how + locale.utcOffset)));
}

/** The US Thanksgiving (fourth Thursday of November) of a year, as a day of month. */
function thanksgiving(year: number): number {
  const weekday = new Date(Date.UTC(year, 10, 1)).getUTCDay(); // 0 = Sunday
  return 1 + ((4 - weekday + 7) % 7) + 21;
}

/** Days from Thanksgiving to Cyber Monday, by their offset; the week before is 'thanksgiving_week'. */
const AROUND_THANKSGIVING: Readonly<Record<number, Holiday>> = { 0: 'thanksgiving', 1: 'black_friday', 2: 'black_weekend', 3: 'black_weekend', 4: 'cyber_monday' };

export function holidayOf(date: Date): Holiday | undefined {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  // Cyber Monday falls in December when Thanksgiving is late (2024: Nov 28, so Dec 2).
  const offset = Math.round((date.getTime() - Date.UTC(year, 10, thanksgiving(year))) / (DAY * 1000));
  if (offset >= -3 && offset <= -1) return 'thanksgiving_week';
  const around = AROUND_THANKSGIVING[offset];
  if (around) return around;
  if (month === 11) {
    if (day <= 15) return 'december';
    if (day <= 20) return 'last_shipping';
    return ({ 24: 'christmas_eve', 25: 'christmas', 26: 'boxing_day' } as Readonly<Record<number, Holiday>>)[day];
  }
  if (month === 0 && day === 1) return 'new_year';
  return undefined;
}

const REFERENCE = Date.UTC(2020, 0, 1) / 1000;

/** The shape's rate of one UTC day, without the local-time profile. */
function dayRate(shape: Shape, monthMeans: Map<string, number>, dayStart: number): number {
  const date = new Date(dayStart * 1000);
  const key = `${date.getUTCFullYear()}-${date.getUTCMonth()}`;
  let mean = monthMeans.get(key);
  if (mean === undefined) {
    const days = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    let sum = 0;
    for (let d = 1; d <= days; d += 1) {
      const holiday = holidayOf(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), d)));
      sum += (holiday && shape.holidays[holiday]) ?? 1;
    }
    mean = sum / days;
    monthMeans.set(key, mean);
  }
  const holiday = holidayOf(date);
  const special = (holiday && shape.holidays[holiday]) ?? 1;
  return ((shape.months[date.getUTCMonth()] ?? 1) * special) / mean;
}

/** The rate per UTC hour of a shape, for Timeline.rate: the countries' local profiles mixed by their shares. */
export function hourlyRate(shape: Shape): (hourStart: number) => number {
  const mix = localeMix(shape).map((shares) => shares.reduce((sum, share) => sum + share, 0));
  const monthMeans = new Map<string, number>();
  // A day's rate takes Date arithmetic; every hour of a window asks for it, and a run builds several windows.
  const days = new Map<number, number>();
  return (hourStart) => {
    const trend = shape.growth ** ((hourStart - REFERENCE) / YEAR);
    const day = Math.floor(hourStart / DAY) * DAY;
    let rate = days.get(day);
    if (rate === undefined) {
      rate = dayRate(shape, monthMeans, day);
      days.set(day, rate);
    }
    return (mix[hourOfWeek(hourStart)] ?? 0) * rate * trend;
  };
}

/** Buckets of a draw that pick a locale in localeTable(): shares are kept to 1/256. */
export const LOCALE_BUCKETS = 256;

/**
 * For each UTC hour of the week, the locale an event then comes from for each of LOCALE_BUCKETS equal slices of a
 * draw, in proportion to the locales' shares of events at that hour: one lookup per row.
 */
export function localeTable(shape: Shape): number[] {
  return localeMix(shape).flatMap((shares) => {
    const total = shares.reduce((sum, share) => sum + share, 0);
    const cumulative: number[] = [];
    shares.reduce((sum, share) => (cumulative.push((sum + share) / total), sum + share), 0);
    return Array.from({ length: LOCALE_BUCKETS }, (_, b) => {
      const at = (b + 0.5) / LOCALE_BUCKETS;
      const index = cumulative.findIndex((c) => c > at);
      return index < 0 ? shares.length - 1 : index;
    });
  });
}

/**
 * For each UTC hour of week and locale, the chance (in draw20 units) that an event of the shape at that hour comes
 * from a person of the locale, over the likeliest locale's: accepting a candidate of locale c with it turns people
 * drawn by their shares into people drawn by who is awake and shopping then.
 */
export function acceptance(shape: Shape): number[] {
  return localeMix(shape).flatMap((shares) => {
    const ratio = shares.map((share, i) => share / (LOCALES[i]?.weight ?? 1));
    const most = Math.max(...ratio);
    return ratio.map((r) => Math.round((r / most) * DRAW20));
  });
}
