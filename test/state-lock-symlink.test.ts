/**
 * The lock belongs to the metadata file, not to the path string: a symlink to the metadata, a dangling symlink (or a
 * chain of them) to where it will be created, and a path through a symlinked folder all name the same metadata, so
 * a second run through any of them is refused while the first holds the lock.
 */
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { UserError } from '../dist/src/errors/userError.js';
import { realMetadataPath } from '../dist/src/state/metadata.js';
import { acquireRunLock } from '../dist/src/state/runLock.js';

let dir = '';
beforeEach(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'synthgen-state-')));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Takes the lock through `first`, then expects a run through `second` to be refused. */
async function refusedWhileHeld(first: string, second: string): Promise<void> {
  const held = await acquireRunLock({ metadataPath: first, command: 'first' });
  try {
    await expect(acquireRunLock({ metadataPath: second, command: 'second' })).rejects.toThrow(/another synthgen run is using/);
  } finally {
    await held.release();
  }
}

describe('the lock is keyed on the real metadata file', () => {
  test('a symlink to an existing metadata file', async () => {
    await writeFile(join(dir, 'm.json'), '{}');
    await symlink('m.json', join(dir, 'link.json'));
    await refusedWhileHeld(join(dir, 'm.json'), join(dir, 'link.json'));
    await refusedWhileHeld(join(dir, 'link.json'), join(dir, 'm.json'));
    expect(await realMetadataPath(join(dir, 'link.json'))).toBe(join(dir, 'm.json'));
  });

  test('a dangling symlink to where the metadata will be created', async () => {
    await symlink('m.json', join(dir, 'link.json'));
    await refusedWhileHeld(join(dir, 'm.json'), join(dir, 'link.json'));
    expect(await realMetadataPath(join(dir, 'link.json'))).toBe(join(dir, 'm.json'));
  });

  test('a chain of dangling symlinks, one of them relative from another folder', async () => {
    await mkdir(join(dir, 'links'));
    await mkdir(join(dir, 'store'));
    await symlink('../store/m.json', join(dir, 'links', 'b.json'));
    await symlink(join(dir, 'links', 'b.json'), join(dir, 'a.json'));
    await refusedWhileHeld(join(dir, 'a.json'), join(dir, 'store', 'm.json'));
    expect(await realMetadataPath(join(dir, 'a.json'))).toBe(join(dir, 'store', 'm.json'));
  });

  test('a path through a symlinked folder, and .. after a symlinked folder', async () => {
    await mkdir(join(dir, 'real', 'deep'), { recursive: true });
    await symlink(join(dir, 'real'), join(dir, 'alias'));
    await symlink(join(dir, 'real', 'deep'), join(dir, 'deeplink'));
    await refusedWhileHeld(join(dir, 'alias', 'm.json'), join(dir, 'real', 'm.json'));
    expect(await realMetadataPath(join(dir, 'alias', 'm.json'))).toBe(join(dir, 'real', 'm.json'));
    // As the kernel resolves it: `deeplink/..` is the parent of the link's target, not `dir`.
    expect(await realMetadataPath(`${dir}/deeplink/../m.json`)).toBe(join(dir, 'real', 'm.json'));
  });

  test('a relative path resolves against the working folder to an absolute path', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await realMetadataPath('m.json')).toBe(join(dir, 'm.json'));
    } finally {
      process.chdir(cwd);
    }
  });

  test('a symlink loop is one line naming the path', async () => {
    await symlink('b.json', join(dir, 'a.json'));
    await symlink('a.json', join(dir, 'b.json'));
    const error = await realMetadataPath(join(dir, 'a.json')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(join(dir, 'a.json'));
    expect((error as UserError).message).not.toContain('\n');
  });
});
