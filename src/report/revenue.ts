/**
 * The report's revenue, per currency: net (what the shop keeps: orders neither cancelled nor returned) and gross
 * (every order, whatever its status). Both sum `total_amount` as the orders carry it, tax and shipping included and
 * discounts deducted; amounts in different currencies are never added up or converted.
 */
import type { Revenue } from './reportData.js';
import { type ReportDatabase, numberOf } from './reportDatabase.js';

/**
 * The order statuses net revenue leaves out: a cancelled order's payment is voided and a returned order's refunded
 * (the orders' payment_status says so). Pending orders (payment authorized), processing, shipped and delivered
 * ones count.
 */
export const NOT_REVENUE = ['cancelled', 'returned'] as const;

/** Revenue by currency, most first; null when the orders have no total_amount (or there is no orders table). */
export async function revenueOf(db: ReportDatabase): Promise<Revenue[] | null> {
  if (db.missing('orders', ['total_amount'])) return null;
  const currency = db.missing('orders', ['currency']) ? 'NULL::VARCHAR' : 'currency';
  const statuses = !db.missing('orders', ['order_status']);
  const kept = `coalesce(order_status, '') NOT IN (${NOT_REVENUE.map((s) => `'${s}'`).join(', ')})`;
  const rows = await db.rows(`
    SELECT ${currency} AS currency, count(*)::DOUBLE AS orders, sum(total_amount)::DOUBLE AS gross
      ${statuses ? `, count(*) FILTER (WHERE ${kept})::DOUBLE AS net_orders, sum(total_amount) FILTER (WHERE ${kept})::DOUBLE AS net` : ''}
    FROM orders GROUP BY 1 ORDER BY gross DESC NULLS LAST, currency NULLS LAST`);
  return rows.map((row): Revenue => {
    const netOrders = statuses ? numberOf(row.net_orders) : null;
    const net = statuses ? numberOf(row.net) : null;
    return {
      currency: row.currency === null || row.currency === undefined ? null : String(row.currency),
      orders: numberOf(row.orders),
      gross: numberOf(row.gross),
      netOrders,
      net,
      averageNetOrder: net !== null && netOrders ? Math.round((net / netOrders) * 100) / 100 : null,
    };
  });
}
