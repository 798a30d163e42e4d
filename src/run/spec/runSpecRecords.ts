/**
 * The files a run is stored in, each converted from (and for the interrupted run's record, to) the run's spec in one
 * place: its record while it goes (state/pendingRun.ts), its manifest and its record in the metadata once committed.
 * The stored JSON is as it always was: a record of an earlier attempt, or of an earlier release of this format,
 * reads back the same.
 */
import { basename } from 'node:path';
import { formatOfRecord, formatRecord } from '../../records/parquetFormat.js';
import { describeTarget } from '../../records/s3Target.js';
import type { TableRegistry } from '../../model/registry.js';
import type { RunRecord, TableOriginRecord } from '../../state/metadata.js';
import { PENDING_FORMAT, PENDING_VERSION, type PendingRun } from '../../state/pendingRun.js';
import { MANIFEST_FORMAT, type RunManifest, toolVersions } from '../../state/runManifest.js';
import type { TablePlan } from '../../records/plan.js';
import type { Reservation } from '../reserve.js';
import type { RunSpec } from './runSpec.js';
import type { S3RunOptions } from '../../records/s3Settings.js';
import { type S3Access, type TableSummary, defaultUploadConcurrency } from '../runTypes.js';

function resumedS3(pending: PendingRun, access: S3Access | undefined, threads: number): S3RunOptions | undefined {
  if (!pending.s3) return undefined;
  const endpoint = access?.endpoint ?? pending.s3_endpoint;
  const region = access?.region ?? pending.s3_region;
  return {
    target: pending.s3,
    checksums: access?.checksums ?? pending.s3_checksums ?? true,
    uploadConcurrency: access?.uploadConcurrency ?? defaultUploadConcurrency(threads),
    ...(access?.environment ? { environment: access.environment } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
  };
}

/** The interrupted run `pending`, finished with its own settings: only how to reach the store may be given anew. */
export function specOfPending(pending: PendingRun, access: S3Access | undefined, threads: number): RunSpec {
  const s3 = resumedS3(pending, access, threads);
  return {
    runId: pending.run_id,
    startedAt: pending.started_at,
    stamp: pending.stamp,
    seed: pending.seed,
    asOf: pending.as_of,
    ...(pending.since === undefined ? {} : { since: pending.since }),
    tables: pending.tables,
    rows: pending.rows,
    fileSizeLimitMB: pending.file_size_limit_mb,
    format: formatOfRecord(pending.parquet),
    out: pending.out,
    ...(s3 ? { s3 } : {}),
    command: pending.command,
    resuming: pending,
  };
}

/** The record a new run makes of itself before it writes anything (a resumed run has its own already). */
export function pendingRecordOf(
  spec: RunSpec,
  reserved: ReadonlyMap<string, Reservation>,
  plans: Readonly<Record<string, TablePlan>>,
  definitions: Readonly<Record<string, TableOriginRecord>>,
): PendingRun {
  if (spec.resuming) return spec.resuming;
  const s3 = spec.s3;
  return {
    format: PENDING_FORMAT,
    format_version: PENDING_VERSION,
    run_id: spec.runId,
    started_at: spec.startedAt,
    seed: spec.seed,
    as_of: spec.asOf,
    ...(spec.since === undefined ? {} : { since: spec.since }),
    tables: spec.tables,
    rows: Object.fromEntries(spec.tables.map((t) => [t, spec.rows[t] ?? 0])),
    file_size_limit_mb: spec.fileSizeLimitMB,
    parquet: formatRecord(spec.format),
    out: spec.out,
    stamp: spec.stamp,
    ...(s3 ? { s3: s3.target, s3_checksums: s3.checksums, ...(s3.endpoint ? { s3_endpoint: s3.endpoint } : {}), ...(s3.region ? { s3_region: s3.region } : {}) } : {}),
    command: spec.command,
    ...(Object.keys(definitions).length > 0 ? { definitions } : {}),
    reserved: Object.fromEntries(reserved),
    plans,
    written: {},
    uploaded: {},
  };
}

/** The metadata's record of the committed run. */
export function runRecordOf(spec: RunSpec, tables: Readonly<Record<string, TableSummary>>): RunRecord {
  return {
    run_id: spec.runId,
    started_at: spec.startedAt,
    finished_at: new Date().toISOString(),
    seed: spec.seed,
    as_of: spec.asOf,
    command: spec.command,
    parquet: formatRecord(spec.format),
    tables: Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, { first_id: t.first_id, last_id: t.last_id, files: t.files.length, bytes: t.bytes }])),
  };
}

/** The run's manifest (state/runManifest.ts). */
export function manifestOf(spec: RunSpec, tables: Readonly<Record<string, TableSummary>>, registry: TableRegistry): RunManifest {
  const names = spec.tables;
  return {
    format: MANIFEST_FORMAT,
    format_version: 1,
    run_id: spec.runId,
    versions: toolVersions(),
    table_versions: Object.fromEntries(names.map((name) => [name, registry.get(name)?.version ?? 0])),
    seed: spec.seed,
    as_of: spec.asOf,
    started_at: spec.startedAt,
    command: spec.command,
    parquet: formatRecord(spec.format),
    arguments: {
      tables: names,
      rows: Object.fromEntries(names.map((t) => [t, spec.rows[t] ?? 0])),
      file_size_limit_mb: spec.fileSizeLimitMB,
      ...(spec.s3 ? { s3: describeTarget(spec.s3.target) } : {}),
    },
    tables: Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, { first_id: t.first_id, last_id: t.last_id, rows: t.rows, ...(t.per_parent === undefined ? {} : { per_parent: t.per_parent }) }])),
    files: Object.entries(tables).flatMap(([name, t]) =>
      t.files.map((file) => ({ table: name, path: `${name}/${basename(file.path)}`, first_id: file.first_id, last_id: file.last_id, rows: file.rows, bytes: file.bytes, sha256: file.sha256 })),
    ),
  };
}
