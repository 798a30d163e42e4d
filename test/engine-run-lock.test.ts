import { spawn, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AS_OF, CLI, exists, generate, laterAsOf, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';

interface Segment {
  first_id: number;
  last_id: number;
}

/** Starts a long users run in the background; resolves once it holds the lock. */
async function startLongRun(dir: string, seed: string) {
  const child = spawn(
    process.execPath,
    [CLI, '--table-names', 'users', '--num-rows', '1500000', '--file-size-limit', '8', '--seed', seed, '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  for (let i = 0; i < 600 && !(await exists(join(dir, 'm.json.lock'))); i += 1) await new Promise((r) => setTimeout(r, 50));
  expect(await exists(join(dir, 'm.json.lock'))).toBe(true);
  return { exited, stderr: () => stderr };
}

describe('one run at a time per metadata file', () => {
  test('a second run fails naming the holder; with --wait it runs after, and no ID is reserved twice', async () => {
    await withTempDir(async (dir) => {
      const first = await startLongRun(dir, '1');
      const lock = JSON.parse(await readFile(join(dir, 'm.json.lock'), 'utf8')) as { pid: number; host: string };

      // Later as-ofs: a run on top of the first continues from its as-of.
      const refused = await synthgen(['--table-names', 'users', '--num-rows', '1000', '--seed', '2', '--as-of', laterAsOf(1), '--out', 'data', '--metadata', 'm.json'], dir);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toContain(`another synthgen run is using m.json (pid ${lock.pid} on ${lock.host}, started `);
      expect(refused.stderr).toContain('--wait');

      const waited = await synthgen(['--table-names', 'users', '--num-rows', '1000', '--seed', '3', '--as-of', laterAsOf(1), '--out', 'data', '--metadata', 'm.json', '--wait'], dir);
      expect(waited.code, waited.stderr).toBe(0);
      expect(await first.exited).toBe(0);
      expect(waited.stderr).toMatch(/waiting for the run holding/);

      const metadata = JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')) as { tables: { users: { last_id: number; segments: Segment[] } } };
      const segments = metadata.tables.users.segments;
      expect(segments.map((s) => [s.first_id, s.last_id])).toEqual([
        [1, 1_500_000],
        [1_500_001, 1_501_000],
      ]);
      const [keys] = await query(`SELECT count(*) AS n, count(DISTINCT user_id) AS d, min(user_id) AS lo, max(user_id) AS hi FROM ${await tableSql(join(dir, 'data'), 'users')}`);
      expect(keys).toEqual({ n: '1501000', d: '1501000', lo: '1', hi: '1501000' });
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
