import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, generate, query, tableSql, withTempDir } from './helpers/cli.js';

/**
 * A run's rows depend on its seed, as-of, window, ID range and the generator versions, nothing else: the same
 * sequence of runs from the same starting metadata gives the same rows however the runs are cut into files and
 * however many workers write them (the bytes at any worker count are checked in engine-determinism-workers).
 */
test('the same runs cut into other files, on other workers, hold exactly the same rows', async () => {
  await withTempDir(async (dir) => {
    const runs = [
      ['--table-names', 'users,products,orders', '--num-rows', 'users=4000,products=500,orders=30000', '--seed', '5', '--as-of', '2025-06-01'],
      ['--table-names', 'users,orders', '--num-rows', 'users=1000,orders=12000', '--seed', '6', '--as-of', AS_OF],
    ];
    for (const run of runs) {
      await generate([...run, '--out', 'big', '--metadata', 'big.json', '--workers', '1'], dir);
      await generate([...run, '--out', 'small', '--metadata', 'small.json', '--workers', '2', '--file-size-limit', '1'], dir);
    }
    for (const table of ['users', 'products', 'orders']) {
      const a = await tableSql(join(dir, 'big'), table);
      const b = await tableSql(join(dir, 'small'), table);
      const diff = await query(
        `SELECT (SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})) + (SELECT count(*) FROM (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a})) AS n, (SELECT count(*) FROM ${a}) AS rows`,
      );
      expect(Number(diff[0]?.rows), table).toBe({ users: 5000, products: 500, orders: 42000 }[table]);
      expect(Number(diff[0]?.n), table).toBe(0);
    }
    const files = await query(`SELECT count(*) AS n FROM glob('${join(dir, 'small')}/orders/*.parquet')`);
    expect(Number(files[0]?.n)).toBeGreaterThan(2);
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
