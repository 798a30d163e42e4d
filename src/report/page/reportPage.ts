/**
 * The report as one self-contained HTML page: ECharts itself, the numbers and the chart options are all inside it,
 * so it opens from a disk, a mail attachment or an air-gapped machine with no network access, and names no URL to
 * fetch. ECharts is read from the installed package when the page is made (from dist/ or an npm install alike).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type ChartSpec, chartSpecs } from './chartOptions.js';
import type { Concentration, ReportData, Section } from '../reportData.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './pageAssets.js';
import { monthChart, tableCard } from './tablePages.js';

let echartsSource: string | undefined;

/** The minified ECharts bundle (a UMD script defining `echarts`), read once. */
function echartsScript(): string {
  echartsSource ??= readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
  return echartsSource;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text (a dataset path the user chose, a category name) safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * JSON safe inside a <script> element: with every `<` escaped, no `</script>` or `<!--` in the data (a category or
 * path may hold one) can end the element early. U+2028/2029 are escaped too, for older parsers.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A script's text safe inside a <script> element: `</script` only appears in ECharts' strings, where `<\/` is the same. */
const scriptText = (source: string) => source.replace(/<\/(script)/gi, '<\\/$1');

const count = new Intl.NumberFormat('en-US');
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Revenue in a tile: 13.22M, the exact sum is in the JSON. */
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function tile(label: string, value: string, detail = '', kind = ''): string {
  return `<div class="tile${kind ? ` ${kind}` : ''}"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div>${detail ? `<div class="detail">${escapeHtml(detail)}</div>` : ''}</div>`;
}

function tiles(data: ReportData): string {
  const { tables, summary, charts } = data;
  const rows = (table: keyof ReportData['tables']) => {
    const found = tables[table];
    return found ? tile(table, count.format(found.rows), `${found.files} file${found.files === 1 ? '' : 's'}`) : tile(table, '—', 'not in the dataset');
  };
  const list = [rows('users'), rows('products'), rows('orders')];
  if (summary.revenue !== null) list.push(tile('revenue', compact.format(summary.revenue), `average order ${money.format(summary.averageOrderValue ?? 0)}`));
  if (summary.firstOrder && summary.lastOrder) list.push(tile('orders from', summary.firstOrder.slice(0, 10), `to ${summary.lastOrder.slice(0, 10)} (UTC)`, 'date'));
  if (charts.ordersPerUser.state === 'shown' && charts.ordersPerUser.data.includesZero) {
    list.push(tile('never ordered', percent(charts.ordersPerUser.data.zeroShare), 'of users'));
  }
  if (summary.countries !== null) list.push(tile('countries', count.format(summary.countries)));
  if (summary.categories !== null) list.push(tile('categories', count.format(summary.categories)));
  return `<section class="tiles">${list.join('')}</section>`;
}

/** The numbers beside the Lorenz curves: what an analyst reads off them. */
function concentrationTable(data: ReportData): string {
  const columns: [string, Section<Concentration>][] = [
    ['users', data.charts.ordersPerUser],
    ['products', data.charts.ordersPerProduct],
  ];
  const shown = columns.flatMap(([name, section]) => (section.state === 'shown' ? [[name, section.data] as const] : []));
  if (!shown.length) return '';
  const line = (label: string, value: (c: Concentration) => string) =>
    `<tr><th>${escapeHtml(label)}</th>${shown.map(([, c]) => `<td>${escapeHtml(value(c))}</td>`).join('')}</tr>`;
  return `<table class="numbers"><thead><tr><th></th>${shown.map(([name]) => `<th>${name}</th>`).join('')}</tr></thead><tbody>${[
    line('orders of the top 1%', (c) => percent(c.topShares.top1)),
    line('of the top 10%', (c) => percent(c.topShares.top10)),
    line('of the top 20%', (c) => percent(c.topShares.top20)),
    line('with no orders', (c) => (c.includesZero ? percent(c.zeroShare) : 'not known')),
    line('Gini', (c) => c.gini.toFixed(3)),
    line('most orders of one', (c) => count.format(c.maxOrders)),
    line('most of one in a day', (c) => count.format(c.maxOrdersInOneDay)),
  ].join('')}</tbody></table>`;
}

function card(spec: ChartSpec, data: ReportData): string {
  const title = `<h2>${escapeHtml(spec.title)}</h2>`;
  if (spec.state === 'omitted') return `<article class="card omitted" id="card-${spec.id}">${title}<p class="note">Left out: ${escapeHtml(spec.reason)}.</p></article>`;
  const chart = `<div class="chart" id="chart-${spec.id}"></div>`;
  // The Lorenz curves' numbers sit beside them, where the eye goes from one to the other.
  const body = spec.id === 'lorenz' ? `<div class="split">${chart}${concentrationTable(data)}</div>` : chart;
  return `<article class="card${spec.wide ? ' wide' : ''}" id="card-${spec.id}">${title}<p class="caption">${escapeHtml(spec.caption)}</p>${body}</article>`;
}

/** The whole page. */
export function reportPage(data: ReportData): string {
  // A dataset of its own tables only gets their pages, not a grid of the shop's charts all left out.
  const builtin = Object.values(data.tables).some((t) => t !== null) || data.own.length === 0;
  const specs = builtin ? chartSpecs(data) : [];
  const own = data.own.flatMap((profile) => monthChart(profile) ?? []);
  const shown = [...specs.flatMap((spec) => (spec.state === 'shown' ? [{ id: spec.id, option: spec.option }] : [])), ...own];
  const notes = data.notes.length ? `<section class="notes">${data.notes.map((note) => `<p>${escapeHtml(note)}</p>`).join('')}</section>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>synthgen report: ${escapeHtml(data.dataset)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>synthgen report</h1>
<p class="meta"><span>dataset <code>${escapeHtml(data.dataset)}</code></span><span>generated ${escapeHtml(data.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}</span></p>
</header>
${builtin ? tiles(data) : ''}
${notes}
<main class="grid">
${specs.map((spec) => card(spec, data)).join('\n')}
${data.own.map((profile) => tableCard(profile, escapeHtml)).join('\n')}
</main>
<footer>Charts drawn with Apache ECharts, inlined in this file. The numbers behind them: <code>synthgen report --json</code>.</footer>
<script type="application/json" id="report-data">${scriptJson({ report: data, charts: shown })}</script>
<script>${scriptText(echartsScript())}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
