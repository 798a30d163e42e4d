/**
 * The test-only hold (src/cli/testHold.ts): a run started with `held(n)` in its environment writes `n` parts, says so
 * on stderr, and waits there until a signal stops it (or SIGCONT continues it), so that a test signals it at a known
 * state instead of racing a run large enough to take long.
 */
import { spawn } from 'node:child_process';
import { CLI } from './cli.js';
import { until } from './processes.js';

/** The environment (this process's, plus the hold) of a run that holds after `parts` parts. */
export function held(parts: number): NodeJS.ProcessEnv {
  return { ...process.env, SYNTHGEN_TEST_HOLD_AFTER_PARTS: String(parts) };
}

/** Waits until `output()` (the run's stderr, or a terminal's text) says the run holds. */
export async function untilHeld(output: () => string, seconds = 120): Promise<void> {
  await until('the run to hold (SYNTHGEN_TEST_HOLD_AFTER_PARTS)', async () => output().includes('synthgen: test hold:'), seconds);
}

/**
 * Runs the CLI in `dir` with `args` until it holds after `parts` parts, then sends `signal`; its exit code and
 * stderr. `env` adds to the environment (an S3 endpoint's settings).
 */
export async function interruptedAfter(dir: string, args: readonly string[], parts: number, signal: NodeJS.Signals = 'SIGINT', env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { ...held(parts), ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const ended = exited.then((code) => {
    throw new Error(`the run exited ${code} before it held: ${stderr}`);
  });
  try {
    await Promise.race([untilHeld(() => stderr), ended]);
  } catch (error: unknown) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    ended.catch(() => undefined);
  }
  child.kill(signal);
  return { code: await exited, stderr };
}
