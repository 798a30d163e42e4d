/**
 * A run stopped through its AbortSignal (what the CLI does on Ctrl-C), at a point the test picks: the moment its
 * first part starts (the run's own InterruptEvent), not after a size that happens to take long enough. It fails as
 * SIGINT does (exit code 130), commits nothing, keeps its record; resuming it gives exactly an uninterrupted run's
 * files. In this process, through the run API: the CLI's handling of the signal itself is test/cli-contract.test.ts's.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exists, tableContents, withTempDir } from './helpers/cli.js';
import { engineResume, engineRun } from './helpers/engine.js';

const RUN = { tables: ['users', 'products'], rows: { users: 20000, products: 1000 }, fileSizeLimitMB: 1 };

test('a run aborted as its first part starts stops with exit code 130, commits nothing, and resumes to an uninterrupted run’s files', async () => {
  await withTempDir(async (dir) => {
    const clean = join(dir, 'clean');
    const stopped = join(dir, 'stopped');
    await mkdir(clean);
    await mkdir(stopped);
    // Users in two parts at least: the abort comes with parts still to start.
    expect((await engineRun(clean, RUN)).tables.users?.files.length).toBeGreaterThan(1);

    const controller = new AbortController();
    const failure = await engineRun(stopped, {
      ...RUN,
      signal: controller.signal,
      onInterruptEvent: (event) => {
        if (event.type === 'part-started') controller.abort('SIGINT');
      },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ exitCode: 130, message: expect.stringMatching(/interrupted by SIGINT/) });
    expect(await exists(join(stopped, 'm.json'))).toBe(false);
    expect(await exists(join(stopped, 'm.json.pending.json'))).toBe(true);
    expect(await exists(join(stopped, 'm.json.lock'))).toBe(false);

    const resumed = await engineResume(stopped);
    expect(resumed.resumed).toBe(true);
    expect(await exists(join(stopped, 'm.json.pending.json'))).toBe(false);
    for (const table of RUN.tables) expect(await tableContents(stopped, table), table).toEqual(await tableContents(clean, table));
  });
});
