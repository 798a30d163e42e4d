/**
 * Opens a page in the system's headless Chromium (playwright-core drives it; no browser is downloaded), with a
 * fresh profile and no background traffic of its own, and records what a test asserts on: console errors, page
 * errors, and every request the page made.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface OpenedPage {
  readonly page: Page;
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  /** Every URL the page asked for, the page itself included. */
  readonly requests: string[];
}

/** Opens `path` at `width` x `height` CSS pixels, runs `use`, then closes the browser and removes its profile. */
export async function withPage<T>(path: string, use: (opened: OpenedPage) => Promise<T>, viewport = { width: 1400, height: 900 }): Promise<T> {
  const profile = await mkdtemp(join(tmpdir(), 'synthgen-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport });
    const page = context.pages()[0] ?? (await context.newPage());
    const opened: OpenedPage = { page, consoleErrors: [], pageErrors: [], requests: [] };
    page.on('console', (message) => {
      if (message.type() === 'error') opened.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => opened.pageErrors.push(error.message));
    // Every request is seen here and only the page itself is let through: anything else would need the network.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      opened.requests.push(url);
      if (url === pathToFileURL(path).href) await route.continue();
      else await route.abort();
    });
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
    return await use(opened);
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  }
}
