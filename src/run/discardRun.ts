/**
 * `--discard-interrupted`: the other way out of an interrupted run (the first is finishing it with --resume). It
 * removes the files the run wrote and its record, under the metadata's lock; the metadata never held the run, so it
 * stays as it is and the run's IDs are free again. Only files the run can prove it wrote are removed: a file at one
 * of its names whose inode, size and modification time are the ones it recorded before linking it into place. Anything else there
 * (another run's file, or a file put in its place) is left alone and reported. A run that already put objects in S3
 * is not discarded: removing objects from a bucket is left to the user, who is told which.
 */
import { lstat, rm } from 'node:fs/promises';
import { UserError } from '../errors/userError.js';
import { sameFile } from '../files/ownFile.js';
import { realMetadataPath } from '../state/metadata.js';
import { type PendingRun, loadPendingRun, pendingPath, removePartialFiles, removePendingRun } from '../state/pendingRun.js';
import { partAt } from '../records/plan.js';
import { acquireRunLock } from '../state/runLock.js';
import { describeTarget } from '../records/s3Target.js';
import { ResumableRunError } from '../errors/resumableRunError.js';
import { recordedOrigin, sourcesOf } from '../records/tableOrigin.js';
import { stoppedRun } from './stoppedRun.js';

export interface DiscardSummary {
  readonly run_id: string;
  readonly command: string;
  readonly files_removed: number;
  /** Files at the run's names that it did not write, so left in place. */
  readonly files_left: readonly string[];
}

/** Removes the run's own files; returns how many, and the paths it left because they are not its own. */
async function removeOwnFiles(pending: PendingRun): Promise<{ removed: number; left: string[] }> {
  let removed = 0;
  const left: string[] = [];
  for (const [table, byIndex] of Object.entries(pending.written)) {
    const plan = pending.plans[table];
    if (!plan) continue;
    for (const [index, file] of Object.entries(byIndex)) {
      const { path } = partAt(plan, Number(index), pending.out, pending.stamp);
      const found = await lstat(path, { bigint: true }).catch(() => undefined);
      if (!found) continue;
      if (sameFile(found, file)) {
        await rm(path);
        removed += 1;
      } else left.push(path);
    }
  }
  return { removed, left };
}

export async function discardInterruptedRun(metadataOption: string, command: string): Promise<DiscardSummary> {
  const metadataPath = await realMetadataPath(metadataOption);
  const lock = await acquireRunLock({ metadataPath, command });
  try {
    const pending = await loadPendingRun(metadataPath);
    if (!pending) throw new UserError(`nothing to discard: no interrupted run is recorded for ${metadataOption}`);
    const uploaded = Object.values(pending.uploaded).reduce((n, parts) => n + Object.keys(parts).length, 0);
    if (pending.s3 && uploaded > 0) {
      const target = describeTarget(pending.s3);
      throw new ResumableRunError(`run ${pending.run_id} already put ${uploaded} objects in ${target}, which discarding would leave behind`, stoppedRun(pending.run_id, metadataOption, sourcesOf(Object.values(pending.definitions ?? {}).map(recordedOrigin))), {
        kind: 'finish-or-delete',
        objects: pending.tables.map((t) => `${target}${t}/${pending.stamp}*`).join(', '),
        record: pendingPath(metadataPath),
      });
    }
    const { removed, left } = await removeOwnFiles(pending);
    await removePartialFiles(pending);
    await removePendingRun(metadataPath);
    return { run_id: pending.run_id, command: pending.command, files_removed: removed, files_left: left };
  } finally {
    await lock.release();
  }
}
