/**
 * The original tool's other metadata format: only the last ID of each table (`{"users": {"last_id": 1000}}`). It is
 * read as legacy metadata: IDs continue after each last ID, the original file is kept as a backup, and the migration
 * is said in one line. Anything that is neither this nor another known format stays "corrupt", and is left as it was.
 * Reading the file is the engine's: most cases run in this process (the run API; the migration's line is its notice,
 * which the CLI prints on stderr, and a refusal is a UserError, which the CLI prints as one line); the first of each
 * kind is the spawned CLI, for the line on stderr and the exit code.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { UserError } from '../dist/src/index.js';
import { AS_OF, exists, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';


/** Where a case runs: the spawned CLI, or the run API in this process. */
type Door = 'cli' | 'api';

interface Run {
  readonly rows: Readonly<Record<string, number>>;
  readonly seed: number;
  readonly asOf: string;
}

/**
 * A run in `dir` (--out data --metadata metadata.json) through `door`: its exit code and what it said on stderr (for
 * the API, its notices one a line, as the CLI prints them, and a refusal's message after `synthgen: `).
 */
async function run(door: Door, dir: string, { rows, seed, asOf }: Run): Promise<{ code: number | null; stderr: string }> {
  const tables = Object.keys(rows);
  if (door === 'cli') {
    const counts = Object.entries(rows).map(([table, n]) => `${table}=${n}`).join(',');
    return synthgen(['--table-names', tables.join(','), '--num-rows', counts, '--out', 'data', '--metadata', 'metadata.json', '--seed', String(seed), '--as-of', asOf], dir, { SYNTHGEN_RELAUNCHED: '1' });
  }
  const notices: string[] = [];
  const onProgress = (event: { type: string; message?: string }) => {
    if (event.type === 'notice' && event.message !== undefined) notices.push(event.message);
  };
  try {
    await engineRun(dir, { tables, rows, seed, asOf, out: join(dir, 'data'), metadataPath: join(dir, 'metadata.json'), onProgress });
    return { code: 0, stderr: notices.map((line) => `${line}\n`).join('') };
  } catch (error: unknown) {
    if (!(error instanceof UserError)) throw error;
    return { code: error.exitCode, stderr: `${notices.map((line) => `${line}\n`).join('')}synthgen: ${error.message}\n` };
  }
}

/** The lines of stderr that tell of the migration. */
const migrationLines = (stderr: string) => stderr.split('\n').filter((line) => /original tool/.test(line) && /legacy\.bak/.test(line));

test.each([
  ['the three tables', { users: { last_id: 1000 }, products: { last_id: 50 }, orders: { last_id: 7 } }, { users: 1000, products: 50, orders: 7 }, 'cli'],
  ['zeros and an extra table', { users: { last_id: 0 }, products: { last_id: 0 }, orders: { last_id: 0 }, sessions: { last_id: 12 } }, { users: 0, products: 0, orders: 0 }, 'api'],
  ['the same under "tables"', { tables: { users: { last_id: 3 }, products: { last_id: 4 } } }, { users: 3, products: 4, orders: 0 }, 'api'],
] as const)('last IDs per table (%s) are migrated: IDs continue after them, the original is backed up, one line says so', async (_, legacy, last, door: Door) => {
  await withTempDir(async (dir) => {
    const original = `${JSON.stringify(legacy, null, 2)}\n`;
    await writeFile(join(dir, 'metadata.json'), original);
    const first = await run(door, dir, { rows: { users: 100, products: 30, orders: 200 }, seed: 5, asOf: AS_OF });
    expect(first.code, first.stderr).toBe(0);

    expect(migrationLines(first.stderr)).toHaveLength(1);
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
    const next = await run(door, dir, { rows: { users: 10 }, seed: 6, asOf: '2026-01-02T00:00:00Z' });
    expect(next.code, next.stderr).toBe(0);
    expect(migrationLines(next.stderr)).toHaveLength(0);
    expect(await readFile(join(dir, 'metadata.json.legacy.bak'), 'utf8')).toBe(original);
  });
});

test.each([
  ['a negative last_id', { users: { last_id: -1 } }, 'cli'],
  ['a fractional last_id', { users: { last_id: 10.5 } }, 'api'],
  ['a last_id past 2^53', { users: { last_id: 2 ** 53 } }, 'api'],
  ['a last_id in quotes', { users: { last_id: '10' } }, 'api'],
  ['a table with no last_id', { users: { last_id: 10 }, products: {} }, 'api'],
  ['an entry with more than last_id', { users: { last_id: 10, next_id: 11 } }, 'api'],
  ['a number where a table belongs', { users: { last_id: 10 }, version: 2 }, 'api'],
  ['last IDs mixed with ID lists', { users: { last_id: 10 }, products: [1, 2, 3] }, 'api'],
  ['a prototype key as a table', JSON.parse('{"users": {"last_id": 10}, "__proto__": {"last_id": 3}}') as object, 'api'],
  ['an empty object', {}, 'api'],
] as const)('%s is corrupt: one line, exit 2, the file left as it was and nothing written', async (_, garbage, door: Door) => {
  await withTempDir(async (dir) => {
    const original = JSON.stringify(garbage);
    await writeFile(join(dir, 'metadata.json'), original);
    const result = await run(door, dir, { rows: { users: 10 }, seed: 5, asOf: AS_OF });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^synthgen: metadata file \S*metadata\.json is corrupt: .+/);
    expect(await readFile(join(dir, 'metadata.json'), 'utf8')).toBe(original);
    expect(await exists(join(dir, 'metadata.json.legacy.bak'))).toBe(false);
    expect((await readdir(join(dir, 'data')).catch(() => [])).length).toBe(0);
  });
});
