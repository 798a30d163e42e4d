/**
 * A metadata path that cannot be a metadata file gets one line (a UserError) naming the file and what to do, from
 * reading the metadata, taking its lock and committing it: never a stack trace, and never a hang (reading a FIFO
 * blocks until a writer comes, which is never).
 */
import { spawnSync } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { UserError } from '../dist/src/errors/userError.js';
import { commitMetadata, emptyMetadata, loadMetadata } from '../dist/src/state/metadata.js';
import { acquireRunLock } from '../dist/src/state/runLock.js';

let dir = '';
beforeEach(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'synthgen-state-')));
});
afterEach(async () => {
  // Frees a reader stuck opening a FIFO (only code that hangs would be).
  for (const name of await readdir(dir).catch(() => [])) {
    if (name.startsWith('fifo')) await open(join(dir, name), constants.O_WRONLY | constants.O_NONBLOCK).then((h) => h.close(), () => undefined);
  }
  await rm(dir, { recursive: true, force: true });
});

/** The one-line UserError `action` fails with. */
async function oneLine(action: () => Promise<unknown>): Promise<string> {
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a UserError').toBeInstanceOf(UserError);
  const message = (error as UserError).message;
  expect(message).not.toContain('\n');
  return message;
}

const missing = { metadata: emptyMetadata(), legacy: false, exists: false } as const;

/** Every way a run touches the metadata path fails with one line that names `named` and says what to do. */
async function allRefused(path: string, named: string, why: RegExp): Promise<void> {
  for (const [label, action] of [
    ['load', () => loadMetadata(path)],
    ['lock', () => acquireRunLock({ metadataPath: path, command: 'test' })],
    ['commit', () => commitMetadata(path, emptyMetadata(), missing)],
  ] as const) {
    const message = await oneLine(action);
    expect(message, label).toContain(named);
    expect(message, label).toMatch(why);
    expect(message, label).toContain('metadataPath');
  }
}

describe('the metadata path', () => {
  test('under a file (ENOTDIR)', async () => {
    await writeFile(join(dir, 'blocker'), 'a file');
    await allRefused(join(dir, 'blocker', 'm.json'), join(dir, 'blocker'), /not a folder/);
    await allRefused(join(dir, 'blocker', 'sub', 'm.json'), join(dir, 'blocker'), /not a folder/);
  });

  test('is a directory', async () => {
    await mkdir(join(dir, 'm.json'));
    await allRefused(join(dir, 'm.json'), join(dir, 'm.json'), /is a directory, not a file/);
    expect(await readdir(dir)).toEqual(['m.json']);
  });

  test('is a FIFO: refused without reading it', { timeout: 20_000 }, async () => {
    expect(spawnSync('mkfifo', [join(dir, 'fifo.json')]).status).toBe(0);
    await allRefused(join(dir, 'fifo.json'), join(dir, 'fifo.json'), /is a FIFO/);
    expect(await readdir(dir)).toEqual(['fifo.json']);
  });

  test.skipIf(process.getuid?.() !== 0)('is a device (skipped unless root: mknod needs it)', async () => {
    expect(spawnSync('mknod', [join(dir, 'null.json'), 'c', '1', '3']).status).toBe(0);
    await allRefused(join(dir, 'null.json'), join(dir, 'null.json'), /is a character device, not a file/);
    expect(await readdir(dir)).toEqual(['null.json']);
  });

  test('a symlink to a directory is a directory', async () => {
    await mkdir(join(dir, 'folder'));
    await symlink('folder', join(dir, 'm.json'));
    await allRefused(join(dir, 'm.json'), join(dir, 'm.json'), /is a directory, not a file/);
  });
});

describe('the lock path', () => {
  test('<metadata>.lock is a directory', async () => {
    await mkdir(join(dir, 'm.json.lock'));
    const message = await oneLine(() => acquireRunLock({ metadataPath: join(dir, 'm.json'), command: 'test' }));
    expect(message).toContain(join(dir, 'm.json.lock'));
    expect(message).toMatch(/is a directory/);
    expect((await readdir(dir)).sort()).toEqual(['m.json.lock']);
  });

  test('<metadata>.lock is a FIFO', { timeout: 20_000 }, async () => {
    expect(spawnSync('mkfifo', [join(dir, 'fifo.json.lock')]).status).toBe(0);
    const message = await oneLine(() => acquireRunLock({ metadataPath: join(dir, 'fifo.json'), command: 'test' }));
    expect(message).toContain(join(dir, 'fifo.json.lock'));
    expect(message).toMatch(/is a FIFO/);
  });

  test('<metadata>.lock is a symlink (here a dangling one) is refused, not taken for a lock released meanwhile', async () => {
    await symlink('nowhere', join(dir, 'm.json.lock'));
    const message = await oneLine(() => acquireRunLock({ metadataPath: join(dir, 'm.json'), command: 'test' }));
    expect(message).toContain(join(dir, 'm.json.lock'));
    expect(message).toMatch(/is a symbolic link/);
  });

  test('a damaged lock file is one line (kept as it was)', async () => {
    await writeFile(join(dir, 'm.json.lock'), '{"pid": 12');
    const message = await oneLine(() => acquireRunLock({ metadataPath: join(dir, 'm.json'), command: 'test' }));
    expect(message).toContain(join(dir, 'm.json.lock'));
    expect(message).toMatch(/damaged/);
  });

  test('a directory named <metadata>.lock.takeover beside a stale lock fails with one line instead of polling forever', { timeout: 20_000 }, async () => {
    const dead = spawnSync('true');
    expect(dead.pid).toBeGreaterThan(0);
    const stale = { pid: dead.pid, host: hostname(), started_at: '2026-01-01T00:00:00.000Z', command: 'killed', token: 'old' };
    await writeFile(join(dir, 'm.json.lock'), JSON.stringify(stale));
    await mkdir(join(dir, 'm.json.lock.takeover'));
    const message = await oneLine(() => acquireRunLock({ metadataPath: join(dir, 'm.json'), command: 'test' }));
    expect(message).toContain(join(dir, 'm.json.lock.takeover'));
    expect(message).toMatch(/is a directory/);
  });
});
