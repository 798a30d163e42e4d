/**
 * Every run records itself next to the metadata (`<metadata>.pending.json`) before it writes anything, and notes each
 * file as it is written (and each object as it lands in S3). If the run stops before its commit (Ctrl-C, kill -9, a
 * full disk, a lost machine, a store that keeps failing), this record is what lets the same command (or --resume)
 * finish it: the same seed, as-of, ID ranges and file names, so it produces exactly the files a clean run would,
 * keeps those already written whose checksum still matches, and then commits. It also keeps the next run from
 * reusing the interrupted run's IDs while its files are still there. The record is removed after the commit, or by
 * --discard-interrupted.
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { atomicWrite } from './atomicWrite.js';
import { partialTarget } from './partialFile.js';
import { UserError } from './errors.js';
import type { S3Target } from './s3Target.js';
import type { ParentRange } from './segment.js';

export interface PendingPart {
  readonly table: string;
  readonly firstId: number;
  readonly lastId: number;
  readonly path: string;
  /** The object key, for S3 runs; '' otherwise. */
  readonly key: string;
  /** Set once the file is complete in place: its SHA-256 and size. */
  writtenSha256?: string;
  bytes?: number;
  /** Set once the object is confirmed in the bucket. */
  uploadedSha256?: string;
}

export interface PendingRun {
  readonly format: 'synthgen-pending-run';
  readonly run_id: string;
  readonly started_at: string;
  readonly seed: number;
  readonly as_of: string;
  readonly tables: readonly string[];
  readonly rows: Readonly<Record<string, number>>;
  readonly file_size_limit_mb: number;
  readonly out: string;
  /** For runs that upload: where to. */
  readonly s3?: S3Target;
  /** How to reach the store (never credentials): so `synthgen --resume` alone can finish the run. */
  readonly s3_endpoint?: string;
  readonly s3_region?: string;
  readonly s3_checksums?: boolean;
  readonly command: string;
  readonly reserved: Readonly<Record<string, { first: number; last: number; parents: Record<string, ParentRange[]> }>>;
  readonly parts: PendingPart[];
}

export function pendingPath(metadataPath: string): string {
  return `${metadataPath}.pending.json`;
}

export async function loadPendingRun(metadataPath: string): Promise<PendingRun | undefined> {
  const path = pendingPath(metadataPath);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as PendingRun;
    if (value.format !== 'synthgen-pending-run' || !Array.isArray(value.parts)) throw new Error('unknown format');
    return value;
  } catch (error: unknown) {
    throw new UserError(
      `the record of an interrupted run, ${path}, is unreadable (${error instanceof Error ? error.message : String(error)}): restore it, or delete it to abandon that run (its files, and any objects it uploaded, then need deleting by hand)`,
    );
  }
}

export async function savePendingRun(metadataPath: string, run: PendingRun): Promise<void> {
  await atomicWrite(pendingPath(metadataPath), `${JSON.stringify(run, null, 2)}\n`);
}

export async function removePendingRun(metadataPath: string): Promise<void> {
  await rm(pendingPath(metadataPath), { force: true });
}

/** Removes the hidden temporary files that parts under way left when the process died (see generatePart.ts). */
export async function removePartialFiles(parts: readonly PendingPart[]): Promise<void> {
  const byDirectory = new Map<string, Set<string>>();
  for (const part of parts) {
    const directory = dirname(part.path);
    byDirectory.set(directory, (byDirectory.get(directory) ?? new Set()).add(basename(part.path)));
  }
  for (const [directory, names] of byDirectory) {
    for (const entry of await readdir(directory).catch(() => [] as string[])) {
      const target = partialTarget(entry);
      if (target && names.has(target)) await rm(join(directory, entry), { force: true });
    }
  }
}
