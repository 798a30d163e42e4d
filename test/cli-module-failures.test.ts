/**
 * A --tables module that fails in ways a plain `throw new Error()` does not: a thrown value whose toString throws,
 * a promise it rejects and never handles, a top-level await that never settles, a builder throwing such a value. Each
 * is one line naming the module, exit 2, no stack and nothing written.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { synthgen, withTempDir } from './helpers/cli.js';

const CASES: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['a thrown object whose toString throws', `throw { toString() { throw new Error('nope'); } };\n`, /the module does not load: it threw a value that cannot be shown \(object\)/],
  ['a thrown symbol', `throw Symbol('odd');\n`, /the module does not load: Symbol\(odd\)/],
  ['an unhandled rejection', `Promise.reject(new Error('later'));\nexport const x = 1;\n`, /a promise the module made was rejected and nothing handled it: Error: later \(line 1\)/],
  ['an unhandled rejection with no Error', `Promise.reject(42);\nexport const x = 1;\n`, /a promise the module made was rejected and nothing handled it: 42/],
  ['a top-level await that never settles', `await new Promise(() => {});\n`, /the module's top-level await never settles/],
  [
    'a sql builder throwing a value whose toString throws',
    `import { defineTable } from 'synthgen';
const odd = { toString() { throw new Error('nope'); } };
const column = (name, sql) => ({ name, type: 'BIGINT', description: 'd', distribution: 'd', sql });
export const t = defineTable({ name: 'odd_table', description: 'd', version: 1, primaryKey: 'id', parents: [], pools: [], helpers: [], columns: [column('id', ({ row }) => row.id), column('c', () => { throw odd; })] });\n`,
    /table odd_table, column c: its sql builder threw: a value that cannot be shown \(object\)/,
  ],
];

test.concurrent.each(CASES)('%s: one line naming the module, exit 2', async (_what, source, expected) => {
  await withTempDir(async (dir) => {
    const module = join(dir, 'odd.mjs');
    await writeFile(module, source);
    const result = await synthgen(['--tables', module, '--table-names', 'users', '--num-rows', '10', '--out', 'data', '--metadata', 'metadata.json'], dir);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.split('\n'), result.stderr).toHaveLength(2);
    expect(result.stderr).toMatch(new RegExp(`^synthgen: --tables ${module}: `));
    expect(result.stderr).toMatch(expected);
    expect(result.stdout).toBe('');
    expect((await readdir(dir)).sort()).toEqual(['odd.mjs']);
  });
});
