/**
 * The report page's sections for the dataset's own tables (tableProfiles.ts): a card per table with its rows by
 * month and a profile of its columns, as an analyst would first look at a table they were handed.
 */
import type { EChartsOption } from 'echarts';
import { BASE, valueAxis } from './chartOptions.js';
import type { ColumnProfile, TableProfile } from '../reportData.js';
import { formatCount, formatFigure, formatShare } from './numberFormats.js';

/** A chart the page draws: its container's id is `chart-<id>`. */
export interface OwnChart {
  readonly id: string;
  readonly option: EChartsOption;
}

/** Types whose values are numbers: their figures get thousands separators (a VARCHAR of digits, such as a postal code, does not). */
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

/** The chart of a table's rows by month, or undefined when the table has no date or time column. */
export function monthChart(profile: TableProfile): OwnChart | undefined {
  const byMonth = profile.byMonth;
  if (!byMonth) return undefined;
  return {
    id: `own-${profile.name}`,
    option: {
      ...BASE,
      xAxis: { type: 'category', data: byMonth.months.map((m) => m.month) },
      yAxis: valueAxis('rows'),
      series: [{ name: 'rows', type: 'bar', data: byMonth.months.map((m) => m.rows) }],
    },
  };
}

/**
 * A value as a reader scans it: six significant digits and thousands separators for a number, whole seconds, at
 * most 40 characters (the JSON has it all).
 */
function shortened(value: string | null, numeric = false): string {
  if (value === null) return '';
  const readable = /^-?\d+\.\d{7,}$/.test(value) ? String(Number(Number(value).toPrecision(6))) : value.replace(/(\d{2}:\d{2}:\d{2})\.\d+/, '$1');
  const written = numeric ? formatFigure(readable) : readable;
  return written.length > 40 ? `${written.slice(0, 39)}…` : written;
}

/** What a column holds, in one cell: its most common values, or its quartiles. */
function shape(column: ColumnProfile): string {
  const numeric = NUMERIC.test(column.type);
  if (column.top.length) return column.top.map((t) => `${shortened(t.value, numeric)} ${formatShare(t.share)}`).join(', ');
  const mean = column.mean === null ? '' : `; mean ${formatFigure(String(Number(column.mean.toPrecision(6))))}`;
  if (column.quartiles) return `quartiles ${column.quartiles.map((q) => shortened(q, numeric)).join(' / ')}${mean}`;
  return '';
}

/** A table's card: its size, its rows by month, and its columns' profile; `escape` makes text safe in HTML. */
export function tableCard(profile: TableProfile, escape: (text: string) => string): string {
  const chart = monthChart(profile);
  const rows = profile.columns.map(
    (c) =>
      `<tr><th>${escape(c.name)}${c.description === null ? '' : `<div class="meaning">${escape(c.description)}</div>`}</th><td>${escape(c.type)}</td><td>${formatShare(c.nullShare)}</td><td>≈${formatCount(c.approxDistinct)}</td><td>${escape(shortened(c.min, NUMERIC.test(c.type)))}</td><td>${escape(shortened(c.max, NUMERIC.test(c.type)))}</td><td>${escape(shape(c))}</td></tr>`,
  );
  const caption = `${profile.description === null ? '' : `${profile.description} `}${formatCount(profile.rows)} rows in ${profile.files} file${profile.files === 1 ? '' : 's'}.${profile.byMonth ? ` Rows by month (UTC) of ${profile.byMonth.column}.` : ''}`;
  return `<article class="card wide" id="card-own-${escape(profile.name)}"><h2>${escape(profile.name)}</h2><p class="caption">${escape(caption)}</p>${
    chart ? `<div class="chart" id="chart-${escape(chart.id)}"></div>` : ''
  }<table class="numbers profile"><thead><tr><th>column</th><th>type</th><th>null</th><th>distinct</th><th>min</th><th>max</th><th>values</th></tr></thead><tbody>${rows.join('')}</tbody></table></article>`;
}
