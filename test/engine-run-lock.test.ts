import { spawn, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AS_OF, CLI, exists, generate, laterAsOf, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';
import { held, untilHeld } from './helpers/heldRun.js';
import { until } from './helpers/processes.js';

interface Segment {
  first_id: number;
  last_id: number;
}

/**
 * Starts a users run in the background that holds, once its first part is written, until it is continued (SIGCONT:
 * SYNTHGEN_TEST_HOLD_AFTER_PARTS, test/helpers/heldRun.ts); resolves once it holds, the lock with it.
 */
async function startHeldRun(dir: string, seed: string) {
  const child = spawn(process.execPath, [CLI, '--table-names', 'users', '--num-rows', '40000', '--file-size-limit', '1', '--seed', seed, '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'], {
    cwd: dir,
    env: held(1),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await untilHeld(() => stderr);
  expect(await exists(join(dir, 'm.json.lock'))).toBe(true);
  return { exited, stderr: () => stderr, proceed: () => child.kill('SIGCONT') };
}

describe('one run at a time per metadata file', () => {
  test('a second run fails naming the holder; with --wait it runs after, and no ID is reserved twice', async () => {
    await withTempDir(async (dir) => {
      const first = await startHeldRun(dir, '1');
      const lock = JSON.parse(await readFile(join(dir, 'm.json.lock'), 'utf8')) as { pid: number; host: string };

      // Later as-ofs: a run on top of the first continues from its as-of.
      const refused = await synthgen(['--table-names', 'users', '--num-rows', '1000', '--seed', '2', '--as-of', laterAsOf(1), '--out', 'data', '--metadata', 'm.json'], dir);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toContain(`another synthgen run is using m.json (pid ${lock.pid} on ${lock.host}, started `);
      expect(refused.stderr).toContain('--wait');

      const waiting = spawn(process.execPath, [CLI, '--table-names', 'users', '--num-rows', '1000', '--seed', '3', '--as-of', laterAsOf(1), '--out', 'data', '--metadata', 'm.json', '--wait'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      let waitedStderr = '';
      waiting.stderr.on('data', (c: Buffer) => (waitedStderr += c.toString()));
      const waitedCode = new Promise<number | null>((resolve) => waiting.on('close', resolve));
      await until('the second run to wait for the lock', async () => /waiting for the run holding/.test(waitedStderr), 120);
      // The first run goes on to its end; the waiting one runs after it.
      first.proceed();
      expect(await first.exited, first.stderr()).toBe(0);
      expect(await waitedCode, waitedStderr).toBe(0);

      const metadata = JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')) as { tables: { users: { last_id: number; segments: Segment[] } } };
      const segments = metadata.tables.users.segments;
      expect(segments.map((s) => [s.first_id, s.last_id])).toEqual([
        [1, 40_000],
        [40_001, 41_000],
      ]);
      const [keys] = await query(`SELECT count(*) AS n, count(DISTINCT user_id) AS d, min(user_id) AS lo, max(user_id) AS hi FROM ${await tableSql(join(dir, 'data'), 'users')}`);
      expect(keys).toEqual({ n: '41000', d: '41000', lo: '1', hi: '41000' });
      expect(await exists(join(dir, 'm.json.lock'))).toBe(false);
    });
  });

  test('a lock left by a dead process on this host is taken over', async () => {
    await withTempDir(async (dir) => {
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      const pid = Number(dead.stdout);
      const stale = { pid, host: hostname(), started_at: '2026-01-01T00:00:00.000Z', command: 'synthgen (killed)', token: 'old' };
      await writeFile(join(dir, 'm.json.lock'), JSON.stringify(stale));
      const result = await generate(['--table-names', 'users', '--num-rows', '1000', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'], dir);
      expect(result.stderr).toContain(`took over a lock left by pid ${pid}`);
      expect(await exists(join(dir, 'm.json.lock'))).toBe(false);
      expect(await exists(join(dir, 'm.json'))).toBe(true);
    });
  });

  test('a lock held on another host is never broken: the run fails and says how to clear it', async () => {
    await withTempDir(async (dir) => {
      const remote = { pid: 1, host: 'another-host.example', started_at: '2026-01-01T00:00:00.000Z', command: 'synthgen ...', token: 'x' };
      await writeFile(join(dir, 'm.json.lock'), JSON.stringify(remote));
      const result = await synthgen(['--table-names', 'users', '--num-rows', '1000', '--out', 'data', '--metadata', 'm.json'], dir);
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain('pid 1 on another-host.example');
      expect(result.stderr).toContain('delete m.json.lock');
      expect(await readFile(join(dir, 'm.json.lock'), 'utf8')).toBe(JSON.stringify(remote));
      expect(await exists(join(dir, 'm.json'))).toBe(false);
      expect(await exists(join(dir, 'data', 'users'))).toBe(false);
    });
  });
});
