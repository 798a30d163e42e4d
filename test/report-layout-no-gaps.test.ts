/**
 * The report page leaves no part of itself blank, measured in Chromium at a laptop's and a wide screen's width, for
 * the whole shop and for a dataset of users only (most charts left out): every row of tiles spans the page, every
 * chart card either spans the grid or shares its row, no card is much taller than what it holds, and the charts left
 * out are short lines, not empty cards.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AS_OF, generate } from './helpers/cli.js';
import { withPage } from './helpers/chromium.js';
import { reportJson } from './helpers/reportRun.js';

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

interface Layout {
  readonly tiles: Box;
  /** The class of each tile beside "tile" (revenue net, deliveries...), in page order. */
  readonly tileKinds: readonly string[];
  readonly tileBoxes: readonly Box[];
  readonly grid: Box;
  /** Each card with the bottom of what it holds. */
  readonly cards: readonly { readonly id: string; readonly box: Box; readonly contentBottom: number }[];
  readonly omittedInGrid: number;
  readonly leftOut: Box | null;
  readonly leftOutItems: number;
}

/** Where the page put its parts, in CSS pixels. */
async function layoutOf(path: string, width: number): Promise<Layout> {
  return withPage(
    path,
    async ({ page, consoleErrors, pageErrors }) => {
      await page.waitForFunction(() => document.body.dataset.charts !== undefined, undefined, { timeout: 20_000 });
      expect([consoleErrors, pageErrors]).toEqual([[], []]);
      return page.evaluate(() => {
        const box = (element: Element): Box => {
          const r = element.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top + window.scrollY, bottom: r.bottom + window.scrollY };
        };
        const only = (selector: string) => {
          const element = document.querySelector(selector);
          if (!element) throw new Error(`no ${selector}`);
          return element;
        };
        const leftOut = document.querySelector('.left-out');
        return {
          tiles: box(only('.tiles')),
          tileBoxes: [...document.querySelectorAll('.tiles > .tile')].map(box),
          tileKinds: [...document.querySelectorAll('.tiles > .tile')].map((tile) => [...tile.classList].filter((c) => c !== 'tile').join(' ')),
          grid: box(only('main.grid')),
          cards: [...document.querySelectorAll('main.grid > .card')].map((card) => ({
            id: card.id,
            box: box(card),
            contentBottom: Math.max(...[...card.children].map((child) => box(child).bottom)),
          })),
          omittedInGrid: document.querySelectorAll('main.grid .omitted').length,
          leftOut: leftOut ? box(leftOut) : null,
          leftOutItems: document.querySelectorAll('.left-out li').length,
        };
      });
    },
    { width, height: 900 },
  );
}

function expectNoGaps(layout: Layout, label: string): void {
  // Tiles: every row ends at the right edge of the row of tiles.
  const rows = new Map<number, Box[]>();
  for (const tile of layout.tileBoxes) rows.set(Math.round(tile.top), [...(rows.get(Math.round(tile.top)) ?? []), tile]);
  for (const [top, tiles] of rows) expect(Math.max(...tiles.map((t) => t.right)), `${label}: tiles at ${top}`).toBeGreaterThan(layout.tiles.right - 2);
  // Cards: full width, or beside another card in the same row.
  for (const card of layout.cards) {
    const full = card.box.right - card.box.left > (layout.grid.right - layout.grid.left) * 0.9;
    const beside = layout.cards.some((other) => other.id !== card.id && Math.abs(other.box.top - card.box.top) < 2);
    expect(full || beside, `${label}: ${card.id} sits alone in half a row`).toBe(true);
    // A card ends soon after what it holds (its padding, and a caption a line shorter than its neighbour's).
    expect(card.box.bottom - card.contentBottom, `${label}: blank space at the bottom of ${card.id}`).toBeLessThan(48);
  }
  expect(layout.omittedInGrid, `${label}: a chart left out takes a card`).toBe(0);
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-report-layout-'));
  await generate(['--table-names', 'users,products,orders', '--num-rows', 'users=500,products=50,orders=1500', '--seed', '17', '--as-of', AS_OF, '--out', 'data', '--metadata', 'metadata.json'], dir);
  await cp(join(dir, 'data', 'users'), join(dir, 'users-only', 'users'), { recursive: true });
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the whole shop, its orders in five currencies: ten revenue tiles, and no blank space at 1400 and 1920 pixels wide', async () => {
  const report = await reportJson(['--out', 'data', '--file', 'shop.html'], dir);
  for (const width of [1400, 1920]) {
    const layout = await layoutOf(report.file.path, width);
    expect(layout.cards).toHaveLength(7);
    expect(layout.leftOut).toBeNull();
    // The tiles of the shop's facts are there: net and gross revenue for each of the five currencies, reorders and
    // late deliveries among them.
    expect(report.summary.revenue?.map((r) => r.currency).sort()).toEqual(['AUD', 'CAD', 'EUR', 'GBP', 'USD']);
    const revenue = Array.from({ length: 5 }, () => ['revenue net', 'revenue gross']).flat();
    expect(layout.tileKinds.filter((kind) => kind !== '')).toEqual([...revenue, 'date', 'deliveries', 'reorders']);
    expectNoGaps(layout, `shop at ${width}`);
  }
});

test('users only: the six charts left out are short lines, and the one drawn takes the row', async () => {
  const report = await reportJson(['--out', 'users-only', '--file', 'users.html'], dir);
  for (const width of [1400, 1920]) {
    const layout = await layoutOf(report.file.path, width);
    expect(layout.cards.map((c) => c.id)).toEqual(['card-customersByCountry']);
    expect(layout.leftOutItems).toBe(6);
    // Six lines of text, not six cards: well under the height of one chart card.
    expect((layout.leftOut?.bottom ?? 0) - (layout.leftOut?.top ?? 0)).toBeLessThan(200);
    expectNoGaps(layout, `users only at ${width}`);
  }
});
