/** The report page's style sheet and the script that draws its charts (reportPage.ts puts them inline). */

export const PAGE_STYLE = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --panel: #ffffff; --back: #f5f7fa; --accent: #5470c6; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 32px; background: var(--back); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header h1 { margin: 0 0 4px; font-size: 26px; letter-spacing: -0.01em; }
.meta { margin: 0 0 20px; color: var(--muted); display: flex; gap: 24px; flex-wrap: wrap; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; background: #eef1f5; padding: 1px 5px; border-radius: 4px; }
.tiles { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 12px; }
.tile { flex: 1 1 150px; min-width: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.tile.revenue { flex-basis: 200px; }
.tile.reorders { flex-basis: 220px; }
.tile.deliveries { flex-basis: 340px; }
.tile .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.tile .value { font-size: 22px; font-weight: 600; margin-top: 2px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.tile.date .value { font-size: 18px; line-height: 29px; }
.tile .detail { color: var(--muted); font-size: 12px; }
.definitions { margin: 0 0 20px; color: var(--muted); font-size: 12.5px; max-width: 120ch; }
.definitions b { color: var(--ink); font-weight: 600; }
.notes { background: #fff8e6; border: 1px solid #f5d98b; border-radius: 8px; padding: 4px 14px; margin-bottom: 20px; }
.notes p { margin: 8px 0; }
.grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px 10px; min-width: 0; }
.card.wide { grid-column: 1 / -1; }
.card h2 { margin: 0; font-size: 16px; }
.caption, .note { margin: 2px 0 6px; color: var(--muted); font-size: 12.5px; }
.left-out { background: #fafbfc; border: 1px dashed var(--line); border-radius: 8px; padding: 8px 14px; margin-bottom: 20px; }
.left-out h2 { margin: 0 0 4px; font-size: 13px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
.left-out ul { margin: 0; padding-left: 18px; columns: 2 360px; column-gap: 32px; font-size: 12.5px; }
.left-out .note { color: var(--muted); }
.chart { width: 100%; height: 340px; }
.split { display: grid; grid-template-columns: minmax(0, 1fr) max-content; gap: 16px; align-items: center; }
.wide .chart { height: 360px; }
table.numbers { border-collapse: collapse; margin: 6px 0 4px; font-size: 13px; }
table.numbers th, table.numbers td { padding: 3px 12px 3px 0; text-align: right; border-bottom: 1px solid var(--line); }
table.numbers th:first-child { text-align: left; font-weight: normal; color: var(--muted); }
table.numbers thead th { font-weight: 600; color: var(--ink); }
table.profile { width: 100%; }
table.profile .meaning { font-size: 11.5px; max-width: 32ch; white-space: normal; }
footer { margin-top: 20px; color: var(--muted); font-size: 12px; }
@media (max-width: 900px) { .grid { grid-template-columns: minmax(0, 1fr); } .split { display: block; } body { padding: 16px; } }
`;

/**
 * Draws every chart the page's data lists into its container and redraws on resize. Sets
 * `document.body.dataset.charts` to the number drawn, so a test (or a reader's script) knows they are done. The
 * options are plain JSON; the one thing they cannot carry, a function, is added here: the labels on bars write
 * their numbers with thousands separators (ECharts' axes and tooltips already do).
 */
export const PAGE_SCRIPT = `
(function () {
  var page = JSON.parse(document.getElementById('report-data').textContent);
  var numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  function label(params) { return typeof params.value === 'number' ? numbers.format(params.value) : String(params.value); }
  var drawn = [];
  page.charts.forEach(function (chart) {
    var instance = echarts.init(document.getElementById('chart-' + chart.id), null, { renderer: 'canvas' });
    (chart.option.series || []).forEach(function (series) {
      if (series.label && series.label.show && !series.label.formatter) series.label.formatter = label;
    });
    instance.setOption(chart.option);
    drawn.push(instance);
  });
  window.addEventListener('resize', function () { drawn.forEach(function (instance) { instance.resize(); }); });
  document.body.dataset.charts = String(drawn.length);
})();
`;
