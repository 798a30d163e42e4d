/**
 * The top of the report page: a tile per figure (rows per table of the dataset, with the users' countries and the products' categories, revenue, the
 * span of order dates, the users who never ordered, the lines per order), and what net and gross revenue mean. Revenue has a net and a gross tile per
 * currency: amounts in different currencies are never added up.
 */
import { NOT_REVENUE } from '../revenue.js';
import type { ReportData, Revenue } from '../reportData.js';
import { escapeHtml } from './htmlText.js';
import { formatAmount, formatCount, formatShare } from './numberFormats.js';

function tile(label: string, value: string, detail = '', kind = ''): string {
  const title = kind.includes('revenue') ? ` title="${escapeHtml(detail)}"` : '';
  return `<div class="tile${kind ? ` ${kind}` : ''}"${title}><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div>${detail ? `<div class="detail">${escapeHtml(detail)}</div>` : ''}</div>`;
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
  const defined = summary.revenue?.length ? definitions(summary.revenue) : '';
  return `<section class="tiles">${list.join('')}</section>${defined}`;
}
