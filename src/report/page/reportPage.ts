/**
 * The report as one self-contained HTML page: ECharts itself, the numbers and the chart options are all inside it,
 * so it opens from a disk, a mail attachment or an air-gapped machine with no network access, and names no URL to
 * fetch. ECharts is read from the installed package when the page is made (from dist/ or an npm install alike).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { LIBRARY_WORDS, type Vocabulary } from '../../errors/vocabulary.js';
import { type OmittedChart, type ShownChart, chartSpecs } from './chartOptions.js';
import type { Concentration, ReportData, Section } from '../reportData.js';
import { escapeHtml, scriptJson, scriptText } from './htmlText.js';
import { formatCount, formatShare } from './numberFormats.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './pageAssets.js';
import { summaryTiles } from './summaryTiles.js';
import { monthChart, tableCard } from './tablePages.js';

let echartsSource: string | undefined;

/** The minified ECharts bundle (a UMD script defining `echarts`), read once. */
function echartsScript(): string {
  echartsSource ??= readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
  return echartsSource;
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
    line('orders of the top 1%', (c) => formatShare(c.topShares.top1)),
    line('of the top 10%', (c) => formatShare(c.topShares.top10)),
    line('of the top 20%', (c) => formatShare(c.topShares.top20)),
    line('with no orders', (c) => (c.includesZero ? formatShare(c.zeroShare) : 'not known')),
    line('Gini', (c) => c.gini.toFixed(3)),
    line('most orders of one', (c) => formatCount(c.maxOrders)),
    line('most of one in a day', (c) => formatCount(c.maxOrdersInOneDay)),
  ].join('')}</tbody></table>`;
}

function card(spec: ShownChart, data: ReportData, wide: boolean): string {
  const chart = `<div class="chart" id="chart-${spec.id}"></div>`;
  // The Lorenz curves' numbers sit beside them, where the eye goes from one to the other.
  const body = spec.id === 'lorenz' ? `<div class="split">${chart}${concentrationTable(data)}</div>` : chart;
  return `<article class="card${wide ? ' wide' : ''}" id="card-${spec.id}"><h2>${escapeHtml(spec.title)}</h2><p class="caption">${escapeHtml(spec.caption)}</p>${body}</article>`;
}

/**
 * The charts drawn, as cards two to a row: a half-width card that would sit alone in its row (before a wide one,
 * or last) takes the whole row, so no half of the page is left blank.
 */
function chartCards(specs: readonly ShownChart[], data: ReportData): string[] {
  let besideOne = false;
  return specs.map((spec, i) => {
    const next = specs[i + 1];
    const wide = spec.wide === true || (!besideOne && (next === undefined || next.wide === true));
    besideOne = !wide && !besideOne;
    return card(spec, data, wide);
  });
}

/** The charts left out, one short line each: an empty card per chart would leave most of the page blank. */
function leftOut(specs: readonly OmittedChart[]): string {
  if (!specs.length) return '';
  const items = specs.map((spec) => `<li class="omitted" id="card-${spec.id}"><b>${escapeHtml(spec.title)}</b> <span class="note">Left out: ${escapeHtml(spec.reason)}.</span></li>`);
  return `<section class="left-out"><h2>Not drawn</h2><ul>${items.join('')}</ul></section>`;
}

/**
 * Whether the page shows the shop's charts: when the report accounts for any of the built-in tables (ReportData.tables
 * names them beside the dataset's own); a dataset of its own tables only gets their cards, not a grid of charts all left out.
 */
export function showsShopCharts(data: ReportData): boolean {
  return Object.keys(data.tables).some((name) => !data.own.some((table) => table.name === name));
}

/** The whole page. */
export function reportPage(data: ReportData, words: Vocabulary = LIBRARY_WORDS): string {
  const builtin = showsShopCharts(data);
  const specs = builtin ? chartSpecs(data) : [];
  const own = data.own.flatMap((profile) => monthChart(profile) ?? []);
  const drawn = specs.filter((spec): spec is ShownChart => spec.state === 'shown');
  const shown = [...drawn.map((spec) => ({ id: spec.id, option: spec.option })), ...own];
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
${summaryTiles(data)}
${notes}
${leftOut(specs.filter((spec): spec is OmittedChart => spec.state === 'omitted'))}
<main class="grid">
${chartCards(drawn, data).join('\n')}
${data.own.map((profile) => tableCard(profile, escapeHtml)).join('\n')}
</main>
<footer>Charts drawn with Apache ECharts, inlined in this file. The numbers behind them: <code>${escapeHtml(words.reportData)}</code>.</footer>
<script type="application/json" id="report-data">${scriptJson({ report: data, charts: shown })}</script>
<script>${scriptText(echartsScript())}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
