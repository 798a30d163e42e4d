/**
 * Every value a column can take fits the type it is written as, checked when the file loads: a range's ends, the
 * type a generator writes by default, every `type` override, a choice's values, a key's IDs. A value that does not
 * fit is one line at the option that brings it (file:line:col), exit 2, from `synthgen schema` as from a run, which
 * then writes nothing and leaves no lock; before, such a run reached DuckDB in a worker and aborted (exit 134).
 * Each case is loaded in this process as `--schema` loads it (helpers/schemaLoad.ts); the first also through
 * `synthgen schema`, and the refused run through the CLI, for the printed line and the exit code.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';
import { loadSchema, schemaProblem } from './helpers/schemaLoad.js';

/** A table whose fifth line is the column under test. */
const file = (column: string) => `tables:
  cards:
    key: card_id
    columns:
      card_id: { key: true }
      ${column}
`;

interface Case {
  readonly column: string;
  /** `line:column` of the option at fault. */
  readonly at: string;
  readonly says: RegExp;
}

const CASES: readonly Case[] = [
  { column: 'last4: { int: { min: 0, max: 100000000000000000000000 } }', at: '6:36', says: /column last4, int\.max: 1e\+23 is beyond the whole numbers an int column draws exactly .*: lower max$/ },
  { column: 'n: { int: { min: 0, max: 3000000000 } }', at: '6:32', says: /column n, int\.max: 3000000000 does not fit INTEGER, the type an int column is written as: give type: BIGINT, or lower max$/ },
  { column: 'n: { int: { min: -3000000000, max: 0 } }', at: '6:24', says: /column n, int\.min: -3000000000 does not fit INTEGER/ },
  { column: 's: { int: { min: 0, max: 500000 }, type: SMALLINT }', at: '6:48', says: /column s, type: SMALLINT cannot hold 500000, its max: give a type that holds it \(INTEGER, or wider\), or lower max$/ },
  { column: 'd: { int: { min: 0, max: 9999 }, type: "DECIMAL(3,0)" }', at: '6:46', says: /column d, type: DECIMAL\(3,0\) cannot hold 9999, its max/ },
  { column: 'x: { double: { min: 0, max: 1e10 }, type: INTEGER }', at: '6:49', says: /column x, type: INTEGER cannot hold 10000000000, its max/ },
  { column: 'c: { choice: [1, 300], type: TINYINT }', at: '6:36', says: /column c, type: TINYINT cannot hold 300, one of its values/ },
  { column: 'c: { choice: [S, M], type: INTEGER }', at: '6:34', says: /column c, type: INTEGER cannot hold "S", one of its values/ },
  { column: 'tags: { list: { of: { int: { min: 0, max: 1000 } }, max: 3 }, type: "TINYINT[]" }', at: '6:75', says: /column tags, type: TINYINT\[\] cannot hold 1000/ },
  { column: 'n: { int: { min: 0, max: 10 }, type: "INTEGER); COPY (SELECT 1) TO (x" }', at: '6:44', says: /column n, type: .* is not a DuckDB type/ },
];

test.each(CASES)('$column is refused at its place', async ({ column, at, says }) => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'cards.yaml');
    await writeFile(path, file(column));
    const message = await schemaProblem([path]);
    expect(message.split('\n'), message).toHaveLength(1);
    expect(message.startsWith(`${path}:${at}: table cards, `), message).toBe(true);
    expect(message).toMatch(says);
  });
});

test.each(CASES.slice(0, 1))('synthgen schema prints the refusal of $column as one line at its place, exit 2', async ({ column, at, says }) => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'cards.yaml'), file(column));
    const result = await synthgen(['schema', '--schema', 'cards.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith(`synthgen: cards.yaml:${at}: table cards, `)).toBe(true);
    expect(lines[0]).toMatch(says);
  });
});

test("a key's type must hold the IDs of a large table", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'cards.yaml');
    await writeFile(path, file('n: { bool: 0.5 }').replace('card_id: { key: true }', 'card_id: { key: true, type: SMALLINT }'));
    const message = await schemaProblem([path]);
    expect(message.slice(dir.length + 1)).toMatch(/^cards\.yaml:5:35: table cards, column card_id, type: SMALLINT cannot hold 2147483647, the largest ID it must hold[^\n]*$/);
  });
});

test('a run is refused before it takes the lock or writes anything', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'cards.yaml'), file('last4: { int: { min: 0, max: 100000000000000000000000 } }'));
    const result = await synthgen(['--schema', 'cards.yaml', '--table-names', 'users,cards', '--num-rows', 'users=1000,cards=100000', '--as-of', AS_OF, '--out', 'out', '--metadata', 'm.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^synthgen: cards\.yaml:6:36: table cards, column last4, int\.max: [^\n]*\n$/);
    expect(await readdir(dir)).toEqual(['cards.yaml']);
  });
});

test('a type that holds the range runs, and its values go past what the default type holds', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'cards.yaml');
    await writeFile(path, file('n: { int: { min: 2500000000, max: 3000000000 }, type: BIGINT }'));
    // The run's property is the engine's (the values and their type): run in this process.
    const { registry } = await loadSchema([path]);
    await engineRun(dir, { registry, tables: ['cards'], rows: { cards: 500 } });
    const [row] = await query(`SELECT min(n) AS lo, max(n) AS hi, typeof(any_value(n)) AS type FROM ${await tableSql(join(dir, 'data'), 'cards')}`);
    expect(row?.type).toBe('BIGINT');
    expect(Number(row?.lo)).toBeGreaterThanOrEqual(2_500_000_000);
    expect(Number(row?.hi)).toBeLessThanOrEqual(3_000_000_000);
  });
});
