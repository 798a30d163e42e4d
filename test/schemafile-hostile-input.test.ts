/**
 * Hostile or mistaken schema files are one line at the place in the file and exit 2, from `synthgen schema` as from a
 * run, which then writes nothing and leaves no lock: before, an alias bomb was an internal error with a stack, JSON
 * nested 2,000 deep "not valid" with the stack's own error, `locale: constructor` and the faker method
 * `__proto__.hasOwnProperty` were taken, `locale: {}` failed in the compiler, an exponential mean below min, weights
 * of 1e308 (their sum is infinite) and `2024-02-30` went through to the data, a NUL reached DuckDB, and a value a
 * billion characters long (faker string.alpha, sql repeat()) aborted the process (exit 134) or ran it out of memory.
 * Every case is loaded in this process as `--schema` loads it (helpers/schemaLoad.ts; `synthgen schema` and a run
 * load a file with the same loader); two (the alias bomb, the billion-long repeat()) also through the CLI, both
 * commands, for the printed line, the exit code and a folder left as it was.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, synthgen, withTempDir } from './helpers/cli.js';
import { schemaProblem } from './helpers/schemaLoad.js';

/** A file whose table t has the key and one column (on line 6), and may have a table-level option (on line 4). */
const table = (column: string, option = '') => `tables:
  t:
    key: id
${option ? `    ${option}\n` : ''}    columns:
      id: { key: true }
      ${column}
`;

const aliasBomb = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`),
  'tables: { t: { key: id, columns: { id: { key: true } } } }',
].join('\n');

interface Case {
  readonly name: string;
  readonly file: string;
  readonly text: string;
  readonly at: string;
  readonly says: RegExp;
}

const CASES: readonly Case[] = [
  { name: 'a YAML alias bomb', file: 'bad.yaml', text: aliasBomb, at: '2:8', says: /its aliases \(\*name\) expand into far more than the file holds/ },
  { name: 'JSON nested 2,000 deep', file: 'bad.json', text: `{"tables": ${'['.repeat(2000)}${']'.repeat(2000)}}`, at: '1:\\d+', says: /nested more than 32 levels deep/ },
  { name: 'locale: constructor', file: 'bad.yaml', text: table('n: { faker: person.firstName }', 'locale: constructor'), at: '7:7', says: /column n: faker has no locale "constructor"/ },
  { name: 'a faker method through __proto__', file: 'bad.yaml', text: table('n: { faker: __proto__.hasOwnProperty }'), at: '6:7', says: /column n: faker has no method __proto__\.hasOwnProperty/ },
  { name: 'locale: {}', file: 'bad.yaml', text: table('n: { faker: person.firstName }', 'locale: {}'), at: '4:13', says: /table t, locale: no locale: give one/ },
  { name: 'an exponential mean below min', file: 'bad.yaml', text: table('n: { double: { min: 0, max: 10, distribution: exponential, mean: -5 } }'), at: '6:72', says: /double\.mean: mean -5 is not above min 0/ },
  { name: 'weights of 1e308', file: 'bad.yaml', text: table('n: { choice: { a: 1e308, b: 1e308 } }'), at: '6:25', says: /choice\.a: weight 1e\+308 is above 1e12/ },
  { name: 'a day February does not have', file: 'bad.yaml', text: table('n: { date: { between: [2024-01-01, 2024-02-30] } }'), at: '6:42', says: /date\.between\.1: 2024-02-30 is not a date: February 2024 has 29 days/ },
  { name: 'a NUL in a choice value', file: 'bad.yaml', text: table('n: { choice: ["a\\0b", c] }'), at: '6:21', says: /a NUL character \(\\0\) in a value/ },
  { name: 'faker string.alpha a billion long', file: 'bad.yaml', text: table('n: { faker: { method: string.alpha, args: [1000000000] } }'), at: '6:7', says: /faker string\.alpha cannot have these arguments: it asks for 1000000000 characters or items \(at most 10,000\)/ },
  { name: 'a faker pattern repeated a billion times', file: 'bad.yaml', text: table("n: { faker: { method: helpers.fromRegExp, args: ['a{1000000000}'] } }"), at: '6:7', says: /a pattern repeats 1000000000 times/ },
  { name: 'faker values past 64K characters', file: 'bad.yaml', text: table('n: { faker: { method: lorem.paragraphs, args: [5000] } }'), at: '6:7', says: /faker lorem\.paragraphs gives values of [\d,]+ characters \(at most 65,536\)/ },
  { name: 'sql repeat() a billion long', file: 'bad.yaml', text: table('n: { sql: "repeat(id::VARCHAR, 1000000000)" }'), at: '6:17', says: /calls repeat\(\) for a value of 1,000,000,000 characters or items: a value holds at most 65,536/ },
];

test.each(CASES)('$name: one line at its place', async ({ file, text, at, says }) => {
  await withTempDir(async (dir) => {
    const path = join(dir, file);
    await writeFile(path, text);
    const message = await schemaProblem([path]);
    expect(message.split('\n'), message).toHaveLength(1);
    expect(message.startsWith(`${path}:`), message).toBe(true);
    expect(message.slice(dir.length + 1)).toMatch(new RegExp(`^${file.replace('.', '\\.')}:${at}: `));
    expect(message).toMatch(says);
  });
});

const SPAWNED = ['a YAML alias bomb', 'sql repeat() a billion long'];

test.each(CASES.filter((c) => SPAWNED.includes(c.name)))('$name, through the CLI: one line at its place, exit 2, nothing written', async ({ file, text, at, says }) => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, file), text);
    const [schema, run] = await Promise.all([
      synthgen(['schema', '--schema', file], dir),
      synthgen(['--schema', file, '--table-names', 't', '--num-rows', 't=100', '--as-of', AS_OF, '--out', 'out', '--metadata', 'm.json'], dir),
    ]);
    for (const result of [schema, run]) {
      expect(result.code, result.stderr).toBe(2);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^synthgen: ${file.replace('.', '\\.')}:${at}: `));
      expect(lines[0]).toMatch(says);
    }
    expect(await readdir(dir)).toEqual([file]);
  });
});
