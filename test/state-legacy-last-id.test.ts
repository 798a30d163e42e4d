/**
 * The original tool's other metadata format: only the last ID of each table (`{"users": {"last_id": 1000}}`). It is
 * read as legacy metadata: IDs continue after each last ID, the original file is kept as a backup, and the migration
 * is said in one line. Anything that is neither this nor another known format stays "corrupt", and is left as it was.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, exists, generate, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';

const common = ['--out', 'data', '--metadata', 'metadata.json', '--seed', '5', '--as-of', AS_OF];

/** The lines of stderr that tell of the migration. */
const migrationLines = (stderr: string) => stderr.split('\n').filter((line) => /original tool/.test(line) && /legacy\.bak/.test(line));

test.each([
  ['the three tables', { users: { last_id: 1000 }, products: { last_id: 50 }, orders: { last_id: 7 } }, { users: 1000, products: 50, orders: 7 }],
  ['zeros and an extra table', { users: { last_id: 0 }, products: { last_id: 0 }, orders: { last_id: 0 }, sessions: { last_id: 12 } }, { users: 0, products: 0, orders: 0 }],
  ['the same under "tables"', { tables: { users: { last_id: 3 }, products: { last_id: 4 } } }, { users: 3, products: 4, orders: 0 }],
])('last IDs per table (%s) are migrated: IDs continue after them, the original is backed up, one line says so', async (_, legacy, last) => {
  await withTempDir(async (dir) => {
    const original = `${JSON.stringify(legacy, null, 2)}\n`;
    await writeFile(join(dir, 'metadata.json'), original);
    const run = await generate(['--table-names', 'users,products,orders', '--num-rows', 'users=100,products=30,orders=200', ...common], dir);

    expect(migrationLines(run.stderr)).toHaveLength(1);
    expect(await readFile(join(dir, 'metadata.json.legacy.bak'), 'utf8')).toBe(original);
    const metadata = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
    expect(metadata.format).toBe('synthgen-metadata');
    for (const [table, lastId] of Object.entries(last)) {
      const segments = metadata.tables[table].segments;
      if (lastId > 0) expect(segments[0]).toEqual({ first_id: 1, last_id: lastId, legacy: true });
      expect(segments[segments.length - 1]).toMatchObject({ first_id: lastId + 1 });
      const key = `${table.slice(0, -1)}_id`;
      const ids = await query(`SELECT min(${key}) AS lo, max(${key}) AS hi, count(*) AS n FROM ${await tableSql(join(dir, 'data'), table)}`);
      const rows = { users: 100, products: 30, orders: 200 }[table] ?? 0;
      expect(ids[0]).toEqual({ lo: String(lastId + 1), hi: String(lastId + rows), n: String(rows) });
    }
    if ('sessions' in legacy) expect(metadata.tables.sessions).toEqual({ last_id: 12, segments: [{ first_id: 1, last_id: 12, legacy: true }] });

    // Migrated once: the next run reads synthgen metadata and says nothing of the original tool.
    const next = await generate(['--table-names', 'users', '--num-rows', '10', '--out', 'data', '--metadata', 'metadata.json', '--seed', '6', '--as-of', '2026-01-02T00:00:00Z'], dir);
    expect(migrationLines(next.stderr)).toHaveLength(0);
    expect(await readFile(join(dir, 'metadata.json.legacy.bak'), 'utf8')).toBe(original);
  });
});

test.each([
  ['a negative last_id', { users: { last_id: -1 } }],
  ['a fractional last_id', { users: { last_id: 10.5 } }],
  ['a last_id past 2^53', { users: { last_id: 2 ** 53 } }],
  ['a last_id in quotes', { users: { last_id: '10' } }],
  ['a table with no last_id', { users: { last_id: 10 }, products: {} }],
  ['an entry with more than last_id', { users: { last_id: 10, next_id: 11 } }],
  ['a number where a table belongs', { users: { last_id: 10 }, version: 2 }],
  ['last IDs mixed with ID lists', { users: { last_id: 10 }, products: [1, 2, 3] }],
  ['a prototype key as a table', JSON.parse('{"users": {"last_id": 10}, "__proto__": {"last_id": 3}}') as object],
  ['an empty object', {}],
])('%s is corrupt: one line, exit 2, the file left as it was and nothing written', async (_, garbage) => {
  await withTempDir(async (dir) => {
    const original = JSON.stringify(garbage);
    await writeFile(join(dir, 'metadata.json'), original);
    const result = await synthgen(['--table-names', 'users', '--num-rows', '10', ...common], dir);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^synthgen: metadata file \S*metadata\.json is corrupt: .+/);
    expect(await readFile(join(dir, 'metadata.json'), 'utf8')).toBe(original);
    expect(await exists(join(dir, 'metadata.json.legacy.bak'))).toBe(false);
    expect((await readdir(join(dir, 'data')).catch(() => [])).length).toBe(0);
  });
});
