/**
 * The report's charts as Apache ECharts options: plain JSON (no functions), so the page only hands each to
 * `setOption` and the numbers in the page are the numbers `--json` prints. Titles and captions are the page's
 * (reportPage.ts); these carry axes, series and legends.
 */
import type { EChartsOption } from 'echarts';
import type { Concentration, ReportCharts, ReportData, Section } from '../reportData.js';

export interface ShownChart {
  readonly state: 'shown';
  /** The chart container's id is `chart-<id>`. */
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  /** Full width of the grid (the long time series). */
  readonly wide?: boolean;
  readonly option: EChartsOption;
}

export interface OmittedChart {
  readonly state: 'omitted';
  readonly id: string;
  readonly title: string;
  readonly reason: string;
}

export type ChartSpec = ShownChart | OmittedChart;

/** Room below the plot for an axis name set in the middle under the labels (containLabel leaves it out). */
const NAMED_X_GRID = { left: 16, right: 24, top: 40, bottom: 34, containLabel: true };

/** What every chart shares: no animation (a report is read, and a screenshot must not catch a chart mid-way). */
export const BASE: EChartsOption = {
  animation: false,
  textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
  grid: { left: 16, right: 24, top: 40, bottom: 16, containLabel: true },
  tooltip: { trigger: 'axis' },
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HOURS = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'));

export const valueAxis = (name: string) => ({ type: 'value' as const, name, nameGap: 12, nameTextStyle: { align: 'left' as const } });

/** A chart of one section: left out with the section's reason, or drawn from its data. */
function chart<T>(base: { readonly id: string; readonly title: string }, section: Section<T>, draw: (data: T) => Omit<ShownChart, 'state' | 'id' | 'title'>): ChartSpec {
  return section.state === 'omitted' ? { ...base, state: 'omitted', reason: section.reason } : { ...base, state: 'shown', ...draw(section.data) };
}

function ordersPerDay(charts: ReportCharts): ChartSpec {
  return chart({ id: 'ordersPerDay', title: 'Orders per day' }, charts.ordersPerDay, (data) => {
    const { days } = data;
    return {
      wide: true,
      caption: `Every day (UTC) from ${days[0]?.date ?? ''} to ${days.at(-1)?.date ?? ''}, days without orders as 0. Drag the slider or scroll to zoom.`,
      option: {
        ...BASE,
        grid: { left: 16, right: 24, top: 40, bottom: 56, containLabel: true },
        xAxis: { type: 'time' },
        yAxis: valueAxis('orders'),
        dataZoom: [{ type: 'inside' }, { type: 'slider', height: 22, bottom: 8 }],
        series: [{ name: 'orders', type: 'line', showSymbol: false, sampling: 'lttb', lineStyle: { width: 1 }, areaStyle: { opacity: 0.15 }, data: days.map((d) => [d.date, d.orders]) }],
      },
    };
  });
}

function hourOfDay(charts: ReportCharts): ChartSpec {
  return chart({ id: 'hourOfDay', title: 'Orders by hour of day' }, charts.hourOfDay, (data) => {
    const { utc, local } = data;
    const series: EChartsOption['series'] = [{ name: 'UTC', type: 'line', smooth: true, data: [...utc] }];
    if (local) series.push({ name: "customer's local time", type: 'line', smooth: true, data: [...local] });
    return {
      caption: local ? "Hour of the order time in UTC and in the customer's local time (their country's main time zone)." : 'Hour of the order time in UTC (no users table: no local time).',
      option: { ...BASE, grid: NAMED_X_GRID, legend: { top: 0, right: 0 }, xAxis: { type: 'category', data: HOURS, name: 'hour', nameLocation: 'middle', nameGap: 28 }, yAxis: valueAxis('orders'), series },
    };
  });
}

function weekday(charts: ReportCharts): ChartSpec {
  return chart({ id: 'weekday', title: 'Orders by weekday' }, charts.weekday, (data) => {
    const { clock, days, orders } = data;
    return {
      caption: clock === 'local' ? "Weekday of the order in the customer's local time, Monday first." : 'Weekday of the order in UTC (no users table: no local time), Monday first.',
      option: {
        ...BASE,
        xAxis: { type: 'category', data: days.map((day) => day.slice(0, 3)) },
        yAxis: valueAxis('orders'),
        series: [{ name: 'orders', type: 'bar', barWidth: '55%', data: [...orders] }],
      },
    };
  });
}

function ordersByMonth(charts: ReportCharts): ChartSpec {
  return chart({ id: 'ordersByMonth', title: 'Orders by month, one line per year' }, charts.ordersByMonth, (data) => {
    return {
      caption: 'Orders in each calendar month (UTC); the first and last years may be partial.',
      option: {
        ...BASE,
        legend: { top: 0, right: 0, type: 'scroll' },
        grid: { left: 16, right: 24, top: 48, bottom: 16, containLabel: true },
        xAxis: { type: 'category', data: MONTHS },
        yAxis: valueAxis('orders'),
        series: data.years.map((year) => ({ name: String(year.year), type: 'line', data: [...year.orders] })),
      },
    };
  });
}

/** A curve in percent, for axes read as "x% of users place y% of orders". */
const percentCurve = (data: Concentration) => data.lorenz.map(([x, y]) => [Math.round(x * 10000) / 100, Math.round(y * 10000) / 100]);

function lorenz(charts: ReportCharts): ChartSpec {
  const base = { id: 'lorenz', title: 'Concentration of orders (Lorenz curves)' };
  const curves: [string, Section<Concentration>][] = [
    ['users', charts.ordersPerUser],
    ['products', charts.ordersPerProduct],
  ];
  const shown = curves.flatMap(([name, section]) => (section.state === 'shown' ? [{ name, data: section.data }] : []));
  if (shown.length === 0) return { ...base, state: 'omitted', reason: charts.ordersPerUser.state === 'omitted' ? charts.ordersPerUser.reason : 'no orders' };
  return {
    ...base,
    state: 'shown',
    caption: `Members sorted from fewest orders to most (${shown.every(({ data }) => data.includesZero) ? 'those with none included' : 'without a parent table, only those with orders'}); the diagonal is every member ordering equally.`,
    option: {
      ...BASE,
      tooltip: { trigger: 'item' },
      grid: NAMED_X_GRID,
      legend: { top: 0, right: 0 },
      xAxis: { type: 'value', min: 0, max: 100, name: '% of users / products', nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: '{value}%' } },
      yAxis: { ...valueAxis('% of orders'), min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        ...shown.map(({ name, data }) => ({ name, type: 'line' as const, showSymbol: false, data: percentCurve(data) })),
        { name: 'equality', type: 'line', showSymbol: false, lineStyle: { type: 'dashed', color: '#999', width: 1 }, itemStyle: { color: '#999' }, data: [[0, 0], [100, 100]] },
      ],
    },
  };
}

