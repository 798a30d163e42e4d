/**
 * Commit's inputs: what a finished run made, per table, checked to cover exactly the IDs it reserved, and the
 * run's manifest and metadata record built from it.
 */
import { basename } from 'node:path';
import { partKey } from './executeParts.js';
import type { RunRecord } from '../state/metadata.js';
import { type TablePlan, coversExactly } from './plan.js';
import type { Reservation } from './reserve.js';
import { MANIFEST_FORMAT, type RunManifest, toolVersions } from '../state/runManifest.js';
import type { RunRequest } from './runRequest.js';
import type { FileSummary, TableSummary } from './runTypes.js';
import { describeTarget } from '../output/s3/s3Target.js';
import type { TableRegistry } from '../schema/registry.js';

/**
 * Each table's files, in ID order. Throws (a bug, never the user's doing) unless they cover the table's reserved IDs
 * exactly, with no gap and no overlap: a run must never commit IDs with no rows behind them.
 */
export function tableSummaries(
  tables: readonly string[],
  plans: Readonly<Record<string, TablePlan>>,
  reserved: ReadonlyMap<string, Reservation>,
  results: ReadonlyMap<string, FileSummary>,
): Record<string, TableSummary> {
  const summaries: Record<string, TableSummary> = {};
  for (const name of tables) {
    const range = reserved.get(name);
    const plan = plans[name];
    if (!range || !plan || !coversExactly(plan, range.first, range.last)) throw new Error(`the plan of ${name} does not cover its reserved IDs`);
    const files: FileSummary[] = [];
    let next = range.first;
    for (let index = 0; index < plan.parts; index += 1) {
      const file = results.get(partKey(name, index));
      if (!file || file.first_id !== next || file.last_id < file.first_id || file.rows !== file.last_id - file.first_id + 1) {
        throw new Error(`${name}'s files do not cover IDs ${range.first}-${range.last} exactly (at ${next})`);
      }
      files.push(file);
      next = file.last_id + 1;
    }
    if (next !== range.last + 1) throw new Error(`${name}'s files end at ${next - 1}, its IDs at ${range.last}`);
    summaries[name] = { rows: range.last - range.first + 1, first_id: range.first, last_id: range.last, bytes: files.reduce((n, f) => n + f.bytes, 0), files };
  }
  return summaries;
}

export function runRecord(request: RunRequest, tables: Readonly<Record<string, TableSummary>>): RunRecord {
  return {
    run_id: request.runId,
    started_at: request.startedAt,
    finished_at: new Date().toISOString(),
    seed: request.seed,
    as_of: request.asOf,
    command: request.command,
    tables: Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, { first_id: t.first_id, last_id: t.last_id, files: t.files.length, bytes: t.bytes }])),
  };
}

export function runManifest(request: RunRequest, tables: Readonly<Record<string, TableSummary>>, registry: TableRegistry): RunManifest {
  const names = request.tables;
  return {
    format: MANIFEST_FORMAT,
    format_version: 1,
    run_id: request.runId,
    versions: toolVersions(),
    table_versions: Object.fromEntries(names.map((name) => [name, registry.get(name)?.version ?? 0])),
    seed: request.seed,
    as_of: request.asOf,
    started_at: request.startedAt,
    command: request.command,
    arguments: {
      tables: names,
      rows: Object.fromEntries(names.map((t) => [t, request.rows[t] ?? 0])),
      file_size_limit_mb: request.fileSizeLimitMB,
      ...(request.s3 ? { s3: describeTarget(request.s3.target) } : {}),
    },
    tables: Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, { first_id: t.first_id, last_id: t.last_id, rows: t.rows }])),
    files: Object.entries(tables).flatMap(([name, t]) =>
      t.files.map((file) => ({ table: name, path: `${name}/${basename(file.path)}`, first_id: file.first_id, last_id: file.last_id, rows: file.rows, bytes: file.bytes, sha256: file.sha256 })),
    ),
  };
}
