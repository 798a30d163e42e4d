/**
 * The folders a run writes into inside --out (`<out>/_runs`, `<out>/<table>`) must be real folders: through a
 * symbolic link there, the manifest and the Parquet files went wherever it pointed (`/etc`), outside the dataset,
 * and verify, which reads only real folders inside it, then rejected the dataset. --out itself may be a link: it is
 * the folder the user named.
 */
import { lstat, readlink } from 'node:fs/promises';
import { UserError } from '../errors/userError.js';
import { shownPath } from './shownPath.js';

/** Refuses a symbolic link at `path` (dangling or not) with one line; anything else passes. */
export async function refuseLinkedFolder(path: string): Promise<void> {
  // Whatever else is wrong there (a file in its path, no permission) is for the folder's creation to say.
  const found = await lstat(path).catch(() => undefined);
  if (!found?.isSymbolicLink()) return;
  const target = await readlink(path).catch(() => 'somewhere');
  throw new UserError(
    (w) => `output folder ${shownPath(path)} is a symbolic link (to ${target}): a run writes only into real folders inside ${w.out}, the only ones verify reads; replace the link with a folder, or pass another ${w.out}`,
  );
}
