import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { WorkerPool, runGeneration } from '../dist/src/index.js';
import { AS_OF, withTempDir } from './helpers/cli.js';

/**
 * A caller running several runs in one process (a test suite, a service) gives them one pool: a run leaves a pool it
 * did not create running (it ends only its own threads, whose DuckDBs spill into the run's scratch folder), and the
 * next run on it starts its threads again. The pool's creator ends it.
 */
test('consecutive runs on one pool: each finishes, the pool outlives them, and runs with none start and end their own', async () => {
  await withTempDir(async (dir) => {
    const pool = new WorkerPool(2);
    try {
      const common = { kind: 'new', tables: ['users'], rows: { users: 2000 }, asOf: AS_OF, seed: 5, out: join(dir, 'data'), command: 'test' } as const;
      const first = await runGeneration({ ...common, metadataPath: join(dir, 'a.json'), pool });
      const second = await runGeneration({ ...common, metadataPath: join(dir, 'b.json'), out: join(dir, 'other'), pool });
      expect(first.threads).toBe(2);
      expect(second.tables.users?.files[0]?.sha256).toBe(first.tables.users?.files[0]?.sha256);
      const own = await runGeneration({ ...common, metadataPath: join(dir, 'c.json'), out: join(dir, 'own'), threads: 1 });
      expect(own.threads).toBe(1);
      expect(own.tables.users?.files[0]?.sha256).toBe(first.tables.users?.files[0]?.sha256);
      // A run asking for other threads than its pool has is a caller's mistake, said before anything is done.
      await expect(runGeneration({ ...common, metadataPath: join(dir, 'd.json'), pool, threads: 3 })).rejects.toThrow(/asks for 3 threads, its pool has 2/);
      expect(await readdir(dir)).not.toContain('d.json');
    } finally {
      await pool.destroy();
    }
  });
});