function customersByCountry(charts: ReportCharts): ChartSpec {
  return chart({ id: 'customersByCountry', title: 'Customers by country' }, charts.customersByCountry, (data) => {
    return {
      caption: 'Users by their country, most first.',
      option: {
        ...BASE,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 16, right: 64, top: 24, bottom: 16, containLabel: true },
        xAxis: valueAxis('users'),
        yAxis: { type: 'category', inverse: true, data: data.map((c) => c.country) },
        series: [{ name: 'users', type: 'bar', barWidth: '60%', label: { show: true, position: 'right', color: '#616e7c' }, data: data.map((c) => c.users) }],
      },
    };
  });
}

function pricesByCategory(charts: ReportCharts): ChartSpec {
  return chart({ id: 'pricesByCategory', title: 'Prices by category' }, charts.pricesByCategory, (data) => {
    const { categories } = data;
    return {
      caption: 'products.price as the files hold it (the built-in shop’s list price, in USD; orders are in each country’s currency). Box: 25th percentile, median, 75th percentile; whiskers at the 5th and 95th percentiles; dots at the cheapest and dearest product. Log scale.',
      option: {
        ...BASE,
        tooltip: { trigger: 'item' },
        legend: { top: 0, right: 0 },
        xAxis: { type: 'category', data: categories.map((c) => c.category), axisLabel: { interval: 0, rotate: categories.length > 5 ? 30 : 0 } },
        yAxis: { type: 'log', name: 'products.price', nameGap: 12, nameTextStyle: { align: 'left' } },
        series: [
          { name: 'p5 / p25 / median / p75 / p95', type: 'boxplot', data: categories.map((c) => [c.p5, c.p25, c.median, c.p75, c.p95]) },
          { name: 'min / max', type: 'scatter', symbolSize: 6, data: categories.flatMap((c, i) => [[i, c.min], [i, c.max]]) },
        ],
      },
    };
  });
}

/** Every chart of the page, in the page's order. */
export function chartSpecs(data: ReportData): ChartSpec[] {
  const { charts } = data;
  return [ordersPerDay, hourOfDay, weekday, ordersByMonth, lorenz, customersByCountry, pricesByCategory].map((spec) => spec(charts));
}
