/**
 * Ctrl-C while files are being uploaded stops the uploads too: the ones under way finish, the finished files still
 * waiting for their turn stay in staging (the run's record knows them), and the run exits 130 without uploading
 * them; the same command then uploads them and commits. A store that never answers the preflight does not keep a stopped run
 * from ending either.
 */
import { spawn } from 'node:child_process';
import { type Socket, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AS_OF, CLI, exists, parquetFiles, synthgen, withTempDir } from './helpers/cli.js';
import { BUCKET, type S3Server, s3Env, startFaultProxy, startS3 } from './helpers/s3.js';
import { until } from './helpers/processes.js';

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
});

function start(dir: string, args: readonly string[]) {
  const parent = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, ...s3Env() }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => parent.on('close', resolve));
  return { parent, exited, stderr: () => stderr };
}

test('Ctrl-C during uploads: queued files stay in staging, exit 130; the same command then uploads them and commits', async () => {
  // Every request held 1.5 s: one upload at a time falls behind generation, which waits with files queued.
  const proxy = await startFaultProxy(s3.endpoint, { slowEvery: 1, slowMs: 1500 });
  try {
    await withTempDir(async (dir) => {
      const args = ['--table-names', 'users', '--num-rows', '60000', '--file-size-limit', '1', '--seed', '4', '--as-of', AS_OF, '--out', 'staging', '--metadata', 'm.json'];
      const s3Args = ['--s3-bucket', `s3://${BUCKET}/stop`, '--s3-endpoint', proxy.endpoint, '--upload-concurrency', '1', '--workers', '2'];
      const run = start(dir, [...args, ...s3Args]);
      await until('a first object upload', async () => proxy.forwarded.some((request) => request.startsWith('PUT ') && request.includes('.parquet')), 120);
      run.parent.kill('SIGINT');
      expect(await run.exited, run.stderr()).toBe(130);
      expect(run.stderr()).toMatch(/stopped: interrupted by SIGINT\. Nothing was committed; \d+ of \d+ files are in s3:\/\//);
      expect(await exists(join(dir, 'm.json.lock'))).toBe(false);
      // An uploaded file's staging copy is removed: what is left was finished and never uploaded.
      const waiting = await parquetFiles(join(dir, 'staging'), 'users');
      expect(waiting.length).toBeGreaterThan(0);

      proxy.plan.slowEvery = 0;
      const resumed = await synthgen([...args, ...s3Args], dir, s3Env());
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(await parquetFiles(join(dir, 'staging'), 'users')).toEqual([]);
    });
  } finally {
    await proxy.close();
  }
});

test('a store that never answers the preflight does not hold a stopped run', async () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    await withTempDir(async (dir) => {
      const args = ['--table-names', 'users', '--num-rows', '1000', '--seed', '4', '--as-of', AS_OF, '--out', 'staging', '--metadata', 'm.json', '--s3-bucket', `s3://${BUCKET}/silent`, '--s3-endpoint', `http://127.0.0.1:${port}`];
      const run = start(dir, args);
      await until('the preflight to reach the store', async () => sockets.length > 0, 60);
      run.parent.kill('SIGINT');
      expect(await run.exited, run.stderr()).toBe(130);
      expect(run.stderr()).toMatch(/stopped: interrupted by SIGINT before it wrote any file/);
      expect(await exists(join(dir, 'm.json.lock'))).toBe(false);
    });
  } finally {
    for (const socket of sockets) socket.destroy();
    silent.close();
  }
});
