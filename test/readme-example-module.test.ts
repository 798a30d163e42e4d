import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

test('the README shows the example table module exactly as it is tested (examples/reviews-tables.mjs)', async () => {
  const readme = await readFile(resolve(import.meta.dirname, '../README.md'), 'utf8');
  const block = readme.split('<!-- example:start -->')[1]?.split('<!-- example:end -->')[0]?.trim();
  const example = await readFile(resolve(import.meta.dirname, '../examples/reviews-tables.mjs'), 'utf8');
  expect(block).toBe(`\`\`\`js\n${example}\`\`\``);
});
