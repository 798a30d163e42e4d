/**
 * `synthgen report --schema FILE` (and `--tables MODULE`), as docs/schema.md tells users to run it: the file is
 * loaded and checked as verify loads it, its tables' cards carry the descriptions it gives, a table it defines
 * that the dataset has no files of is a note, and the summary printed when the report is written lists the card of
 * each table of the dataset's own beside the built-in charts. A broken schema file is one line and exit code 2.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AS_OF, generate, synthgen } from './helpers/cli.js';
import { reportJson } from './helpers/reportRun.js';

const SCHEMA = `tables:
  shops:
    description: A shop of the chain.
    key: shop_id
    columns:
      shop_id: { key: true }
      opened_at: { timestamp: { created: true }, description: When the shop opened. }
      tier: { choice: { small: 70, large: 30 }, description: How big the shop is. }
  sales:
    description: One sale at a till.
    key: sale_id
    columns:
      sale_id: { key: true }
      shop_id: { ref: shops }
      sold_at: { timestamp: { created: true } }
      amount: { decimal: { min: 1, max: 900, precision: 10, scale: 2 }, description: What the customer paid. }
  refunds:
    description: Money handed back.
    key: refund_id
    columns:
      refund_id: { key: true }
      sale_id: { ref: sales }
`;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-report-schema-'));
  await writeFile(join(dir, 'shop.yaml'), SCHEMA);
  // refunds is defined but not generated: the report says so.
  await generate(['--schema', 'shop.yaml', '--table-names', 'users,shops,sales', '--num-rows', 'users=200,shops=50,sales=900', '--seed', '8', '--as-of', AS_OF], dir);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('--schema is taken, and the summary lists the card of each table of the dataset own', async () => {
  const result = await synthgen(['report', '--schema', 'shop.yaml', '--file', 'report.html'], dir);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  const lines = result.stdout.trimEnd().split('\n');
  expect(lines[0]).toBe('synthgen report ./data: users 200, sales 900, shops 50 rows read');
  expect(lines[1]).toMatch(/^ {2}wrote \S+report\.html \(\d+\.\d MB\): 1 of 7 charts, and a card for each of the dataset's own tables \(2\): sales, shops$/);
  expect(result.stdout).toMatch(/note: shop\.yaml defines table refunds, but the dataset has no files of it/);
});

test("the cards carry the schema file's descriptions of the tables and their columns", async () => {
  const report = await reportJson(['--schema', 'shop.yaml', '--file', 'described.html'], dir);
  const shops = report.own.find((t) => t.name === 'shops');
  // The file's words first (the engine adds how rows arrive, as the data dictionary shows it).
  expect(shops?.description).toMatch(/^A shop of the chain\./);
  expect(shops?.columns.map((c) => [c.name, c.description])).toEqual([
    ['shop_id', 'Primary key.'],
    ['opened_at', 'When the shop opened.'],
    ['tier', 'How big the shop is.'],
  ]);
  expect(report.own.find((t) => t.name === 'sales')?.columns.find((c) => c.name === 'amount')?.description).toBe('What the customer paid.');
  expect(report.notes).toContain('shop.yaml defines table refunds, but the dataset has no files of it: generate its rows, or report on the dataset that has them.');
  // Without --schema the same cards, from the files alone, with no descriptions.
  const bare = await reportJson(['--file', 'bare.html'], dir);
  expect(bare.own.map((t) => [t.name, t.rows, t.description])).toEqual([
    ['sales', 900, null],
    ['shops', 50, null],
  ]);
});

test('a broken schema file is one line and exit code 2, as for verify; --tables is taken too', async () => {
  await writeFile(join(dir, 'broken.yaml'), 'tables:\n  shops:\n    key: shop_id\n    columns:\n      shop_id: { key: true }\n      tier: { choise: { a: 1 } }\n');
  const result = await synthgen(['report', '--schema', 'broken.yaml', '--file', 'broken.html'], dir);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(result.stderr).toMatch(/^synthgen: broken\.yaml:6:\d+: /);
  expect(result.stdout).toBe('');
  const module = await synthgen(['report', '--tables', 'missing.mjs', '--file', 'module.html'], dir);
  expect(module.stderr).not.toMatch(/unknown option/);
  expect(module.code).toBe(2);
  expect(module.stderr.split('\n').filter(Boolean)).toHaveLength(1);
});
