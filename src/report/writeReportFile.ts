/**
 * Writing the report's HTML file: never half a page (a temporary file beside it, flushed, then moved into place),
 * and never over a file that is there unless asked to (`force`): without it the temporary file is hard-linked to
 * the name, which fails if the name was taken in the meantime, so even a file created while the report was
 * computed is kept.
 */
import { link, lstat, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isErrno } from '../errors/errno.js';
import { UserError } from '../errors/userError.js';
import { writeFailure } from '../errors/writeFailure.js';
import { writeTemporary } from '../files/temporaryFile.js';

const ELSEWHERE = 'pass another --file';

const taken = (path: string) => new UserError(`${path} already exists: pass --force to replace it, or --file to write the report elsewhere`);

/** Refuses, before any work is done, a path the report could not be written to. */
export async function checkReportPath(path: string, force: boolean): Promise<void> {
  const folder = dirname(path);
  const stats = await stat(folder).catch(() => undefined);
  if (!stats?.isDirectory()) throw new UserError(`cannot write ${path}: ${folder} is not a folder; create it or ${ELSEWHERE}`);
  const existing = await lstat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new UserError(`cannot write ${path}: it is a folder; ${ELSEWHERE}`);
  if (existing && !force) throw taken(path);
}

/** Writes `html` at `path`; returns its size in bytes. */
export async function writeReportFile(path: string, html: string, force: boolean): Promise<number> {
  const bytes = Buffer.from(html, 'utf8');
  const temporary = await writeTemporary(path, bytes);
  try {
    if (force) await rename(temporary, path);
    else await link(temporary, path);
  } catch (error: unknown) {
    if (!force && isErrno(error, 'EEXIST')) throw taken(path);
    throw writeFailure(path, error, ELSEWHERE);
  } finally {
    // After a link the temporary name is a second name of the file; after a rename it is gone (nothing to do).
    await unlink(temporary).catch(() => undefined);
  }
  return bytes.length;
}
