/**
 * Redraws docs/report.png, docs/report.md's picture of `synthgen report`: the report of a dataset made by the command
 * below, as the system's headless Chromium shows it 1,400 pixels wide, the whole page. `npm run docs:report`
 * (needs /usr/bin/chromium; docs/report.md says so beside the picture).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/src/cli/main.js');
/** The dataset the picture shows: docs/report.md's caption says the same. */
const REPORT_DATASET = ['--table-names', 'users,products,orders', '--num-rows', 'users=200000,products=20000,orders=1000000', '--seed', '2026', '--as-of', '2026-12-01'];
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const run = promisify(execFile);

async function screenshot(page: string, to: string): Promise<void> {
  const profile = await mkdtemp(join(tmpdir(), 'synthgen-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1400, height: 900 } });
    try {
      const tab = context.pages()[0] ?? (await context.newPage());
      await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
      // The charts animate in; the picture is of them drawn.
      await tab.waitForTimeout(1500);
      await tab.screenshot({ path: to, fullPage: true });
    } finally {
      await context.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

const work = await mkdtemp(join(tmpdir(), 'synthgen-report-picture-'));
try {
  await run(process.execPath, [cli, ...REPORT_DATASET], { cwd: work });
  await run(process.execPath, [cli, 'report', '--file', 'report.html'], { cwd: work });
  await screenshot(join(work, 'report.html'), join(root, 'docs/report.png'));
  process.stdout.write(`wrote docs/report.png from synthgen ${REPORT_DATASET.join(' ')}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
