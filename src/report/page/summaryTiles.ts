/**
 * The top of the report page: a tile per figure (rows per table of the dataset, with the users' countries and the products' categories, revenue, the
 * span of order dates, the users who never ordered, the lines per order, late deliveries, reorders), and what net and gross revenue mean. Revenue has a net and a gross tile per
 * currency: amounts in different currencies are never added up.
 */
import { NOT_REVENUE } from '../revenue.js';
import type { Deliveries, ReportData, Reorders, Revenue } from '../reportData.js';
import { escapeHtml } from './htmlText.js';
import { formatAmount, formatCount, formatShare } from './numberFormats.js';

/** A tile: its label, its figure, and a line (or several) of detail under it. */
function tile(label: string, value: string, detail: string | readonly string[] = '', kind = ''): string {
  const lines = (typeof detail === 'string' ? [detail] : detail).filter((line) => line !== '');
  const title = kind.includes('revenue') ? ` title="${escapeHtml(lines.join(' '))}"` : '';
  const details = lines.map((line) => `<div class="detail">${escapeHtml(line)}</div>`).join('');
  return `<div class="tile${kind ? ` ${kind}` : ''}"${title}><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div>${details}</div>`;
}

const orders = (n: number) => `${formatCount(n)} order${n === 1 ? '' : 's'}`;

function revenueTiles(revenue: Revenue): string[] {
  const { currency } = revenue;
  const label = (kind: string) => (currency === null ? `${kind} revenue` : `${kind} revenue, ${currency}`);
  const unknown = currency === null ? '; currency not recorded' : '';
  const tiles: string[] = [];
  if (revenue.net !== null && revenue.netOrders !== null) {
    const average = revenue.averageNetOrder === null ? '' : `, ${formatAmount(revenue.averageNetOrder, currency)} on average`;
    tiles.push(tile(label('net'), formatAmount(revenue.net, currency, true), `${formatAmount(revenue.net, currency)} from ${orders(revenue.netOrders)}${average}${unknown}`, 'revenue net'));
  }
  tiles.push(tile(label('gross'), formatAmount(revenue.gross, currency, true), `${formatAmount(revenue.gross, currency)} from all ${orders(revenue.orders)}${unknown}`, 'revenue gross'));
  return tiles;
}

/** Late deliveries: the share late, early and on the day, and the share late per shipping method, most often late first. */
function deliveryTile(deliveries: Deliveries): string {
  const { delivered, late, early, onTime, clock, byMethod } = deliveries;
  const day = clock === 'local' ? "the destination's date" : 'the UTC date';
  const methods = (byMethod ?? []).map((m) => `${m.method ?? '(none)'} ${formatShare(m.late)}`).join(' · ');
  return tile(
    'late deliveries',
    formatShare(late),
    [`of ${formatCount(delivered)} delivered, by ${day}; ${formatShare(early)} early, ${formatShare(onTime)} on the day`, methods ? `late by method: ${methods}` : ''],
    'deliveries',
  );
}

/** Reorders: the share of lines whose product the customer had bought before, with the counts behind it. */
function reorderTile(reorders: Reorders): string {
  const { lines, reordered, share } = reorders;
  return tile('reorders', formatShare(share), `${formatCount(reordered)} of ${formatCount(lines)} lines: a product the customer had bought in an earlier order`, 'reorders');
}

/** What the revenue tiles mean, in the words the README uses. */
function definitions(revenue: readonly Revenue[]): string {
  const left = NOT_REVENUE.join(' or ');
  const hasNet = revenue.some((r) => r.net !== null);
  const net = hasNet
    ? `<b>Net revenue</b>: the sum of total_amount over orders whose order_status is not ${left} (a cancelled order's payment is voided, a returned order's refunded); pending, processing, shipped and delivered orders count. `
    : 'The orders have no order_status column, so only gross revenue is shown. ';
  return `<p class="definitions">${net}<b>Gross revenue</b>: the same sum over every order, whatever its status. total_amount includes tax and shipping and has coupon discounts taken off (synthgen's orders: subtotal + shipping_cost − discount_amount, plus tax_amount where tax is added at checkout, in the US and Canada; elsewhere the subtotal includes VAT or GST). Amounts are summed per currency (the orders' currency column), never converted or added across currencies.</p>`;
}

/** The tiles, and the definitions of revenue when there is any. */
export function summaryTiles(data: ReportData): string {
  const { tables, summary, charts } = data;
  // What users and products span sits under their row counts: one row of tiles on a laptop's screen.
  const spans: Readonly<Record<string, string>> = {
    users: summary.countries === null ? '' : `, ${formatCount(summary.countries)} countries`,
    products: summary.categories === null ? '' : `, ${formatCount(summary.categories)} categories`,
  };
  const list = Object.entries(tables).map(([table, found]) =>
    found ? tile(table, formatCount(found.rows), `${formatCount(found.files)} file${found.files === 1 ? '' : 's'}${spans[table] ?? ''}`) : tile(table, '—', 'not in the dataset'),
  );
  for (const revenue of summary.revenue ?? []) list.push(...revenueTiles(revenue));
  if (summary.firstOrder && summary.lastOrder) list.push(tile('orders from', summary.firstOrder.slice(0, 10), `to ${summary.lastOrder.slice(0, 10)} (UTC)`, 'date'));
  if (charts.ordersPerUser.state === 'shown' && charts.ordersPerUser.data.includesZero) list.push(tile('never ordered', formatShare(charts.ordersPerUser.data.zeroShare), 'of users'));
  if (summary.baskets) list.push(tile('lines per order', summary.baskets.linesPerOrder.toFixed(2), `${formatShare(summary.baskets.singleItem)} of orders one item`));
  // The wide tile before the narrow one: on a wide screen the narrow one then keeps it company on the last row.
  if (summary.deliveries) list.push(deliveryTile(summary.deliveries));
  if (summary.reorders) list.push(reorderTile(summary.reorders));
  const defined = summary.revenue?.length ? definitions(summary.revenue) : '';
  return `<section class="tiles">${list.join('')}</section>${defined}`;
}
