/**
 * Who refills a stock-up run: of the first customers its order draws, it keeps the first for whom the order's hour
 * is a likely one in their time zone, more often when groceries, beauty or pet supplies are among their favourite
 * categories; the run's lines, which read the same draws (ChildrenOf.firstDraws), then take that customer's regular
 * products (basket.ts STAPLES), which is what makes them reorders. The rule is a function of the order's draws and the
 * candidate's row alone, so the order (keeping the candidate) and its lines (choosing staples) agree on it without
 * either reading the other. Other baskets are fitted to their customer by their lines (basketFit.ts).
 */
import { POOL } from '../builtinPools.js';
import { CATEGORIES } from '../catalog.js';
import { LOCALES } from '../../model/locales.js';
import { DRAW20, draw20 } from '../../model/random.js';
import { hourOfWeekSql } from '../../model/time/calendar.js';
import type { ParentRow, PoolReader } from '../../model/tableDefinition.js';
import type { RandomSource } from '../../model/random.js';
import { STOCK_UP_CATEGORIES } from '../basket.js';
import { FAVOURITES, OFF_FAVOURITE, favouriteCategory, femaleLean, sexFit } from './basketFit.js';

const stockUpCategories = STOCK_UP_CATEGORIES.map((name) => CATEGORIES.indexOf(name));

/** SQL, DOUBLE: 1 for a customer with a stock-up category among their favourites, else OFF_FAVOURITE. */
function stockUpFit(customer: ParentRow): string {
  const favourites = Array.from({ length: FAVOURITES }, (_, n) => `${favouriteCategory(customer, n)} IN (${stockUpCategories.join(', ')})`);
  return `CASE WHEN ${customer.value('_registered')} IS NULL OR ${favourites.join(' OR ')} THEN 1 ELSE ${OFF_FAVOURITE} END`;
}

/** SQL: the chance, out of DRAW20, that an order placed at `created` keeps `customer` for the hour in their time zone. */
export function hourChance(pools: PoolReader, created: string, customer: ParentRow): string {
  return pools.pool(POOL.order_acceptance, `${hourOfWeekSql(created)} * ${LOCALES.length} + ${customer.value('_locale')}`);
}

/** The first draws of a stock-up run that keep a customer by the rule below; the later ones are fitted as any order's. */
export const REGULAR_ATTEMPTS = 5;

/** SQL, BOOLEAN: the stock-up run of `order` (its draws and creation time) keeps `customer`, its draw `attempt`. */
export function keepsRegular(pools: PoolReader, order: RandomSource, customer: ParentRow, attempt: number): string {
  return `(${draw20(order, `customer_hour#${attempt}`)} < ${hourChance(pools, order.created, customer)} * ${stockUpFit(customer)})`;
}

/**
 * SQL, BOOLEAN: the customer (`female`: SQL of their sex) keeps the product of subcategory `sub` as a regular one,
 * by its lean to one sex (a man's staples are rarely make-up), drawn once per staple and try (`key`, the staple's
 * key): the same every run.
 */
export function keepsStaple(female: string, sub: string, key: string, attempt: number): string {
  const fit = sexFit(female, femaleLean(sub));
  return `coalesce((hash(${key} * 16 + ${attempt}) >> 44)::BIGINT < ${DRAW20} * ${fit}, TRUE)`;
}
