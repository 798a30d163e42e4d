/**
 * After kill -9 of a run, its process stays a zombie until its parent reaps it; a zombie is dead, so its lock is
 * stale and is taken over.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type LockHolder, acquireRunLock } from '../dist/src/state/runLock.js';

let dir = '';
let parent: ChildProcess | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-state-'));
});
afterEach(async () => {
  parent?.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

function stateOf(pid: number): Promise<string> {
  return readFile(`/proc/${pid}/stat`, 'utf8').then((text) => text.slice(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3));
}

test.skipIf(process.platform !== 'linux')('a lock held by a killed process that is still a zombie is taken over', async () => {
  // The shell starts the lock's holder, then becomes `sleep`, which never reaps it.
  parent = spawn('sh', ['-c', 'sleep 1000 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const holderPid = await new Promise<number>((resolve) => parent?.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
  expect(holderPid).toBeGreaterThan(0);
  const stale: LockHolder = { pid: holderPid, host: hostname(), started_at: '2026-01-01T00:00:00.000Z', command: 'synthgen (killed)', token: 'old' };
  await writeFile(join(dir, 'm.json.lock'), JSON.stringify(stale));

  // Kill it only once the shell has become `sleep`: a shell still running would reap it, and no zombie would stay.
  const parentPid = parent.pid ?? 0;
  const command = () => readFile(`/proc/${parentPid}/comm`, 'utf8').then((text) => text.trim());
  for (let i = 0; i < 500 && (await command()) !== 'sleep'; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(await command()).toBe('sleep');
  process.kill(holderPid, 'SIGKILL');
  for (let i = 0; i < 500 && (await stateOf(holderPid)) !== 'Z'; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(await stateOf(holderPid)).toBe('Z');

  const heard: LockHolder[] = [];
  const lock = await acquireRunLock({ metadataPath: join(dir, 'm.json'), command: 'test', onStale: (holder) => heard.push(holder) });
  try {
    expect(heard).toEqual([stale]);
    expect(JSON.parse(await readFile(join(dir, 'm.json.lock'), 'utf8'))).toMatchObject({ pid: process.pid, token: lock.holder.token });
  } finally {
    await lock.release();
  }
});
