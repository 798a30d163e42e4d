/**
 * The folders a run writes into inside --out (`<out>/_runs`, `<out>/<table>`) must be real folders: through a
 * symbolic link there, the manifest and the Parquet files went wherever it pointed (`/etc`), outside the dataset,
 * and verify, which reads only real folders inside it, then rejected the dataset. --out itself may be a link: it is
 * the folder the user named.
 */
import { lstat, readlink } from 'node:fs/promises';
import { isErrno, reasonOf } from '../errors/errno.js';
import { UserError } from '../errors/userError.js';
import { shownPath } from './shownPath.js';

/** Refuses a symbolic link at `path` (dangling or not) with one line; nothing there, or a folder, passes. */
export async function refuseLinkedFolder(path: string): Promise<void> {
  const found = await lstat(path).catch((error: unknown) => {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw new UserError(`cannot check output folder ${shownPath(path)} (${reasonOf(error)}): pass another --out`);
  });
  if (!found?.isSymbolicLink()) return;
  const target = await readlink(path).catch(() => 'somewhere');
  throw new UserError(
    `output folder ${shownPath(path)} is a symbolic link (to ${target}): a run writes only into real folders inside --out, the only ones verify reads; replace the link with a folder, or pass another --out`,
  );
}
