import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, generate, query, tableSql, withTempDir } from './helpers/cli.js';

test('users 1..1000 then 1001..1500 are exactly the rows of one run of 1..1500 (same seed)', async () => {
  await withTempDir(async (dir) => {
    const split = ['--out', 'split', '--metadata', 'split.json', '--seed', '5', '--as-of', AS_OF];
    await generate(['--table-names', 'users', '--num-rows', '1000', ...split], dir);
    await generate(['--table-names', 'users', '--num-rows', '500', ...split], dir);
    await generate(['--table-names', 'users', '--num-rows', '1500', '--out', 'one', '--metadata', 'one.json', '--seed', '5', '--as-of', AS_OF], dir);
    const a = await tableSql(join(dir, 'split'), 'users');
    const b = await tableSql(join(dir, 'one'), 'users');
    const diff = await query(
      `SELECT (SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})) + (SELECT count(*) FROM (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a})) AS n, (SELECT count(*) FROM ${a}) AS rows`,
    );
    expect(Number(diff[0]?.rows)).toBe(1500);
    expect(Number(diff[0]?.n)).toBe(0);
  });
});

test('a different seed gives different rows', async () => {
  await withTempDir(async (dir) => {
    await generate(['--table-names', 'users', '--num-rows', '200', '--out', 'a', '--metadata', 'a.json', '--seed', '1', '--as-of', AS_OF], dir);
    await generate(['--table-names', 'users', '--num-rows', '200', '--out', 'b', '--metadata', 'b.json', '--seed', '2', '--as-of', AS_OF], dir);
    const same = await query(
      `SELECT count(*) AS n FROM ${await tableSql(join(dir, 'a'), 'users')} a JOIN ${await tableSql(join(dir, 'b'), 'users')} b USING (user_id) WHERE a.email = b.email`,
    );
    expect(Number(same[0]?.n)).toBeLessThan(10);
  });
});
