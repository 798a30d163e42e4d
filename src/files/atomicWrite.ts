/**
 * Replaces a file so that a crash at any moment leaves either the old content or the new, never a mix: write a
 * temporary file beside it, fsync, rename over, fsync the folder (so the rename itself survives a power loss). A
 * failure the user can fix (a full disk, no permission, ...) is one line naming the file (writeFailure.ts), and
 * leaves no temporary file behind.
 */
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFailure } from '../errors/writeFailure.js';
import { writeTemporary } from './temporaryFile.js';

export async function atomicWrite(path: string, text: string): Promise<void> {
  const temporary = await writeTemporary(path, text);
  try {
    await rename(temporary, path);
  } catch (error: unknown) {
    await unlink(temporary).catch(() => undefined);
    throw writeFailure(path, error);
  }
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
