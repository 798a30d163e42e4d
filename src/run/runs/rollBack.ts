/**
 * Taking a run back out of the metadata: each of its tables returns to the last ID it had before the run (the run
 * reserved from there, so its segment starts one after it), and the run's record goes. Only a run nothing builds on
 * can be: one whose segment is the last of each of its tables (no later run continued them), and whose IDs no later
 * run's rows reference (a child's segment records its parents' last IDs when it was made).
 */
import { UserError } from '../../errors/userError.js';
import type { Metadata, RunRecord, TableState } from '../../state/metadata.js';
import { type Segment, isLegacy } from '../../records/segment.js';

/** The run's own segment of a table, if it made rows of it. */
function segmentOf(state: TableState, runId: string): Segment | undefined {
  return state.segments.find((segment): segment is Segment => !isLegacy(segment) && segment.run_id === runId);
}

/** Which table of which later run references IDs of `table` from `first` on, if any. */
function referencedBy(metadata: Metadata, runId: string, table: string, first: number): { table: string; run: string } | undefined {
  for (const [name, state] of Object.entries(metadata.tables)) {
    for (const segment of state.segments) {
      if (isLegacy(segment) || segment.run_id === runId) continue;
      const parentLast = segment.parents?.[table];
      if (parentLast !== undefined && parentLast >= first) return { table: name, run: segment.run_id };
    }
  }
  return undefined;
}

/** The run `runId` records, or a UserError naming where to see the runs there are. */
export function recordOf(metadata: Metadata, runId: string, label: string): RunRecord {
  const record = metadata.runs.find((run) => run.run_id === runId);
  if (!record) throw new UserError((w) => `no run ${runId} in ${label}: ${w.listRuns} lists them`);
  return record;
}

/**
 * The metadata without run `runId`: its tables as they were before it, its record gone. A UserError when a later run
 * continued one of its tables or references its rows: that run has to go first.
 */
export function withoutRun(metadata: Metadata, runId: string, label: string): Metadata {
  recordOf(metadata, runId, label);
  const tables: Record<string, TableState> = {};
  for (const [name, state] of Object.entries(metadata.tables)) {
    const own = segmentOf(state, runId);
    if (!own) {
      tables[name] = state;
      continue;
    }
    const last = state.segments[state.segments.length - 1];
    if (last !== own) {
      const later = last && !isLegacy(last) ? `run ${last.run_id}` : 'a later run';
      throw new UserError(`run ${runId} is not the last of ${name}: ${later} continued it; remove that run first`);
    }
    const user = referencedBy(metadata, runId, name, own.first_id);
    if (user) throw new UserError(`run ${runId} made ${name} that run ${user.run}'s ${user.table} reference: remove that run first`);
    const segments = state.segments.slice(0, -1);
    // The run reserved its IDs right after the table's last ID, so one before its first is where the table was.
    if (segments.length > 0 || own.first_id > 1) tables[name] = { ...state, last_id: own.first_id - 1, segments };
  }
  return { ...metadata, tables, runs: metadata.runs.filter((run) => run.run_id !== runId) };
}

/** Whether the metadata records nothing any more: no table has IDs, no run is listed. */
export function recordsNothing(metadata: Metadata): boolean {
  return metadata.runs.length === 0 && Object.values(metadata.tables).every((state) => state.last_id === 0 && state.segments.length === 0);
}
