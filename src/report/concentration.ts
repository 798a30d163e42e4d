/**
 * How concentrated orders are on users and on products: Lorenz curves, the Gini coefficient, the share of orders
 * from the top 1%, 10% and 20%, the share of members who never ordered, and the most orders of one member.
 *
 * DuckDB hands back only how many members have each order count (a few hundred rows whatever the dataset's size).
 * Members with the same count lie on one straight piece of the curve, so those counts give the exact curve, from
 * which the points drawn and the shares are read off.
 */
import { quotedIdentifier } from '../model/sql.js';
import type { Concentration, Section } from './reportData.js';
import { type ReportDatabase, numberOf } from './reportDatabase.js';

/** Points of the curve drawn and given in the JSON (plus the origin). */
const LORENZ_POINTS = 200;

interface Population {
  /** The parent table whose members may have no orders, and its key; orders.<key> (products: order_items.<key>) references it. */
  readonly table: 'users' | 'products';
  readonly key: string;
}

export const USERS: Population = { table: 'users', key: 'user_id' };
export const PRODUCTS: Population = { table: 'products', key: 'product_id' };

interface Group {
  /** Orders per member. */
  readonly n: number;
  /** Members with that many. */
  readonly members: number;
}

/** The exact Lorenz curve: its corners, from (0, 0) to (1, 1). */
function corners(groups: readonly Group[], population: number, orders: number): [number, number][] {
  const points: [number, number][] = [[0, 0]];
  let members = 0;
  let placed = 0;
  for (const group of groups) {
    members += group.members;
    placed += group.n * group.members;
    points.push([members / population, placed / orders]);
  }
  return points;
}

/** The curve's height at member share `x`, between its corners. */
function heightAt(points: readonly (readonly [number, number])[], x: number): number {
  let low = 0;
  let high = points.length - 1;
  // The last corner whose share is at most x, by bisection: products can have thousands of distinct counts.
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if ((points[middle]?.[0] ?? 0) <= x) low = middle;
    else high = middle;
  }
  const [x0, y0] = points[low] ?? [0, 0];
  const [x1, y1] = points[high] ?? [1, 1];
  return x1 === x0 ? Math.max(y0, y1) : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

const rounded = (value: number) => Math.round(value * 1e6) / 1e6;

/** Everything but the per-day maximum, from the count groups (lowest count first). */
export function concentrationOf(groups: readonly Group[], includesZero: boolean): Omit<Concentration, 'maxOrdersInOneDay'> {
  const population = groups.reduce((sum, g) => sum + g.members, 0);
  const orders = groups.reduce((sum, g) => sum + g.n * g.members, 0);
  const points = corners(groups, population, orders);
  let area = 0;
  for (let i = 1; i < points.length; i += 1) {
    const [x0, y0] = points[i - 1] ?? [0, 0];
    const [x1, y1] = points[i] ?? [1, 1];
    area += (x1 - x0) * (y1 + y0);
  }
  const lorenz = Array.from({ length: LORENZ_POINTS + 1 }, (_, i): [number, number] => {
    const x = i / LORENZ_POINTS;
    return [rounded(x), rounded(heightAt(points, x))];
  });
  const top = (share: number) => rounded(1 - heightAt(points, 1 - share));
  return {
    population,
    includesZero,
    orders,
    lorenz,
    gini: rounded(1 - area),
    topShares: { top1: top(0.01), top10: top(0.1), top20: top(0.2) },
    zeroShare: rounded(groups[0]?.n === 0 ? groups[0].members / population : 0),
    maxOrders: groups.at(-1)?.n ?? 0,
  };
}

/**
 * The orders naming a member of `population`, as (key, order_date) rows, or why there are none. A product is named by
 * an order's lines (order_items, once per order however many lines hold it); an older dataset's orders name it.
 */
function ordered(db: ReportDatabase, population: Population): { relation: string } | { missing: string } {
  const key = quotedIdentifier(population.key);
  if (population.table === 'products' && db.missing('orders', [population.key]) && !db.missing('orders', ['order_id'])) {
    const missing = db.missing('order_items', ['order_id', population.key]) ?? db.missing('orders', ['order_date']);
    if (missing) return { missing };
    return { relation: `(SELECT DISTINCT i.${key}, i.order_id, o.order_date FROM order_items AS i JOIN orders AS o USING (order_id))` };
  }
  const missing = db.missing('orders', [population.key, 'order_date']);
  return missing ? { missing } : { relation: 'orders' };
}

/** The concentration of orders on the members of `population` (those with none too, when its table is here). */
export async function concentration(db: ReportDatabase, population: Population): Promise<Section<Concentration>> {
  const source = ordered(db, population);
  if ('missing' in source) return { state: 'omitted', reason: source.missing };
  const { relation } = source;
  const key = quotedIdentifier(population.key);
  const includesZero = !db.missing(population.table, [population.key]);
  // A full join: the members of the parent table without orders, and those ordered by ID the table here lacks
  // (a run whose files are elsewhere) both belong to the population.
  const members = includesZero
    ? `SELECT coalesce(counted.n, 0) AS n FROM (SELECT ${key} FROM ${quotedIdentifier(population.table)}) AS parent FULL JOIN counted USING (${key})`
    : `SELECT n FROM counted`;
  const rows = await db.rows(`
    WITH counted AS (SELECT ${key}, count(*) AS n FROM ${relation} WHERE ${key} IS NOT NULL GROUP BY ALL),
    members AS (${members})
    SELECT n::DOUBLE AS n, count(*)::DOUBLE AS members FROM members GROUP BY n ORDER BY n`);
  const groups = rows.map((row) => ({ n: numberOf(row.n), members: numberOf(row.members) }));
  if (!groups.some((group) => group.n > 0)) return { state: 'omitted', reason: `no order names a ${population.key}` };
  const [daily] = await db.rows(`
    SELECT max(n)::DOUBLE AS n FROM (SELECT ${key}, order_date::DATE, count(*) AS n FROM ${relation} WHERE ${key} IS NOT NULL GROUP BY ALL)`);
  return { state: 'shown', data: { ...concentrationOf(groups, includesZero), maxOrdersInOneDay: numberOf(daily?.n) } };
}
