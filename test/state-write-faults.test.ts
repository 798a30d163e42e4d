/**
 * A write that fails for a reason the user can fix (a full disk, a read-only file system, no permission, the
 * process's file-size limit) is one line naming the file and what to do, from the lock, from atomicWrite (the pending
 * record, the manifest and the metadata) and from the commit; and it leaves no temporary file behind.
 *
 * The full and read-only disks are a real, tiny tmpfs: this needs `mount` (root). Where mount is not permitted those
 * tests are skipped, saying so.
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { atomicWrite } from '../dist/src/files/atomicWrite.js';
import { UserError } from '../dist/src/errors/userError.js';
import { commitMetadata, emptyMetadata } from '../dist/src/state/metadata.js';
import { acquireRunLock } from '../dist/src/state/runLock.js';

const missing = { metadata: emptyMetadata(), legacy: false, exists: false } as const;
const big = 'x'.repeat(64 * 1024);

async function userError(action: () => Promise<unknown>): Promise<UserError> {
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a UserError').toBeInstanceOf(UserError);
  expect((error as UserError).message).not.toContain('\n');
  return error as UserError;
}

const mountPoint = await mkdtemp(join(tmpdir(), 'synthgen-tmpfs-'));
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0755', 'tmpfs', mountPoint]).status === 0;
afterAll(async () => {
  if (mounted) spawnSync('umount', [mountPoint]);
  await rmdir(mountPoint);
});

describe.skipIf(!mounted)('on a tiny tmpfs (skipped where mount -t tmpfs is not permitted)', () => {
  describe('full (ENOSPC)', () => {
    beforeEach(async () => {
      // Fills it: the write stops part-way with ENOSPC and what was written stays.
      await writeFile(join(mountPoint, 'filler'), Buffer.alloc(1 << 20)).catch(() => undefined);
    });
    afterEach(async () => {
      await rm(join(mountPoint, 'filler'), { force: true });
    });

    test('atomicWrite: exit code 3, names the file, leaves no temporary', async () => {
      const path = join(mountPoint, 'm.json');
      const error = await userError(() => atomicWrite(path, big));
      expect(error.exitCode).toBe(3);
      expect(error.message).toBe(`no space left on the device while writing ${path}: free some space, or pass another out/metadataPath`);
      expect(await readdir(mountPoint)).toEqual(['filler']);
    });

    test('the lock: exit code 3, names the lock, leaves no temporary', async () => {
      const error = await userError(() => acquireRunLock({ metadataPath: join(mountPoint, 'm.json'), command: 'test' }));
      expect(error.exitCode).toBe(3);
      expect(error.message).toContain(`no space left on the device while writing ${join(mountPoint, 'm.json.lock')}`);
      expect(await readdir(mountPoint)).toEqual(['filler']);
    });

    test('the commit: exit code 3', async () => {
      const error = await userError(() => commitMetadata(join(mountPoint, 'm.json'), emptyMetadata(), missing));
      expect(error.exitCode).toBe(3);
      expect(error.message).toContain(join(mountPoint, 'm.json'));
      expect(await readdir(mountPoint)).toEqual(['filler']);
    });
  });

  describe('read-only (EROFS)', () => {
    beforeEach(() => {
      expect(spawnSync('mount', ['-o', 'remount,ro', mountPoint]).status).toBe(0);
    });
    afterEach(() => {
      spawnSync('mount', ['-o', 'remount,rw', mountPoint]);
    });

    test('atomicWrite and the lock say the file system is read-only', async () => {
      const path = join(mountPoint, 'm.json');
      const written = await userError(() => atomicWrite(path, 'x'));
      expect(written.exitCode).toBe(2);
      expect(written.message).toContain(path);
      expect(written.message).toMatch(/read-only.*out\/metadataPath/);
      const locked = await userError(() => acquireRunLock({ metadataPath: path, command: 'test' }));
      expect(locked.message).toContain(`${path}.lock`);
      expect(locked.message).toMatch(/read-only.*metadataPath/);
    });
  });
});

describe('no permission (EACCES)', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'synthgen-state-'));
  });
  afterEach(async () => {
    await chmod(dir, 0o700);
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs `action` where `dir` is not writable: as root, with the effective uid of nobody for the moment. */
  async function unwritable<T>(action: () => Promise<T>): Promise<T> {
    const root = process.getuid?.() === 0;
    await chmod(dir, root ? 0o755 : 0o555);
    if (root) process.seteuid?.(65534);
    try {
      return await action();
    } finally {
      if (root) process.seteuid?.(0);
    }
  }

  test('atomicWrite and the lock say permission is denied, and what to do', async () => {
    const path = join(dir, 'm.json');
    const written = await unwritable(() => userError(() => atomicWrite(path, 'x')));
    expect(written.exitCode).toBe(2);
    expect(written.message).toMatch(new RegExp(`${path}.*permission denied.*out/metadataPath`));
    const locked = await unwritable(() => userError(() => acquireRunLock({ metadataPath: path, command: 'test' })));
    expect(locked.message).toMatch(/permission denied.*metadataPath/);
    expect(await readdir(dir)).toEqual([]);
  });
});

function fileSizeLimit(): string | undefined {
  const result = spawnSync('prlimit', ['--pid', String(process.pid), '--fsize', '--output=SOFT,HARD', '--noheadings', '--raw'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().replace(/\s+/, ':') : undefined;
}
const limit = fileSizeLimit();

describe.skipIf(limit === undefined)('the file-size limit (EFBIG; skipped without prlimit)', () => {
  test('atomicWrite: exit code 3, says to raise the limit, leaves no temporary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'synthgen-state-'));
    try {
      // Node ignores SIGXFSZ, so the write fails with EFBIG instead of killing the process.
      expect(spawnSync('prlimit', ['--pid', String(process.pid), '--fsize=4096:']).status).toBe(0);
      let error: UserError;
      try {
        error = await userError(() => atomicWrite(join(dir, 'm.json'), big));
      } finally {
        spawnSync('prlimit', ['--pid', String(process.pid), `--fsize=${limit}`]);
      }
      expect(error.exitCode).toBe(3);
      expect(error.message).toContain(join(dir, 'm.json'));
      expect(error.message).toMatch(/file-size limit/);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
