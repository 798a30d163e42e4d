import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { UserError } from '../dist/src/index.js';
import { AS_OF, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';
import { type EngineRun, engineRun } from './helpers/engine.js';

/*
 * The original tool's ID lists, migrated by the engine: the runs go through the run API in this process (as
 * --out data --metadata metadata.json); the refusal of orders over its rows is the spawned CLI for the first case
 * (its line names the flag to pass), a UserError through the run API for the others.
 */

/** A run in `dir` where --out data --metadata metadata.json put it. */
const runIn = (dir: string, run: EngineRun) => engineRun(dir, { ...run, out: join(dir, 'data'), metadataPath: join(dir, 'metadata.json') });

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test.each([
  ['table keys with ID lists', { users: range(1, 50), products: range(1, 20) }, 'cli'],
  ['objects with ids', { users: { ids: range(1, 50) }, products: { ids: range(1, 20) } }, 'api'],
  ['<name>_ids keys', { user_ids: range(1, 50), product_ids: range(1, 20) }, 'api'],
])('legacy metadata (%s) is migrated: IDs continue, the original is kept as a backup', async (_, legacy, door) => {
  await withTempDir(async (dir) => {
    const original = JSON.stringify(legacy);
    await writeFile(join(dir, 'metadata.json'), original);
    const common = ['--out', 'data', '--metadata', 'metadata.json', '--seed', '8', '--as-of', AS_OF];

    // Legacy rows cannot be recomputed, so orders cannot reference them yet.
    if (door === 'cli') {
      const refused = await synthgen(['--table-names', 'orders', '--num-rows', '10', ...common], dir, { SYNTHGEN_RELAUNCHED: '1' });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/made by the original tool and synthgen has not read their files.*--legacy-files users=/);
    } else {
      const refused = await runIn(dir, { tables: ['orders'], rows: { orders: 10 }, seed: 8, asOf: AS_OF }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(UserError);
      expect(refused instanceof Error ? refused.message : '').toMatch(/made by the original tool and synthgen has not read their files/);
    }
    expect(await readFile(join(dir, 'metadata.json'), 'utf8')).toBe(original);

    await runIn(dir, { tables: ['users', 'products', 'orders'], rows: { users: 100, products: 30, orders: 200 }, seed: 8, asOf: AS_OF });
    const metadata = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
    expect(metadata.format).toBe('synthgen-metadata');
    expect(metadata.tables.users.last_id).toBe(150);
    expect(metadata.tables.users.segments[0]).toEqual({ first_id: 1, last_id: 50, legacy: true });
    expect(metadata.tables.products.last_id).toBe(50);
    expect(await readFile(join(dir, 'metadata.json.legacy.bak'), 'utf8')).toBe(original);

    const users = await query(`SELECT min(user_id) AS lo, max(user_id) AS hi FROM ${await tableSql(join(dir, 'data'), 'users')}`);
    expect(users[0]).toEqual({ lo: '51', hi: '150' });
    const refs = await query(`SELECT (SELECT min(user_id) FROM ${await tableSql(join(dir, 'data'), 'orders')}) AS u, (SELECT min(product_id) FROM ${await tableSql(join(dir, 'data'), 'order_items')}) AS p`);
    expect(Number(refs[0]?.u)).toBeGreaterThanOrEqual(51);
    expect(Number(refs[0]?.p)).toBeGreaterThanOrEqual(21);
  });
});

test('gaps in a legacy ID list are kept as separate ranges and never reused', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'metadata.json'), JSON.stringify({ users: [1, 2, 3, 7, 8, 100] }));
    await runIn(dir, { tables: ['users'], rows: { users: 5 }, seed: 1, asOf: AS_OF });
    const metadata = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
    expect(metadata.tables.users.segments.slice(0, 3)).toEqual([
      { first_id: 1, last_id: 3, legacy: true },
      { first_id: 7, last_id: 8, legacy: true },
      { first_id: 100, last_id: 100, legacy: true },
    ]);
    expect(metadata.tables.users.segments[3]).toMatchObject({ first_id: 101, last_id: 105 });
  });
});
