/**
 * A wrong table module fails when it is loaded: one line naming the module, the table and the field, and what to do;
 * no stack, no DuckDB error. Every case's message is checked in this process, loaded as the CLI loads a module
 * (helpers/tableModule.ts); through the CLI, one case of each kind (a definition the registry refuses, a module that
 * does not load) and a missing module show the line as printed, exit code 2, and no files and no metadata.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exists, synthgen, withTempDir } from './helpers/cli.js';
import { afterModule, linkSynthgen, loadModules, moduleProblem } from './helpers/tableModule.js';

const HEAD = `import { defineTable, definePool } from 'synthgen';\n`;
const key = `{ name: 'id', type: 'BIGINT', description: 'Key.', distribution: 'Sequential.', sql: ({ row }) => row.id }`;
const text = (name: string, sql: string) => `{ name: '${name}', type: 'VARCHAR', description: 'd', distribution: 'd', sql: ${sql} }`;
const table = (name: string, body: string) =>
  `export const ${name.replace(/\W/g, '_')} = defineTable({ name: '${name}', description: 'd', version: 1, primaryKey: 'id', parents: [], pools: [], helpers: [], columns: [${key}], ${body} });\n`;

/** A children table of the built-in orders whose `firstDraws` is `draws` (SQL of the object). */
const lines = (draws: string) =>
  `${HEAD}export const order_notes = defineTable({ name: 'order_notes', description: 'd', version: 1, primaryKey: 'order_id', children: { parent: 'orders', column: 'order_id', line: 'line_number', count: () => '1', most: 1, mean: 1, firstDraws: ${draws} }, parents: [{ table: 'orders', column: 'order_id', skew: 1 }], pools: [], helpers: [], columns: [{ name: 'order_id', type: 'BIGINT', description: 'd', distribution: 'd', sql: ({ parent }) => parent('orders').id }, { name: 'line_number', type: 'INTEGER', description: 'd', distribution: 'd', sql: ({ lineNumber }) => lineNumber }] });\n`;

