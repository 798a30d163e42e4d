/**
 * A lock file is read strictly: every field of its holder typed and checked. Any other shape is one line naming the
 * lock and what to do, and the lock is left as it was (a run never breaks a lock it cannot judge).
 */
import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { UserError } from '../dist/src/errors/userError.js';
import { acquireRunLock } from '../dist/src/state/runLock.js';

let dir = '';
beforeEach(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'synthgen-lock-')));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// A live holder on another host: taken as it is, this lock is refused as held (never broken), not as damaged.
const valid = { pid: 1, host: 'another-host.example', started_at: '2026-01-01T00:00:00.000Z', command: 'synthgen ...', token: 'x' };

test.each([
  ['an array', []],
  ['a number', 12],
  ['null', null],
  ['no token', { ...valid, token: undefined }],
  ['an empty token', { ...valid, token: '' }],
  ['a pid as a string', { ...valid, pid: '1' }],
  ['a pid of 0', { ...valid, pid: 0 }],
  ['a fractional pid', { ...valid, pid: 1.5 }],
  ['a host that is not a string', { ...valid, host: 7 }],
  ['a start time that is not a time', { ...valid, started_at: 'yesterday' }],
  ['a command that is not a string', { ...valid, command: ['synthgen'] }],
])('a lock holding %s is refused in one line, and kept', async (_label, holder) => {
  const path = join(dir, 'm.json.lock');
  const text = JSON.stringify(holder);
  await writeFile(path, text);
  const error = await acquireRunLock({ metadataPath: join(dir, 'm.json'), command: 'test' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).message).toBe(`the lock file ${path} is not synthgen's or is damaged: if no synthgen run is using this metadata, delete it and run again`);
  expect(await readFile(path, 'utf8')).toBe(text);
});

test('a complete holder with a field a later synthgen may add is read as a holder', async () => {
  await writeFile(join(dir, 'm.json.lock'), JSON.stringify({ ...valid, added: true }));
  const error = await acquireRunLock({ metadataPath: join(dir, 'm.json'), command: 'test' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect((error as UserError).message).toMatch(/^another synthgen run is using .*m\.json \(pid 1 on /);
});
