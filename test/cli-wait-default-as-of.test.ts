/**
 * `--wait` without `--as-of`: the default as-of ("now") is taken once the lock is held, so a run that waited for
 * another is not refused because the run it waited for committed a later as-of than its start.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, CLI, generate, withTempDir } from './helpers/cli.js';

interface Recorded {
  tables: { users: { segments: { as_of: string }[] } };
}

test('a run that waited takes its default as-of after the run it waited for', async () => {
  await withTempDir(async (dir) => {
    const run = ['--table-names', 'users', '--num-rows', '10', '--out', 'data'];
    await generate([...run, '--as-of', AS_OF, '--metadata', 'm.json'], dir);
    // A run holds the lock: this test process stands in for it (alive, on this host).
    const holder = { pid: process.pid, host: hostname(), started_at: new Date().toISOString(), command: 'synthgen (the test)', token: randomUUID() };
    await writeFile(join(dir, 'm.json.lock'), `${JSON.stringify(holder)}\n`);

    const waiting = spawn(process.execPath, [CLI, ...run, '--metadata', 'm.json', '--wait'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const waitingNow = new Promise<void>((resolve) =>
      waiting.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('waiting for the run holding')) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => waiting.on('close', resolve));
    await Promise.race([waitingNow, exited]);
    expect(stderr).toContain('waiting for the run holding');

    // What the holder does meanwhile: a run with the default as-of, started after the waiting one, commits.
    await copyFile(join(dir, 'm.json'), join(dir, 'other.json'));
    await generate([...run, '--metadata', 'other.json'], dir);
    await rename(join(dir, 'other.json'), join(dir, 'm.json'));
    await rm(join(dir, 'm.json.lock'));

    expect(await exited, stderr).toBe(0);
    const segments = (JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')) as Recorded).tables.users.segments;
    expect(segments).toHaveLength(3);
    expect(Date.parse(segments[2]?.as_of ?? '')).toBeGreaterThan(Date.parse(segments[1]?.as_of ?? ''));
  });
});
