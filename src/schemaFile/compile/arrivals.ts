/**
 * When a schema table's rows arrive: evenly, on one of synthgen's own calendars (its orders, registrations or
 * listings, with the retail year and the countries' local hours), or on a shape of the file's own (UTC hours,
 * weekdays, months and a yearly growth).
 */
import { DAY, HOUR, YEAR } from '../../model/columns/time.js';
import type { Timeline } from '../../model/time/timeline.js';
import { LISTINGS, ORDERS, REGISTRATIONS, hourlyRate } from '../../model/time/calendar.js';
import type { TableOptions } from '../format/schemaFormat.js';

/** Growth is measured from here: any fixed instant would do, as rates are relative. */
const REFERENCE = Date.UTC(2025, 0, 1) / 1000;

export function timelineOf(arrivals: TableOptions['arrivals']): Timeline | undefined {
  if (arrivals === undefined || arrivals === 'even') return undefined;
  if (arrivals === 'orders') return { rate: hourlyRate(ORDERS) };
  if (arrivals === 'registrations') return { rate: hourlyRate(REGISTRATIONS) };
  if (arrivals === 'listings') return { rate: hourlyRate(LISTINGS) };
  const { hours, weekdays, months, growth = 1 } = arrivals;
  return {
    rate: (hourStart) => {
      const date = new Date(hourStart * 1000);
      const hour = hours?.[Math.floor((hourStart % DAY) / HOUR)] ?? 1;
      const weekday = weekdays?.[(date.getUTCDay() + 6) % 7] ?? 1;
      const month = months?.[date.getUTCMonth()] ?? 1;
      // A rate of 0 everywhere would leave no time for rows: a tiny floor keeps every hour possible.
      return Math.max(hour * weekday * month * growth ** ((hourStart - REFERENCE) / YEAR), 1e-9);
    },
  };
}

export function describeArrivals(arrivals: TableOptions['arrivals']): string {
  if (arrivals === undefined || arrivals === 'even') return 'Rows arrive evenly over each run\'s window.';
  if (typeof arrivals === 'string') return `Rows arrive on synthgen's ${arrivals} calendar (local hours, weekdays, the retail year, growth).`;
  return `Rows arrive on the file's own calendar (UTC hours, weekdays, months${arrivals.growth ? `, growth ${arrivals.growth}x a year` : ''}).`;
}
