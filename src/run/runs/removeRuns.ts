/**
 * `synthgen remove`: taking back a dataset's last run, a run nothing builds on, or every run. Under the metadata's
 * lock, for each run (the last first): the files its manifest lists that still hold what it wrote are removed, then
 * its manifest, then the metadata is committed without it (rollBack.ts), so IDs continue as if it never ran. Each step
 * can be repeated: a removal stopped part-way is finished by running it again (files already gone are counted as
 * such; a manifest already gone is accepted when nothing under the run's names is left). Without `confirmed`, it
 * only says what it would do. Removing every run removes the metadata file too, once it records nothing.
 */
import { unlink } from 'node:fs/promises';
import { UserError } from '../../errors/userError.js';
import { type FileRemoval, LocalRunStore, type RunStore } from '../../output/runStore.js';
import type { S3Reach } from '../../output/s3/s3RunStore.js';
import { type LoadedMetadata, type Metadata, type RunRecord, commitMetadata, loadMetadata, realMetadataPath } from '../../state/metadata.js';
import { loadPendingRun } from '../../state/pendingRun.js';
import { acquireRunLock } from '../../state/runLock.js';
import { recordOf, recordsNothing, withoutRun } from './rollBack.js';

export type RunsToRemove = { readonly kind: 'last' } | { readonly kind: 'run'; readonly runId: string } | { readonly kind: 'all' };

export interface RemovalRequest {
  /** The metadata file as given. */
  readonly metadataPath: string;
  readonly which: RunsToRemove;
  /** Remove; otherwise only say what would be removed. */
  readonly confirmed: boolean;
  /** The command, for the lock's record of who holds it. */
  readonly command: string;
  /** How to reach the store of runs that uploaded to S3. */
  readonly s3?: S3Reach;
}

export interface RemovedFile {
  readonly table: string;
  /** Its path, or its s3:// URL. */
  readonly path: string;
  readonly bytes: number;
  /** Once removal was confirmed: what became of it. */
  readonly outcome?: FileRemoval['outcome'];
  /** Why a file was left in place. */
  readonly reason?: string;
}

export interface RunRemoval {
  readonly run_id: string;
  readonly as_of: string;
  readonly command: string;
  readonly root: string;
  readonly manifest: string;
  readonly files: readonly RemovedFile[];
  /** Each of its tables' next ID once the run is gone. */
  readonly next_ids: Readonly<Record<string, number>>;
}

export interface RemovalSummary {
  /** The real metadata file. */
  readonly metadata: string;
  readonly confirmed: boolean;
  readonly runs: readonly RunRemoval[];
  /** Whether the metadata file was removed (every run removed, nothing else recorded). */
  readonly metadata_removed: boolean;
}

/** The runs to take back, in the order they go: the last first. */
function chosen(metadata: Metadata, which: RunsToRemove, label: string): string[] {
  if (metadata.runs.length === 0) throw new UserError(`${label} records no runs: there is nothing to remove`);
  if (which.kind === 'all') return metadata.runs.map((run) => run.run_id).reverse();
  if (which.kind === 'run') return [recordOf(metadata, which.runId, label).run_id];
  return [metadata.runs[metadata.runs.length - 1]?.run_id ?? ''];
}

async function storeOf(record: RunRecord, s3: S3Reach | undefined): Promise<RunStore> {
  const manifest = record.manifest;
  if (manifest === undefined) {
    throw new UserError(`run ${record.run_id} records no manifest (an earlier synthgen made it), so which files are its own cannot be told: remove its files yourself`);
  }
  if (!manifest.startsWith('s3://')) return new LocalRunStore(manifest, record.run_id);
  // The AWS SDK is loaded only for a run in S3.
  const { S3RunStore } = await import('../../output/s3/s3RunStore.js');
  return S3RunStore.open(manifest, record.run_id, s3 ?? { checksums: true });
}

interface Step {
  readonly store: RunStore;
  readonly record: RunRecord;
  readonly after: Metadata;
  readonly confirmed: boolean;
  readonly metadataPath: string;
  readonly loaded: LoadedMetadata;
}

/** What of the run is there to remove, and, when confirmed, removes it and commits the metadata without it. */
async function takeBack({ store, record, after, confirmed, metadataPath, loaded }: Step): Promise<RunRemoval> {
  const tables = Object.keys(record.tables);
  const manifest = await store.manifest();
  if (!manifest) {
    const left = await store.leftovers(tables);
    if (left.length > 0) {
      throw new UserError(`the manifest of run ${record.run_id} (${store.manifestName}) is missing, so its files cannot be told from others (${left.length} under its names, e.g. ${left[0]}): restore the manifest, or remove them yourself and run again`);
    }
  }
  const files: RemovedFile[] = [];
  for (const file of manifest?.files ?? []) {
    const listed = { table: file.table, path: store.where(file), bytes: file.bytes };
    if (!confirmed) {
      files.push(listed);
      continue;
    }
    const removal = await store.remove(file);
    files.push({ ...listed, outcome: removal.outcome, ...(removal.outcome === 'left' ? { reason: removal.reason } : {}) });
  }
  if (confirmed) {
    await store.removeManifest();
    await commitMetadata(metadataPath, after, loaded);
    await store.tidy([...new Set([...tables, ...(manifest?.files ?? []).map((f) => f.table)])]);
  }
  return {
    run_id: record.run_id,
    as_of: record.as_of,
    command: record.command,
    root: store.root,
    manifest: store.manifestName,
    files,
    next_ids: Object.fromEntries(tables.map((table) => [table, (after.tables[table]?.last_id ?? 0) + 1])),
  };
}

export async function removeRuns(request: RemovalRequest): Promise<RemovalSummary> {
  const label = request.metadataPath;
  const metadataPath = await realMetadataPath(request.metadataPath);
  const lock = await acquireRunLock({ metadataPath, command: request.command });
  try {
    const loaded = await loadMetadata(metadataPath);
    if (!loaded.exists) throw new UserError((w) => `no metadata file ${label}: pass ${w.metadata} with the metadata file of the dataset`);
    const pending = await loadPendingRun(metadataPath);
    if (pending && !loaded.metadata.runs.some((run) => run.run_id === pending.run_id)) {
      throw new UserError((w) => `an interrupted run ${pending.run_id} is not finished (${pending.command}): finish it (${w.resume}) or remove what it wrote (${w.discardInterrupted}) first`);
    }
    let metadata = loaded.metadata;
    const runs: RunRemoval[] = [];
    for (const runId of chosen(metadata, request.which, label)) {
      const record = recordOf(metadata, runId, label);
      // Checked before anything is touched: a run another builds on is refused with nothing removed.
      const after = withoutRun(metadata, runId, label);
      const store = await storeOf(record, request.s3);
      try {
        runs.push(await takeBack({ store, record, after, confirmed: request.confirmed, metadataPath, loaded }));
      } finally {
        store.close();
      }
      metadata = after;
    }
    const removeFile = request.confirmed && request.which.kind === 'all' && recordsNothing(metadata);
    if (removeFile) await unlink(metadataPath);
    return { metadata: metadataPath, confirmed: request.confirmed, runs, metadata_removed: removeFile };
  } finally {
    await lock.release();
  }
}
