import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { BUILTIN_TABLES, dataDictionary } from '../dist/src/index.js';

test('the data dictionary of docs/data-dictionary.md is the one the table definitions render (run `npm run docs` after a change)', async () => {
  const page = await readFile(resolve(import.meta.dirname, '../docs/data-dictionary.md'), 'utf8');
  const block = page.split('<!-- dictionary:start -->')[1]?.split('<!-- dictionary:end -->')[0]?.trim();
  expect(block).toBe(dataDictionary(BUILTIN_TABLES).trim());
  for (const table of ['users', 'products', 'orders', 'order_items']) expect(block).toContain(`### ${table} (`);
});
