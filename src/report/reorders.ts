/**
 * The report's reorders: the share of order lines whose product the same customer had already bought in an earlier
 * order (orders ranked by order_date, then order_id; a second line of a product in the same order is not a reorder).
 * Instacart's public orders have ~59% of items reordered; a shop whose customers never buy the same thing twice has
 * ~0%, and the tile says what the data holds either way.
 *
 * One window over the lines, partitioned by (customer, product) and ordered by (order_date, order_id): a line is a
 * reorder when its order is not the first of the partition. Measured on 2.13M lines (1M orders) on 2 cores: ~0.5-1 s,
 * against ~1-1.5 s for two GROUP BYs (lines per order, then the first order's per customer and product) and ~2.5 s
 * for a window minimum of a (date, id) struct; with half the lines reorders it is ~0.8 s.
 */
import type { Reorders } from './reportData.js';
import { type ReportDatabase, numberOf } from './reportDatabase.js';

/** The lines as (user_id, product_id, order_id, order_date) rows, or null when the dataset cannot say. */
function linesOf(db: ReportDatabase): string | null {
  const orders = db.missing('orders', ['order_id', 'user_id', 'order_date']);
  if (!orders && !db.missing('order_items', ['order_id', 'product_id'])) {
    return `SELECT o.user_id, i.product_id, o.order_id, o.order_date FROM order_items AS i JOIN orders AS o ON i.order_id = o.order_id`;
  }
  // An older dataset's orders are one product each, and have no order_items.
  if (!orders && !db.has('order_items') && !db.missing('orders', ['product_id'])) return `SELECT user_id, product_id, order_id, order_date FROM orders`;
  return null;
}

export async function reordersOf(db: ReportDatabase): Promise<Reorders | null> {
  const lines = linesOf(db);
  if (lines === null) return null;
  const [row] = await db.rows(`
    SELECT count(*)::DOUBLE AS lines, count(*) FILTER (WHERE order_id <> first)::DOUBLE AS reordered
    FROM (SELECT order_id, first_value(order_id) OVER (PARTITION BY user_id, product_id ORDER BY order_date, order_id) AS first
      FROM (${lines}) WHERE user_id IS NOT NULL AND product_id IS NOT NULL AND order_date IS NOT NULL)`);
  const count = numberOf(row?.lines);
  if (count === 0) return null;
  const reordered = numberOf(row?.reordered);
  return { lines: count, reordered, share: reordered / count };
}
