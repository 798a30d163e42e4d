/**
 * `--discard-interrupted`: the other way out of an interrupted run (the first is finishing it with --resume). It
 * removes the files the run wrote and its record, under the metadata's lock; the metadata never held the run, so it
 * stays as it is and the run's IDs are free again. A run that already put objects in S3 is not discarded: removing
 * objects from a bucket is left to the user, who is told which.
 */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from './errors.js';
import { loadPendingRun, pendingPath, removePartialFiles, removePendingRun } from './pendingRun.js';
import { acquireRunLock } from './runLock.js';
import { describeTarget } from './s3Target.js';

export interface DiscardSummary {
  readonly run_id: string;
  readonly command: string;
  readonly files_removed: number;
}

export async function discardInterruptedRun(metadataPath: string, command: string): Promise<DiscardSummary> {
  const lock = await acquireRunLock({ metadataPath, command });
  try {
    const absolute = resolve(metadataPath);
    const pending = await loadPendingRun(absolute);
    if (!pending) throw new UserError(`nothing to discard: no interrupted run is recorded for ${metadataPath}`);
    const uploaded = pending.parts.filter((part) => part.uploadedSha256);
    if (pending.s3 && uploaded.length > 0) {
      throw new UserError(
        `run ${pending.run_id} already put ${uploaded.length} objects in ${describeTarget(pending.s3)}, which discarding would leave behind: finish it with synthgen --resume, or delete the objects listed in ${pendingPath(absolute)} and then that file`,
      );
    }
    let removed = 0;
    for (const part of pending.parts) {
      const existed = await rm(part.path).then(
        () => true,
        () => false,
      );
      if (existed) removed += 1;
    }
    await removePartialFiles(pending.parts);
    await removePendingRun(absolute);
    return { run_id: pending.run_id, command: pending.command, files_removed: removed };
  } finally {
    await lock.release();
  }
}
