/**
 * The timeline's knots (src/model/time/timeline.ts): times at equal shares of a window's arrivals. They rise, span
 * the window where the rate is positive, crowd where the rate is high, and the count of rows existing at a time
 * never runs ahead of the rows placed by then.
 */
import { expect, test } from 'vitest';
import { NoArrivals, existingRows, knotsOf } from '../dist/src/model/time/timeline.js';

const HOUR = 3600;
const window = { since: 1_700_000_000, asOf: 1_700_000_000 + 48 * HOUR };

test('knots rise from where arrivals begin to the end of the window', () => {
  const knots = knotsOf(window, () => 1);
  expect(knots[0]).toBe(window.since);
  expect(knots[knots.length - 1]).toBe(window.asOf);
  for (let i = 1; i < knots.length; i += 1) expect(knots[i]).toBeGreaterThan(knots[i - 1] ?? Infinity);
});

test('an hour at three times the rate holds three times the knots', () => {
  const busy = (hour: number) => (Math.floor(hour / HOUR) % 2 === 0 ? 3 : 1);
  const knots = knotsOf(window, busy);
  const inHours = (even: boolean) => knots.filter((k) => k < window.asOf && (Math.floor(k / HOUR) % 2 === 0) === even).length;
  expect(inHours(true) / inHours(false)).toBeGreaterThan(2.7);
  expect(inHours(true) / inHours(false)).toBeLessThan(3.3);
});

test('hours of zero rate hold no arrivals: they start where the rate does', () => {
  const late = (hour: number) => (hour >= window.since + 10 * HOUR ? 1 : 0);
  const knots = knotsOf(window, late);
  // Rates are per UTC hour: the first hour starting at or after since + 10 h.
  expect(knots[0]).toBe(Math.ceil((window.since + 10 * HOUR) / HOUR) * HOUR);
  expect(() => knotsOf(window, () => 0)).toThrow(NoArrivals);
});

test('rows existing at a time: none before, all after, never more than were placed by then', () => {
  const knots = knotsOf(window, (hour) => 1 + (Math.floor(hour / HOUR) % 24));
  const rows = 100_000;
  const cells = knots.length - 1;
  expect(existingRows(knots, rows, window.since)).toBe(0);
  expect(existingRows(knots, rows, window.asOf + 1)).toBe(rows);
  let previous = 0;
  for (let t = window.since; t <= window.asOf; t += 997) {
    const existing = existingRows(knots, rows, t);
    expect(existing).toBeGreaterThanOrEqual(previous);
    previous = existing;
    if (existing === 0) continue;
    // Row `existing - 1` (0-based) is placed at quantile at most existing/rows: at or before t.
    const x = (existing / rows) * cells;
    const cell = Math.min(Math.floor(x), cells - 1);
    const placed = (knots[cell] ?? 0) + ((knots[cell + 1] ?? 0) - (knots[cell] ?? 0)) * (x - cell);
    expect(Math.ceil(placed)).toBeLessThanOrEqual(t);
  }
});
