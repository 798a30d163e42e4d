/**
 * The last steps of a run. Commit: what the run made, per table, checked to cover exactly the IDs it reserved; its
 * manifest, placed by the output target; the metadata, which now holds the run; its record removed, and whatever
 * only the way there needed. Then the summary the caller gets back.
 */
import { formatRecord } from '../records/parquetFormat.js';
import { basename } from 'node:path';
import { partKey } from './executeParts.js';
import { type LoadedMetadata, type RunRecord, type TableState, commitMetadata } from '../state/metadata.js';
import { removePendingRun } from '../state/pendingRun.js';
import type { OutputTarget } from '../output/outputTarget.js';
import { type TablePlan, coversExactly } from '../records/plan.js';
import type { Reservation } from './reserve.js';
import { MANIFEST_FORMAT, type RunManifest, toolVersions, writeManifest } from '../state/runManifest.js';
import type { RunSpec } from './spec/runSpec.js';
import { manifestOf, runRecordOf } from './spec/runSpecRecords.js';
import type { FileSummary, RunSummary, TableSummary } from './runTypes.js';
import { describeTarget } from '../records/s3Target.js';
import type { TableRegistry } from '../model/registry.js';
import type { StoppedRun } from '../errors/resumableRunError.js';

/**
 * Each table's files, in ID order. Throws (a bug, never the user's doing) unless they cover the table's reserved IDs
 * exactly, with no gap and no overlap: a run must never commit IDs with no rows behind them.
 */
export function tableSummaries(
  tables: readonly string[],
  plans: Readonly<Record<string, TablePlan>>,
  reserved: ReadonlyMap<string, Reservation>,
  results: ReadonlyMap<string, FileSummary>,
  /** A children table's parent (its files hold lines of its IDs, not one row each), by table. */
  perParent: (table: string) => string | undefined,
): Record<string, TableSummary> {
  const summaries: Record<string, TableSummary> = {};
  for (const name of tables) {
    const range = reserved.get(name);
    const plan = plans[name];
    if (!range || !plan || !coversExactly(plan, range.first, range.last)) throw new Error(`the plan of ${name} does not cover its reserved IDs`);
    const files: FileSummary[] = [];
    let next = range.first;
    const parent = perParent(name);
    for (let index = 0; index < plan.parts; index += 1) {
      const file = results.get(partKey(name, index));
      if (!file || file.first_id !== next || file.last_id < file.first_id || (parent === undefined && file.rows !== file.last_id - file.first_id + 1)) {
        throw new Error(`${name}'s files do not cover IDs ${range.first}-${range.last} exactly (at ${next})`);
      }
      files.push(file);
      next = file.last_id + 1;
    }
    if (next !== range.last + 1) throw new Error(`${name}'s files end at ${next - 1}, its IDs at ${range.last}`);
    const rows = parent === undefined ? range.last - range.first + 1 : files.reduce((n, f) => n + f.rows, 0);
    summaries[name] = { rows, first_id: range.first, last_id: range.last, since: range.since, bytes: files.reduce((n, f) => n + f.bytes, 0), files, ...(parent === undefined ? {} : { per_parent: parent }) };
  }
  return summaries;
}

export interface CommitStep {
  readonly spec: RunSpec;
  /** The real metadata file (not a symlink to it), and what was loaded from it when the run started. */
  readonly metadataPath: string;
  readonly loaded: LoadedMetadata;
  /** The tables' state once the run is committed (reserve.ts). */
  readonly after: Readonly<Record<string, TableState>>;
  readonly target: OutputTarget;
  readonly tables: Readonly<Record<string, TableSummary>>;
  /** The run a failure to place its manifest names. */
  readonly stoppedRun: StoppedRun;
  readonly registry: TableRegistry;
}

/**
 * Writes the manifest, places it, commits the metadata and removes the run's record: from here the run is done.
 * Returns where the original tool's metadata was backed up, when this commit migrated it.
 */
export async function commitRun(step: CommitStep): Promise<string | undefined> {
  const { spec, metadataPath, loaded, target } = step;
  const manifestPath = await writeManifest(spec.out, manifestOf(spec, step.tables, step.registry));
  const manifest = await target.placeManifest(manifestPath, step.stoppedRun);
  const before = loaded.metadata;
  const backup = await commitMetadata(metadataPath, { ...before, tables: step.after, runs: [...before.runs, { ...runRecordOf(spec, step.tables), manifest }] }, loaded);
  await removePendingRun(metadataPath);
  await target.cleanUp(manifestPath);
  return backup;
}

/** The one line that says a commit migrated the original tool's metadata, and where the original is. */
export function migrationNotice(metadataPath: string, loaded: LoadedMetadata, backup: string | undefined): string | undefined {
  if (!loaded.legacy || backup === undefined) return undefined;
  return `${metadataPath} held the original tool's metadata (${loaded.legacyShape ?? 'its IDs'}): migrated to synthgen's format, its IDs kept as taken (new IDs continue after them); the original is kept as ${backup}`;
}

export function runSummary(
  spec: RunSpec,
  run: { readonly metadataPath: string; readonly workerThreads: number; readonly threads: number; readonly target: OutputTarget; readonly startedAt: number; readonly legacyBackup?: string | undefined },
  tables: Readonly<Record<string, TableSummary>>,
): RunSummary {
  const seconds = (performance.now() - run.startedAt) / 1000;
  const rows = Object.values(tables).reduce((n, t) => n + t.rows, 0);
  const upload = run.target.uploadSummary(Object.values(tables).reduce((n, t) => n + t.files.length, 0));
  return {
    run_id: spec.runId,
    resumed: spec.resuming !== undefined,
    seed: spec.seed,
    as_of: spec.asOf,
    out: spec.out,
    metadata: run.metadataPath,
    ...(run.legacyBackup === undefined ? {} : { legacy_backup: run.legacyBackup }),
    workers: run.workerThreads,
    threads: run.threads,
    file_size_limit_mb: spec.fileSizeLimitMB,
    parquet: formatRecord(spec.format),
    tables,
    ...(upload ? { upload } : {}),
    rows,
    bytes: Object.values(tables).reduce((n, t) => n + t.bytes, 0),
    seconds,
    rows_per_second: rows / Math.max(seconds, 1e-9),
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    command: spec.command,
  };
}
