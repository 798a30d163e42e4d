/**
 * Temporary files a killed run (or one that hit a full disk) can leave beside the metadata, removed by the next run
 * once it holds the lock: the lock proves no other synthgen run is writing them. Only the exact names synthgen gives
 * them are touched, and only regular files: atomicWrite's `<metadata>.<8 hex>.tmp` and
 * `<metadata>.pending.json.<8 hex>.tmp`, and the lock's own `<lock>.<pid>.<8 hex>.tmp` and
 * `<lock>.takeover.<pid>.<8 hex>.tmp` when that process is gone (those are written before the lock is held, so a
 * live process may be making one this moment).
 */
import { lstat, readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { processAlive } from './processAlive.js';

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `metadataPath` is the real path (realMetadataPath), beside which synthgen writes them. */
export async function removeLeftoverTemporaries(metadataPath: string): Promise<void> {
  const folder = dirname(metadataPath);
  const name = literal(basename(metadataPath));
  const written = new RegExp(`^${name}(?:\\.pending\\.json)?\\.[0-9a-f]{8}\\.tmp$`);
  const locking = new RegExp(`^${name}\\.lock(?:\\.takeover)?\\.([1-9][0-9]*)\\.[0-9a-f]{8}\\.tmp$`);
  // Tidying up is not worth failing a run for: a folder that cannot be listed or a file that cannot be removed stays.
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const entry of names) {
    const pid = locking.exec(entry)?.[1];
    if (!(written.test(entry) || (pid !== undefined && !processAlive(Number(pid))))) continue;
    const path = join(folder, entry);
    const found = await lstat(path).catch(() => undefined);
    if (found?.isFile()) await unlink(path).catch(() => undefined);
  }
}
