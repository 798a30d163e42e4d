/**
 * The first half of replacing a file safely (atomicWrite.ts) or of creating it only if it is free: the new content
 * in a temporary file beside it, named `<path>.<8 hex>.tmp` (the next run under the lock removes any a kill left,
 * see leftoverTemporaries.ts), flushed to the disk.
 */
import { randomUUID } from 'node:crypto';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { writeFailure } from '../errors/writeFailure.js';

/** Returns the temporary file's path. A failure leaves nothing behind and is reported against `path`. */
export async function writeTemporary(path: string, data: string | Uint8Array): Promise<string> {
  const temporary = `${path}.${randomUUID().slice(0, 8)}.tmp`;
  let handle: FileHandle;
  try {
    handle = await open(temporary, 'wx');
  } catch (error: unknown) {
    throw writeFailure(path, error);
  }
  let closed = false;
  try {
    await handle.writeFile(data);
    await handle.sync();
    closed = true;
    // Some file systems (NFS) report a full disk only when the file is closed.
    await handle.close();
    return temporary;
  } catch (error: unknown) {
    if (!closed) await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw writeFailure(path, error);
  }
}