/** [what is wrong, the module, the table asked for, the one line expected after "synthgen: --tables <module>: "] */
const CASES: ReadonlyArray<readonly [string, string, string, RegExp]> = [
  ['an unknown parent', table('t', `parents: [{ table: 'shops', column: 'id', skew: 1 }]`), 't', /^table t, parent shops: no table shops is defined: define it, or pass the module that does with --tables$/],
  [
    'a cycle among parents',
    `${HEAD}const ref = (n) => ({ name: n + '_id', type: 'BIGINT', description: 'd', distribution: 'd', sql: ({ parent }) => parent(n).id });
export const a = defineTable({ name: 'a', description: 'd', version: 1, primaryKey: 'id', parents: [{ table: 'b', column: 'b_id', skew: 1 }], pools: [], helpers: [], columns: [${key}, ref('b')] });
export const b = defineTable({ name: 'b', description: 'd', version: 1, primaryKey: 'id', parents: [{ table: 'a', column: 'a_id', skew: 1 }], pools: [], helpers: [], columns: [${key}, ref('a')] });\n`,
    'a',
    /^tables a, b reference each other as parents in a cycle: a parent must be generated before its children, so break the cycle$/,
  ],
  ['a field that reads an unknown field', table('t', `columns: [${key}, ${text('c', `({ field }) => field('nope')`)}]`), 't', /^table t, column c: reads field "nope", which t does not define: define it as a column, or as a helper \(a name starting with _\)$/],
  ['a field that depends on itself', table('t', `helpers: [{ name: '_a', sql: ({ field }) => field('_b') }, { name: '_b', sql: ({ field }) => field('_a') }]`), 't', /^table t, helper _a: depends on itself through the fields it reads$/],
  ['a primary key that is not the first column', table('t', `columns: [${text('c', `() => "'x'"`)}, ${key}]`), 't', /^table t, primary key id: the primary key must be the first column \(the first is c\)$/],
  ['a primary key that is drawn, not the row id', table('t', `columns: [{ name: 'id', type: 'BIGINT', description: 'd', distribution: 'd', sql: () => '42' }]`), 't', /^table t, primary key id: its sql must be the row id: sql: \(\{ row \}\) => row\.id$/],
  ['a duplicate column', table('t', `columns: [${key}, ${text('c', `() => "'x'"`)}, ${text('c', `() => "'y'"`)}]`), 't', /^table t, field c: defined twice: give each helper and column its own name$/],
  ['a table named like a built-in one', table('users', ''), 'users', /^table users: is defined twice \(by synthgen and .*bad\.mjs\): rename one$/],
  ['a table name unsafe as a folder', table('Bad Name', ''), 'x', /^table "Bad Name": a table name is lower-case letters, digits and _, starting with a letter \(at most 63\): it becomes a folder and a SQL name$/],
  ['a column name unsafe as a column', table('t', `columns: [${key}, ${text('x"; DROP', `() => "'x'"`)}]`), 't', /^table t, column x"; DROP: a column name is lower-case letters, digits and _/],
  ['a type synthgen does not write', table('t', `columns: [${key}, { name: 'c', type: 'VARCHAR); DROP', description: 'd', distribution: 'd', sql: () => "'x'" }]`), 't', /^table t, column c: type "VARCHAR\); DROP" is not one synthgen writes/],
  ['a pool the table does not list', `${HEAD}const p = definePool({ name: 'words', type: 'text', build: () => ['a'] });\n${table('t', `columns: [${key}, ${text('c', `({ pool }) => pool(p, '0')`)}]`)}`, 't', /^table t, column c: reads pool words, which t does not list in pools: add it there$/],
  ['a parent it does not declare', table('t', `columns: [${key}, ${text('c', `({ parent }) => parent('users').id`)}]`), 't', /^table t, column c: reads users, which is not a parent it declares: add it to parents$/],
  ['an idle share out of range', table('t', `parents: [{ table: 'users', column: 'user_id', skew: 1, idle: 2 }], columns: [${key}, { name: 'user_id', type: 'BIGINT', description: 'd', distribution: 'd', sql: ({ parent }) => parent('users').id }]`), 't', /^table t, parent users: idle is the share of parents never picked, a number from 0 to 0\.9, got 2$/],
  ['an accept that is not one', table('t', `parents: [{ table: 'users', column: 'user_id', skew: 1, accept: { attempts: 0, sql: () => 'true' } }], columns: [${key}, { name: 'user_id', type: 'BIGINT', description: 'd', distribution: 'd', sql: ({ parent }) => parent('users').id }]`), 't', /^table t, parent users: accept is \{ attempts: 1 to 16, sql: /],
  ['a keyed pick naming no helper', table('t', `parents: [{ table: 'users', column: 'user_id', skew: 1, keyed: { key: '_k', at: '_at' } }], columns: [${key}, { name: 'user_id', type: 'BIGINT', description: 'd', distribution: 'd', sql: ({ parent }) => parent('users').id }]`), 't', /^table t, parent users: keyed names "_k", which is not one of its helpers: keyed is \{ key, at \}, each the name of a helper$/],
  ['a keyed pick that is not one', table('t', `parents: [{ table: 'users', column: 'user_id', skew: 1, keyed: { key: 3 } }], columns: [${key}, { name: 'user_id', type: 'BIGINT', description: 'd', distribution: 'd', sql: ({ parent }) => parent('users').id }]`), 't', /^table t, parent users: keyed is \{ key, at, attempts\? \}: the names of two helpers/],
  ['first draws of a table the parent does not reference', lines(`{ draws: { products: 1 } }`), 'orders', /^table order_notes, children firstDraws products: orders has no reference to products: name a table orders lists in its parents$/],
  ['more first draws than the parent draws', lines(`{ draws: { users: 9 } }`), 'orders', /^table order_notes, children firstDraws users: orders draws 8 candidates of users: read at most that many$/],
  ['first draws that are not', lines(`['users']`), 'orders', /^table order_notes, children: firstDraws is \{ draws: \{ <table>: how many first draws, 1 to 16 \}, when\?: a helper's name \}, for tables orders references$/],
  ['first children that are not', table('t', `parents: [{ table: 'users', column: 'user_id', skew: 1, firsts: { every: 1, within: 3600 } }], columns: [${key}, { name: 'user_id', type: 'BIGINT', description: 'd', distribution: 'd', sql: ({ parent }) => parent('users').id }]`), 't', /^table t, parent users: firsts is \{ every: a whole number of rows, 2 or more, within: whole seconds, 60 or more \}$/],
  ['a timeline that is not one', table('t', `timeline: { rate: 3 }`), 't', /^table t, timeline: a timeline is \{ rate: \(hourStart\) => /],
  ['a timeline scaled by a table that is not a parent', table('t', `timeline: { rate: () => 1, scaleWith: 'users' }`), 't', /^table t, timeline: scaleWith "users" is not one of its parents$/],
  ['a timeline whose past is out of range', table('t', `timeline: { rate: () => 1, pastYears: 11 }`), 't', /^table t, timeline: pastYears is a number of years from 0 to 10, got 11$/],
  ['a timeline whose rate is not a number', table('t', `timeline: { rate: () => NaN }`), 't', /^table t, timeline: the timeline's rate at .* is NaN, not a finite number >= 0$/],
  ['a bound on a text column', table('t', `columns: [${key}, { name: 'c', type: 'VARCHAR', description: 'd', distribution: 'd', minimum: 0, sql: () => "'x'" }]`), 't', /^table t, column c: minimum bounds numbers, and the column is VARCHAR: remove it or make the column numeric$/],
  ['a minimum above the maximum', table('t', `columns: [${key}, { name: 'c', type: 'DOUBLE', description: 'd', distribution: 'd', minimum: 5, maximum: 1, sql: () => '3' }]`), 't', /^table t, column c: minimum 5 is above maximum 1$/],
  ['mayFollowAsOf on a column that is no date or time', table('t', `columns: [${key}, { name: 'c', type: 'INTEGER', description: 'd', distribution: 'd', mayFollowAsOf: true, sql: () => '3' }]`), 't', /^table t, column c: mayFollowAsOf is for DATE, TIMESTAMP and TIMESTAMPTZ columns, and the column is INTEGER$/],
  ['an export that is not a table', `${HEAD}export const t = { name: 't' };\n`, 't', /^export t is not a table: export tables made with defineTable\(\) \(or pools made with definePool\(\)\), and keep other values unexported$/],
  ['a module that does not parse', `${HEAD}export const t = defineTable({ name: 't' \n`, 't', /^the module does not load: SyntaxError: /],
];

/** The cases run through the CLI: a definition the registry refuses, and a module Node cannot load. */
const SPAWNED = new Set(['an unknown parent', 'a module that does not parse']);

test.concurrent.each(CASES.filter(([what]) => SPAWNED.has(what)))('%s, through the CLI: one line at load, exit 2, nothing written', async (_what, source, name, expected) => {
  await withTempDir(async (dir) => {
    const module = join(dir, 'bad.mjs');
    await writeFile(module, source.startsWith('import') ? source : `${HEAD}${source}`);
    const result = await synthgen(['--tables', module, '--table-names', name, '--num-rows', '10', '--out', join(dir, 'data'), '--metadata', join(dir, 'metadata.json')], dir);
    expect(result.code).toBe(2);
    expect(result.stderr.endsWith('\n') && result.stderr.split('\n').length).toBe(2);
    const line = result.stderr.replace(/\n$/, '');
    expect(line.startsWith(`synthgen: --tables ${module}: `), line).toBe(true);
    expect(line.slice(`synthgen: --tables ${module}: `.length)).toMatch(expected);
    expect(line).not.toMatch(/Binder Error|Parser Error|at .*\.js:\d+/);
    expect(await exists(join(dir, 'data'))).toBe(false);
    expect(await exists(join(dir, 'metadata.json'))).toBe(false);
  });
});

/**
 * A case's line as the library says it: up to the flag it names (`--tables`), which the CLI prints and the library
 * words its own way.
 */
function inProcess(expected: RegExp): RegExp {
  const at = expected.source.indexOf(' with --tables');
  return at < 0 ? expected : new RegExp(expected.source.slice(0, at));
}

// Vitest, not Node, parses a module loaded in this process (helpers/tableModule.ts): the one that does not parse
// is checked through the CLI only.
test.each(CASES.filter(([what]) => what !== 'a module that does not parse'))('%s: one line when the module is loaded', async (_what, source, _name, expected) => {
  await withTempDir(async (dir) => {
    await linkSynthgen(dir);
    const module = join(dir, 'bad.mjs');
    await writeFile(module, source.startsWith('import') ? source : `${HEAD}${source}`);
    const message = await moduleProblem([module]);
    expect(message.split('\n'), message).toHaveLength(1);
    expect(afterModule(message, module)).toMatch(inProcess(expected));
    expect(message).not.toMatch(/Binder Error|Parser Error|at .*\.js:\d+/);
  });
});

test('a missing module, a TypeScript module and a module with no tables are one line each', async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'tables.ts'), 'export {};\n');
    await writeFile(join(dir, 'empty.mjs'), 'export {};\n');
    // Through the CLI, as printed: the path as given, relative to where it runs.
    const result = await synthgen(['--tables', './nope.mjs', '--table-names', 'users', '--num-rows', '10'], dir);
    expect([result.code, result.stderr]).toEqual([2, 'synthgen: --tables ./nope.mjs: no such file: pass the path of a JavaScript module that exports tables\n']);
    expect((await readdir(dir)).sort()).toEqual(['empty.mjs', 'sub']);
    // The others loaded here, by their full paths.
    const cases: [string, string][] = [
      ['nope.mjs', 'no such file: pass the path of a JavaScript module that exports tables'],
      ['sub/tables.ts', 'synthgen loads JavaScript modules: compile it first (tsc), or write it as .mjs'],
      ['empty.mjs', 'the module exports no tables: export each table made with defineTable()'],
    ];
    for (const [given, rest] of cases) {
      const module = join(dir, given);
      const message = await moduleProblem([module]);
      expect(message).toContain(module);
      expect(afterModule(message, module)).toBe(rest);
    }
  });
});

test('reserved column names, a foreign key that is not the parent id, and one table exported twice', async () => {
  await withTempDir(async (dir) => {
    await linkSynthgen(dir);
    const ref = (sql: string, type = 'BIGINT') => `{ name: 'user_id', type: '${type}', description: 'd', distribution: 'd', sql: ${sql} }`;
    const child = (column: string) => table('t', `parents: [{ table: 'users', column: 'user_id', skew: 1 }], columns: [${key}, ${column}]`);
    const cases: [string, RegExp][] = [
      [table('t', `columns: [${key}, ${text('pool_words', `() => "'x'"`)}]`), /table t, column pool_words: names starting with pool_ are reserved for pools: choose another$/],
      [child(ref(`({ parent }) => parent('users').id + 1`)), /table t, column user_id: it holds the users reference, so its sql must be the parent's id: sql: \(\{ parent \}\) => parent\('users'\)\.id$/],
      [child(ref(`({ parent }) => parent('users').id`, 'INTEGER')), /table t, column user_id: it holds the users id, so its type must be BIGINT$/],
    ];
    for (const [index, [source, expected]] of cases.entries()) {
      const module = join(dir, `bad${index}.mjs`);
      await writeFile(module, `${HEAD}${source}`);
      const message = await moduleProblem([module]);
      expect(message.split('\n'), message).toHaveLength(1);
      expect(message).toMatch(expected);
    }
    // The same table by name and in a list is one table, not two with one name.
    await writeFile(join(dir, 'twice.mjs'), `${HEAD}${table('t', '')}export const all = [t];\n`);
    expect((await loadModules([join(dir, 'twice.mjs')])).filter((name) => !['users', 'products', 'orders', 'order_items'].includes(name))).toEqual(['t']);
  });
});
