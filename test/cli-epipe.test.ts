/**
 * `synthgen --json | head`: the reader of stdout goes away before synthgen writes its summary. The write then fails
 * with EPIPE, after the run has committed. That must not read as a crash: no internal error, no stack, the command's
 * own exit code, and the run's result stands.
 */
import { spawn } from 'node:child_process';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AS_OF, CLI, exists, generate, withTempDir } from './helpers/cli.js';

interface ClosedStdoutResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/**
 * Runs the built CLI (relaunching itself, as users run it) with stdout a real pipe whose read end this process
 * closes right away, before anything is written to it: every write to stdout then fails with EPIPE.
 */
function withStdoutClosed(args: readonly string[], cwd: string): Promise<ClosedStdoutResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

function expectQuiet(result: ClosedStdoutResult): void {
  expect(result.stderr).not.toMatch(/internal error|EPIPE|Unhandled|\n\s+at /);
  expect(result.stderr).toBe('');
  expect(result.signal).toBeNull();
}

const RUN = ['--table-names', 'users', '--num-rows', '10', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];

describe('a reader of stdout that goes away (EPIPE) is no error', () => {
  test('generate --json: exit 0, no stack, and the run committed', async () => {
    await withTempDir(async (dir) => {
      const result = await withStdoutClosed([...RUN, '--json'], dir);
      expectQuiet(result);
      expect(result.code).toBe(0);
      const metadata = JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')) as { tables: Record<string, { last_id: number }>; runs: unknown[] };
      expect(metadata.tables.users?.last_id).toBe(10);
      expect(metadata.runs).toHaveLength(1);
      expect(await exists(join(dir, 'm.json.pending.json'))).toBe(false);
      expect(await exists(join(dir, 'm.json.lock'))).toBe(false);
    });
  });

  test('generate, plain summary: exit 0, no stack', async () => {
    await withTempDir(async (dir) => {
      const result = await withStdoutClosed(RUN, dir);
      expectQuiet(result);
      expect(result.code).toBe(0);
      expect(await exists(join(dir, 'm.json'))).toBe(true);
    });
  });

  test('verify --json: its own exit code (0 for a sound dataset, 1 for a violation), no stack', async () => {
    await withTempDir(async (dir) => {
      await generate(RUN, dir);
      const sound = await withStdoutClosed(['verify', '--out', 'data', '--metadata', 'm.json', '--json'], dir);
      expectQuiet(sound);
      expect(sound.code).toBe(0);
      // A file its manifest lists is gone: verify's own answer is 1, and a closed stdout does not change it.
      const [first = ''] = await readdir(join(dir, 'data', 'users'));
      await rm(join(dir, 'data', 'users', first));
      const broken = await withStdoutClosed(['verify', '--out', 'data', '--metadata', 'm.json', '--json'], dir);
      expectQuiet(broken);
      expect(broken.code).toBe(1);
    });
  });

  test('schema --json: exit 0, no stack', async () => {
    await withTempDir(async (dir) => {
      const result = await withStdoutClosed(['schema', '--json'], dir);
      expectQuiet(result);
      expect(result.code).toBe(0);
    });
  });
});
