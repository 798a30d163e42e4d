/**
 * docs/performance.md's chart: rows/s against workers, measured and ideal (one worker's rate times the workers), as a
 * self-contained SVG rendered from a results file. Plain SVG text, so it diffs and needs no plotting library.
 */
import { writeFile } from 'node:fs/promises';

export interface ScalingPoint {
  readonly workers: number;
  readonly rows_per_s: number;
}

const WIDTH = 640;
const HEIGHT = 360;
const LEFT = 78;
const RIGHT = 24;
const TOP = 48;
const BOTTOM = 56;

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A round step giving about five ticks up to `max`. */
function tickStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough);
  return step ?? rough;
}

function compact(value: number): string {
  if (value >= 1e6) return `${Number((value / 1e6).toFixed(2))}M`;
  if (value >= 1e3) return `${Number((value / 1e3).toFixed(0))}k`;
  return String(value);
}

export function scalingChart(points: readonly ScalingPoint[], caption: string): string {
  if (points.length === 0) throw new Error('no scaling measurements to chart');
  const sorted = [...points].sort((a, b) => a.workers - b.workers);
  const one = sorted.find((p) => p.workers === 1)?.rows_per_s ?? (sorted[0]?.rows_per_s ?? 0) / (sorted[0]?.workers ?? 1);
  const ideal = sorted.map((p) => ({ workers: p.workers, rows_per_s: one * p.workers }));
  const top = Math.max(...sorted.map((p) => p.rows_per_s), ...ideal.map((p) => p.rows_per_s));
  const step = tickStep(top);
  const yMax = Math.ceil(top / step) * step;
  // Worker counts double (1, 2, 4, ... cores): equal spacing per count reads better than a linear axis.
  // Inset from the axes, so that the end points and their labels stand clear of them.
  const inset = 40;
  const x = (index: number) => LEFT + inset + (sorted.length === 1 ? 0.5 : index / (sorted.length - 1)) * (WIDTH - LEFT - RIGHT - 2 * inset);
  const y = (value: number) => TOP + (1 - value / yMax) * (HEIGHT - TOP - BOTTOM);
  const line = (series: readonly ScalingPoint[]) => series.map((p, i) => `${x(i).toFixed(1)},${y(p.rows_per_s).toFixed(1)}`).join(' ');

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">synthgen: rows/s against workers (orders, end to end)</text>`,
    `<text x="${WIDTH / 2}" y="36" text-anchor="middle" fill="#555555">${escape(caption)}</text>`,
  ];
  for (let value = 0; value <= yMax + step / 2; value += step) {
    parts.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${LEFT - 8}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end">${compact(value)}</text>`);
  }
  sorted.forEach((p, i) => {
    parts.push(`<text x="${x(i).toFixed(1)}" y="${HEIGHT - BOTTOM + 18}" text-anchor="middle">${p.workers}</text>`);
  });
  parts.push(
    `<text x="${(LEFT + WIDTH - RIGHT) / 2}" y="${HEIGHT - 14}" text-anchor="middle">workers</text>`,
    `<text x="16" y="${(TOP + HEIGHT - BOTTOM) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(TOP + HEIGHT - BOTTOM) / 2})">rows/s</text>`,
    `<line x1="${LEFT}" x2="${LEFT}" y1="${TOP}" y2="${HEIGHT - BOTTOM}" stroke="#333333"/>`,
    `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${HEIGHT - BOTTOM}" y2="${HEIGHT - BOTTOM}" stroke="#333333"/>`,
    `<polyline points="${line(ideal)}" fill="none" stroke="#999999" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<polyline points="${line(sorted)}" fill="none" stroke="#1f6feb" stroke-width="2.5"/>`,
  );
  sorted.forEach((p, i) => {
    parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(p.rows_per_s).toFixed(1)}" r="4" fill="#1f6feb"><title>${p.workers} worker${p.workers === 1 ? '' : 's'}: ${Math.round(p.rows_per_s).toLocaleString('en-US')} rows/s</title></circle>`);
    // Below the point: the ideal line runs above the measured one.
    parts.push(`<text x="${x(i).toFixed(1)}" y="${(y(p.rows_per_s) + 18).toFixed(1)}" text-anchor="middle" fill="#1f6feb">${compact(p.rows_per_s)}</text>`);
  });
  const legendX = LEFT + 16;
  parts.push(
    `<line x1="${legendX}" x2="${legendX + 24}" y1="${TOP + 10}" y2="${TOP + 10}" stroke="#1f6feb" stroke-width="2.5"/>`,
    `<text x="${legendX + 30}" y="${TOP + 14}">measured (median)</text>`,
    `<line x1="${legendX}" x2="${legendX + 24}" y1="${TOP + 28}" y2="${TOP + 28}" stroke="#999999" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<text x="${legendX + 30}" y="${TOP + 32}">ideal (1 worker x N)</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}

export async function writeScalingChart(path: string, points: readonly ScalingPoint[], caption: string): Promise<void> {
  await writeFile(path, scalingChart(points, caption));
}
