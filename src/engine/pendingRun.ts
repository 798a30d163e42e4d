/**
 * A run that sends files to S3 records itself next to the metadata (`<metadata>.pending.json`) before it writes
 * anything, and notes each object as it lands. If the run fails, this record is what lets the same command (or
 * --resume) finish it: the same seed, as-of, ID ranges and file names, so it produces exactly the objects a clean
 * run would, uploads only what is missing, and then commits. The record is removed after the commit.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { UserError } from './errors.js';
import type { S3Target } from './s3Target.js';
import type { ParentRange } from './segment.js';

export interface PendingPart {
  readonly table: string;
  readonly firstId: number;
  readonly lastId: number;
  readonly path: string;
  readonly key: string;
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
  readonly s3: S3Target;
  /** How to reach the store (never credentials): so `synthgen --resume` alone can finish the run. */
  readonly s3_endpoint?: string;
  readonly s3_region?: string;
  readonly s3_checksums: boolean;
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
      `the record of an interrupted run, ${path}, is unreadable (${error instanceof Error ? error.message : String(error)}): restore it, or delete it to abandon that run (its objects in S3 then need deleting by hand)`,
    );
  }
}

export async function savePendingRun(metadataPath: string, run: PendingRun): Promise<void> {
  const path = pendingPath(metadataPath);
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(run, null, 2)}\n`);
  await rename(temporary, path);
}

export async function removePendingRun(metadataPath: string): Promise<void> {
  await rm(pendingPath(metadataPath), { force: true });
}
