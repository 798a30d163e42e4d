/**
 * The process a user starts relaunches itself and the run happens in its child (src/cli/relaunch.ts). `kill -9` of
 * the process the user sees must not leave that child going: it would hold the lock against the `--resume` that
 * follows and then commit on its own. The child stops the way SIGTERM stops a run (finished files kept, metadata
 * unchanged), and `--resume` then gives exactly the files of an uninterrupted run.
 */
import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, CLI, exists, generate, synthgen, tableContents, withTempDir } from './helpers/cli.js';

const PARENTS = ['--table-names', 'users,products', '--num-rows', '2000', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];
const ORDERS = ['--table-names', 'orders', '--num-rows', '1500000', '--file-size-limit', '2', '--seed', '3', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The child processes of `pid`, from /proc (every thread's list: Node may spawn from any of them). */
async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const lists = await Promise.all(tasks.map((task) => readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')));
  return lists.flatMap((list) => list.split(' ').filter((word) => word.trim() !== '').map(Number));
}

/** Whether `pid` still runs: a zombie nobody reaps (PID 1 in a container may not) has ended. */
async function running(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return false;
  const state = stat.charAt(stat.lastIndexOf(') ') + 2);
  return state !== 'Z' && state !== 'X';
}

async function until(what: string, condition: () => Promise<boolean>, seconds: number): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 50) {
    if (waited > seconds * 1000) throw new Error(`gave up after ${seconds} s waiting for ${what}`);
    await sleep(50);
  }
}

async function orderFiles(dir: string): Promise<number> {
  return (await readdir(join(dir, 'data', 'orders')).catch(() => [] as string[])).filter((name) => name.endsWith('.parquet')).length;
}

test('kill -9 of the process the user started ends the run in its child; --resume then gives the uninterrupted bytes', async () => {
  await withTempDir(async (dir) => {
    await generate(PARENTS, dir);
    const before = await readFile(join(dir, 'm.json'), 'utf8');
    const parent = spawn(process.execPath, [CLI, ...ORDERS], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const stderrClosed = new Promise((resolve) => parent.stderr.once('close', resolve));
    const parentPid = parent.pid ?? 0;
    let child = 0;
    await until('the relaunched child', async () => ((child = (await childrenOf(parentPid))[0] ?? 0) > 0), 30);
    // Mid-run: some files written, not all (the run makes about 30).
    await until('a first orders file', async () => (await orderFiles(dir)) > 0, 120);

    parent.kill('SIGKILL');
    await until(`the child ${child} to end after its parent was killed`, async () => !(await running(child)), 60);
    // The child's stderr is the pipe this test reads, which it held open: its last words are here once it is gone.
    await stderrClosed;
    expect(stderr).toMatch(/stopped: interrupted by SIGTERM\. Nothing was committed and the metadata is unchanged/);
    expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(before);
    expect(await exists(join(dir, 'm.json.pending.json'))).toBe(true);
    expect(await exists(join(dir, 'm.json.lock'))).toBe(false);

    const resumed = await synthgen(['--resume', '--metadata', 'm.json'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('(finished an interrupted run)');
    await withTempDir(async (clean) => {
      await generate(PARENTS, clean);
      await generate(ORDERS, clean);
      expect(await tableContents(dir, 'orders')).toEqual(await tableContents(clean, 'orders'));
    });
  });
});

test('a relaunched run that ends on its own does not linger for its IPC channel, and the exit code comes through', async () => {
  await withTempDir(async (dir) => {
    const ok = await synthgen(['--table-names', 'users', '--num-rows', '10', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'], dir);
    expect(ok.code, ok.stderr).toBe(0);
    const bad = await synthgen(['--table-names', 'users', '--num-rows', '0'], dir);
    expect(bad.code).toBe(2);
    const schema = await synthgen(['schema'], dir);
    expect(schema.code).toBe(0);
  });
});

test('SIGINT and SIGTERM sent to the process the user started still reach the run: 130 and 143, resumable', async () => {
  await withTempDir(async (dir) => {
    await generate(PARENTS, dir);
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const parent = spawn(process.execPath, [CLI, ...ORDERS], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => parent.on('close', resolve));
      const files = await orderFiles(dir);
      await until('another orders file', async () => (await orderFiles(dir)) > files, 120);
      parent.kill(signal);
      expect(await exited, stderr).toBe(code);
      expect(stderr).toMatch(new RegExp(`stopped: interrupted by ${signal}\\.`));
    }
    const resumed = await synthgen(['--resume', '--metadata', 'm.json'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
  });
});
