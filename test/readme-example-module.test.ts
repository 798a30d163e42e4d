import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

test('docs/tables-as-code.md shows the example table module exactly as it is tested (examples/reviews-tables.mjs)', async () => {
  const page = await readFile(resolve(import.meta.dirname, '../docs/tables-as-code.md'), 'utf8');
  const block = page.split('<!-- example:start -->')[1]?.split('<!-- example:end -->')[0]?.trim();
  const example = await readFile(resolve(import.meta.dirname, '../examples/reviews-tables.mjs'), 'utf8');
  expect(block).toBe(`\`\`\`js\n${example}\`\`\``);
});
