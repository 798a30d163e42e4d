import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { BUILTIN_TABLES, dataDictionary } from '../dist/src/index.js';

test('the README data dictionary is the one the table definitions render (run `npm run docs` after a change)', async () => {
  const readme = await readFile(resolve(import.meta.dirname, '../README.md'), 'utf8');
  const block = readme.split('<!-- dictionary:start -->')[1]?.split('<!-- dictionary:end -->')[0]?.trim();
  expect(block).toBe(dataDictionary(BUILTIN_TABLES).trim());
  for (const table of ['users', 'products', 'orders']) expect(block).toContain(`### ${table} (`);
});
