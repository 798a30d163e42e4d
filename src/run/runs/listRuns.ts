/**
 * `synthgen runs`: a dataset's runs as its metadata records them, with the rows each table got from the run's
 * manifest when it is on this machine (a children table's rows are lines, which its ID range does not count), and the
 * interrupted run, if one waits to be finished.
 */
import { UserError } from '../../errors/userError.js';
import { LocalRunStore } from '../../output/runStore.js';
import { type RunRecord, loadMetadata, realMetadataPath } from '../../state/metadata.js';
import { loadPendingRun } from '../../state/pendingRun.js';
import type { RunManifest } from '../../state/runManifest.js';
import { isLegacy } from '../../records/segment.js';

export interface ListedTable {
  readonly first_id: number;
  readonly last_id: number;
  /** From the run's manifest; absent when it cannot be read here (a run in S3). */
  readonly rows?: number;
  /** A children table: its IDs are its parent's, its rows lines of them. */
  readonly per_parent?: string;
  readonly files: number;
  readonly bytes: number;
}

export interface ListedRun {
  readonly run_id: string;
  readonly started_at: string;
  readonly finished_at: string;
  readonly as_of: string;
  readonly seed: number;
  readonly command: string;
  readonly manifest?: string;
  readonly tables: Readonly<Record<string, ListedTable>>;
}

export interface RunList {
  /** The real metadata file. */
  readonly metadata: string;
  readonly runs: readonly ListedRun[];
  /** IDs the original tool used, per table: no run of synthgen made them. */
  readonly legacy: Readonly<Record<string, { readonly first_id: number; readonly last_id: number }>>;
  /** A run that stopped before its commit and waits to be finished or discarded. */
  readonly interrupted?: { readonly run_id: string; readonly command: string };
}

/** The manifest of a run on this machine, or undefined (in S3, missing, unreadable): the listing goes on without it. */
async function localManifest(record: RunRecord): Promise<RunManifest | undefined> {
  if (record.manifest === undefined || record.manifest.startsWith('s3://')) return undefined;
  try {
    return await new LocalRunStore(record.manifest, record.run_id).manifest();
  } catch {
    return undefined;
  }
}

async function listed(record: RunRecord): Promise<ListedRun> {
  const manifest = await localManifest(record);
  const tables = Object.fromEntries(
    Object.entries(record.tables).map(([name, table]): [string, ListedTable] => {
      const counted = manifest?.tables[name];
      return [name, { first_id: table.first_id, last_id: table.last_id, ...(counted ? { rows: counted.rows, ...(counted.per_parent ? { per_parent: counted.per_parent } : {}) } : {}), files: table.files, bytes: table.bytes }];
    }),
  );
  const { run_id, started_at, finished_at, as_of, seed, command } = record;
  return { run_id, started_at, finished_at, as_of, seed, command, ...(record.manifest === undefined ? {} : { manifest: record.manifest }), tables };
}

export async function listRuns(metadataOption: string): Promise<RunList> {
  const metadataPath = await realMetadataPath(metadataOption);
  const loaded = await loadMetadata(metadataPath);
  if (!loaded.exists) throw new UserError((w) => `no metadata file ${metadataOption}: pass ${w.metadata} with the metadata file of the dataset`);
  const runs: ListedRun[] = [];
  for (const record of loaded.metadata.runs) runs.push(await listed(record));
  const legacy: Record<string, { first_id: number; last_id: number }> = {};
  for (const [name, state] of Object.entries(loaded.metadata.tables)) {
    const spans = state.segments.filter(isLegacy);
    const first = spans[0];
    const last = spans[spans.length - 1];
    if (first && last) legacy[name] = { first_id: first.first_id, last_id: last.last_id };
  }
  const pending = await loadPendingRun(metadataPath);
  const interrupted = pending && !loaded.metadata.runs.some((run) => run.run_id === pending.run_id) ? { run_id: pending.run_id, command: pending.command } : undefined;
  return { metadata: metadataPath, runs, legacy, ...(interrupted ? { interrupted } : {}) };
}
