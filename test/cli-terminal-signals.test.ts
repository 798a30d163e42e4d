/**
 * Signals as a terminal sends them. Ctrl-C goes to every process of the terminal's foreground process group; the
 * process a user starts relaunches itself (src/cli/relaunch.ts), so if the run's process were in that group too it
 * would get the interrupt twice, once from the terminal and once forwarded, and the second one exits at once. One
 * Ctrl-C must be one interrupt: the clean stop, exit 130. Ctrl-Z must stop the whole run, and `fg` continue it.
 * Needs util-linux's `script` for a pseudo-terminal (skipped without it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, CLI, generate, parquetFiles, synthgen, withTempDir } from './helpers/cli.js';
import { held, untilHeld } from './helpers/heldRun.js';
import { processState as state, relaunchedChild, until } from './helpers/processes.js';

const PARENTS = ['--table-names', 'products', '--num-rows', '2000', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];
// Six parts of about 1 MB; runs hold after one (SYNTHGEN_TEST_HOLD_AFTER_PARTS, test/helpers/heldRun.ts). Users: a
// signal stops a run of theirs as any table's, at a fifth of the cost per part of orders (which compute their lines
// twice).
const USERS = ['--table-names', 'users', '--num-rows', '60000', '--file-size-limit', '1', '--seed', '2', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];
const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

const userFiles = async (dir: string) => (await parquetFiles(join(dir, 'data'), 'users')).length;

test.skipIf(!HAS_SCRIPT)('Ctrl-C in a terminal is one interrupt: the clean stop, exit 130, resumable', async () => {
  await withTempDir(async (dir) => {
    await generate(PARENTS, dir);
    // script(1) runs the command on a pseudo-terminal as its foreground job and types what it reads on its stdin.
    const command = ['exec', quote(process.execPath), quote(CLI), ...USERS.map(quote)].join(' ');
    const terminal = spawn('script', ['-qefc', command, '/dev/null'], { cwd: dir, env: held(1), stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    terminal.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => terminal.on('close', resolve));
    await untilHeld(() => output);
    expect(await userFiles(dir)).toBe(1);
    terminal.stdin.write('\x03');
    const code = await exited;
    const text = output.replaceAll('\r', '\n');
    expect(text).toMatch(/stopped: interrupted by SIGINT\. Nothing was committed and the metadata is unchanged/);
    expect(text).not.toMatch(/stopped by SIGINT; metadata unchanged/);
    expect(code, text).toBe(130);
    const resumed = await synthgen(['--resume', '--metadata', 'm.json'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
  });
});

test('Ctrl-Z (SIGTSTP to the process the user started) stops the run in its child; SIGCONT continues it to the end', async () => {
  await withTempDir(async (dir) => {
    await generate(PARENTS, dir);
    // The run holds after its first file until it is continued (SIGCONT ends the hold): the stop lands mid-run.
    const parent = spawn(process.execPath, [CLI, ...USERS], { cwd: dir, env: held(1), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => parent.on('close', resolve));
    let child = 0;
    try {
      child = await relaunchedChild(parent.pid ?? 0);
      await untilHeld(() => stderr);
      parent.kill('SIGTSTP');
      await until('the parent to stop', async () => (await state(parent.pid ?? 0)) === 'T', 30);
      await until('the child to stop', async () => (await state(child)) === 'T', 30);
      expect(await userFiles(dir)).toBe(1);
      parent.kill('SIGCONT');
      await until('the child to go on', async () => (await state(child)) !== 'T', 30);
      expect(await exited, stderr).toBe(0);
      expect(await userFiles(dir)).toBe(6);
    } finally {
      // A failure must not leave either process stopped or running.
      parent.kill('SIGKILL');
      if (child > 0 && (await state(child)) !== '') process.kill(child, 'SIGKILL');
    }
  });
});
