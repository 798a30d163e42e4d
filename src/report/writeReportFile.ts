/**
 * Writing the report's HTML file: never half a page (a temporary file beside it, flushed, then moved into place),
 * and never over a file that is there unless asked to (`force`): without it the temporary file is hard-linked to
 * the name, which fails if the name was taken in the meantime, so even a file created while the report was
 * computed is kept.
 *
 * `force` replaces only a regular file. Whatever else is at the name (a device such as /dev/null, a FIFO, a socket,
 * a folder) is refused, and so is a symbolic link, even to a regular file: moving the page into place replaces the
 * link itself, not what it points at, and writing through it instead would write wherever the link leads (a device,
 * another user's file), which the name the user typed does not show. Refusing is the one answer that never surprises.
 */
import { link, lstat, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isErrno } from '../errors/errno.js';
import { UserError } from '../errors/userError.js';
import type { Vocabulary } from '../errors/vocabulary.js';
import { writeFailure } from '../errors/writeFailure.js';
import { fileKind } from '../files/regularFile.js';
import { writeTemporary } from '../files/temporaryFile.js';

const elsewhere = (w: Vocabulary) => `pass another ${w.reportFile}`;

const taken = (path: string) => new UserError((w) => `${path} already exists: pass ${w.force} to replace it, or ${w.reportFile} to write the report elsewhere`);

/** Whether a regular file is at `path`; anything else there is refused, whether or not `force` is given. */
async function refuseUnlessRegular(path: string): Promise<boolean> {
  const existing = await lstat(path).catch((error: unknown) => {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw writeFailure(path, error, elsewhere);
  });
  if (!existing) return false;
  const kind = fileKind(existing);
  if (kind === 'directory') throw new UserError((w) => `cannot write ${path}: it is a folder; ${elsewhere(w)}`);
  // Every kind fileKind names takes "a": symbolic link, FIFO (named pipe), character device, socket, ...
  if (kind) throw new UserError((w) => `cannot write ${path}: it is a ${kind}, and the report replaces only a regular file (even with ${w.force}); ${elsewhere(w)}`);
  return true;
}

/** Refuses, before any work is done, a path the report could not be written to. */
export async function checkReportPath(path: string, force: boolean): Promise<void> {
  const folder = dirname(path);
  const stats = await stat(folder).catch(() => undefined);
  if (!stats?.isDirectory()) throw new UserError((w) => `cannot write ${path}: ${folder} is not a folder; create it or ${elsewhere(w)}`);
  if ((await refuseUnlessRegular(path)) && !force) throw taken(path);
}

/** Writes `html` at `path`; returns its size in bytes. */
export async function writeReportFile(path: string, html: string, force: boolean): Promise<number> {
  const bytes = Buffer.from(html, 'utf8');
  const temporary = await writeTemporary(path, bytes);
  try {
    // Looked at again: the dataset took a while to read, and what is at the name may have changed since the check.
    if (force) {
      await refuseUnlessRegular(path);
      await rename(temporary, path);
    } else await link(temporary, path);
  } catch (error: unknown) {
    if (error instanceof UserError) throw error;
    if (!force && isErrno(error, 'EEXIST')) throw taken(path);
    throw writeFailure(path, error, elsewhere);
  } finally {
    // After a link the temporary name is a second name of the file; after a rename it is gone (nothing to do).
    await unlink(temporary).catch(() => undefined);
  }
  return bytes.length;
}
