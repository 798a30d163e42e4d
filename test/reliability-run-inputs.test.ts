/**
 * What a run reads back or is pointed at gets one line, never a stack or a hang: a damaged or unreadable record of
 * an interrupted run (never taken for "no interrupted run"), an output folder that refuses folders, and --resume
 * with flags that ask for something else than the interrupted run.
 *
 * One interrupted run is made for the whole file and copied where a test needs it. The CLI's rendering (one line,
 * exit 2) is checked on spawned runs for one damaged record; the other damaged records are refused by the engine in
 * this process with the UserError the CLI prints after `synthgen: `.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UserError } from '../dist/src/index.js';
import { discardInterruptedRun } from '../dist/src/run/discardRun.js';
import { AS_OF, generate, laterAsOf, synthgen, withTempDir } from './helpers/cli.js';
import { engineResume, engineRun } from './helpers/engine.js';
import { interruptedAfter } from './helpers/heldRun.js';

const BASE = ['--table-names', 'users', '--num-rows', '1000', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
  return lines[0] ?? '';
}

/** What the engine refused `attempt` with: a UserError of one line, exit code 2 (what the CLI prints and exits with). */
async function refusal(attempt: Promise<unknown>): Promise<string> {
  const error: unknown = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UserError);
  const { message, exitCode } = error as UserError;
  expect(exitCode).toBe(2);
  expect(message).not.toContain('\n');
  return message;
}

// One users run stopped after its first part (see interrupted), on top of BASE, for the whole file.
let template = '';
let record: Record<string, unknown> = {};
beforeAll(async () => {
  template = await mkdtemp(join(tmpdir(), 'synthgen-test-'));
  await generate(BASE, template);
  record = await interrupted(template);
});
afterAll(() => rm(template, { recursive: true, force: true }));

/**
 * A users run stopped by Ctrl-C after its first file: its record is left beside m.json. Its as-of is after BASE's, so
 * it can run on top of it (each run continues from its table's last as-of).
 */
async function interrupted(dir: string): Promise<Record<string, unknown>> {
  // Four parts; Ctrl-C once the first is written (SYNTHGEN_TEST_HOLD_AFTER_PARTS, test/helpers/heldRun.ts).
  const args = ['--table-names', 'users', '--num-rows', '40000', '--file-size-limit', '1', '--seed', '2', '--as-of', laterAsOf(1), '--out', 'data', '--metadata', 'm.json'];
  expect((await interruptedAfter(dir, args, 1)).code).toBe(130);
  return JSON.parse(await readFile(join(dir, 'm.json.pending.json'), 'utf8')) as Record<string, unknown>;
}

describe('the record of an interrupted run', () => {
  const tampered: [string, (r: Record<string, unknown>) => unknown][] = [
    ['without "reserved"', ({ reserved: _, ...rest }) => rest],
    ['with "written" null', (r) => ({ ...r, written: null })],
    ['with a written part outside its plan', (r) => ({ ...r, written: { users: { '99999': { sha256: 'a'.repeat(64), bytes: 1, inode: 1 } } } })],
    ['with a stamp that is a path', (r) => ({ ...r, stamp: '../../etc' })],
    ['with a relative out', (r) => ({ ...r, out: 'data/../..' })],
    ['in the old format (parts listed)', (r) => ({ ...r, format_version: undefined, parts: [null] })],
  ];
  // The interrupted run copied for each case: the record is refused before anything reads the files it names.
  const unreadable = /the record of an interrupted run, \S+m\.json\.pending\.json, is unreadable/;
  for (const [index, [what, edit]] of tampered.entries()) {
    const how = index === 0 ? 'the CLI prints one line naming it, exit 2' : 'refused naming it (UserError, exit 2)';
    test(`${what}: ${how}, record and metadata kept`, async () => {
      await withTempDir(async (dir) => {
        await cp(template, dir, { recursive: true });
        const metadata = await readFile(join(dir, 'm.json'), 'utf8');
        const text = JSON.stringify(edit(record));
        await writeFile(join(dir, 'm.json.pending.json'), text);
        if (index === 0) {
          for (const args of [['--resume', '--metadata', 'm.json'], BASE, ['--discard-interrupted', '--metadata', 'm.json']]) {
            const result = await synthgen(args, dir);
            expect(result.code).toBe(2);
            expect(oneLine(result.stderr)).toMatch(unreadable);
          }
        } else {
          // --resume, the same run again (BASE), --discard-interrupted.
          expect(await refusal(engineResume(dir))).toMatch(unreadable);
          expect(await refusal(engineRun(dir, { tables: ['users'], rows: { users: 1000 } }))).toMatch(unreadable);
          expect(await refusal(discardInterruptedRun(join(dir, 'm.json'), 'synthgen --discard-interrupted (a test, in-process)'))).toMatch(unreadable);
        }
        expect(await readFile(join(dir, 'm.json.pending.json'), 'utf8')).toBe(text);
        expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(metadata);
      });
    });
  }

  test('one that cannot be read (a folder in its place) is not taken for none: the next run stops', async () => {
    await withTempDir(async (dir) => {
      // BASE's metadata, with a folder where the record was.
      await cp(template, dir, { recursive: true });
      const metadata = await readFile(join(dir, 'm.json'), 'utf8');
      await rm(join(dir, 'm.json.pending.json'));
      await mkdir(join(dir, 'm.json.pending.json'));
      const result = await synthgen(BASE, dir);
      expect(result.code).toBe(2);
      expect(oneLine(result.stderr)).toMatch(/is unreadable \(.*(directory|EISDIR).*\)/i);
      expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(metadata);
    });
  });
});

test('--resume with --table-names or --num-rows other than the interrupted run’s is refused, naming what to pass', async () => {
  await withTempDir(async (dir) => {
    await cp(template, dir, { recursive: true });
    const other = await synthgen(['--resume', '--table-names', 'users', '--num-rows', '10', '--metadata', 'm.json'], dir);
    expect(other.code).toBe(2);
    expect(oneLine(other.stderr)).toMatch(/--resume finishes run \S+ as it was started .* differs in --num-rows: drop the flag or pass --num-rows users=40000$/);
    const seed = await synthgen(['--resume', '--seed', '3', '--metadata', 'm.json'], dir);
    expect(seed.code).toBe(2);
    expect(oneLine(seed.stderr)).toMatch(/differs in --seed: drop the flag or pass --seed 2$/);
    // The interrupted run had no --since: one now would ask for another history.
    const since = await synthgen(['--resume', '--since', '2024-01-01', '--metadata', 'm.json'], dir);
    expect(since.code).toBe(2);
    expect(oneLine(since.stderr)).toMatch(/--resume finishes run \S+ as it was started .*, which differs in --since: drop the flag$/);
    // The same values are accepted, and finish it.
    const same = await synthgen(['--resume', '--table-names', 'users', '--num-rows', '40000', '--metadata', 'm.json', '--file-size-limit', '1'], dir);
    expect(same.stderr).not.toMatch(/differs/);
    expect(same.code).toBe(0);
  });
});

test('an output folder whose parent refuses folders (/proc/self) gets one line, not a hang', async () => {
  await withTempDir(async (dir) => {
    const result = await synthgen(['--table-names', 'users', '--num-rows', '10', '--out', '/proc/self', '--metadata', 'm.json'], dir);
    expect(result.code).toBe(2);
    expect(oneLine(result.stderr)).toMatch(/^synthgen: cannot write to output folder \/proc\/self\/users .*: pass --out with a writable folder$/);
    await rm(join(dir, 'm.json'), { force: true });
  });
});
