/**
 * Before a run compiles its queries: the snapshots of the original tool's rows its tables may reference (or whose
 * references shaped a parent's timeline), each checked against the SHA-256 the metadata records and read into the
 * counts a compiled query is laid out from (schema/legacy/legacyArrivals.ts). A snapshot missing or changed is one
 * line naming it, where its rows came from, and how to get it back.
 */
import { basename } from 'node:path';
import { UserError } from '../../errors/userError.js';
import type { Vocabulary } from '../../errors/vocabulary.js';
import { reasonOf } from '../../errors/errno.js';
import { sha256File } from '../../files/fileChecksum.js';
import { quotedString } from '../../model/sql.js';
import { type LegacyArrivals, isLegacyLoaded, keepLegacyArrivals } from '../../model/legacy/legacyArrivals.js';
import type { LegacyParents, ParentRange } from '../../records/segment.js';
import type { TableState } from '../../state/metadata.js';
import { withDuckDB } from '../../workers/duckdbApi.js';
import type { LegacyTableSpec } from '../../model/legacy/legacyTable.js';
import type { Reservation } from '../reserve.js';
import { queryRow } from '../../workers/queryRow.js';

/** Every snapshot the reservations name, each once, however deep in the parents' ranges. */
function snapshotsOf(reserved: ReadonlyMap<string, Reservation>): Map<string, LegacyParents> {
  const found = new Map<string, LegacyParents>();
  const seen = new Set<readonly ParentRange[]>();
  const walk = (legacy: Readonly<Record<string, LegacyParents>> | undefined, parents: Readonly<Record<string, readonly ParentRange[]>> | undefined) => {
    for (const rows of Object.values(legacy ?? {})) found.set(rows.sha256, rows);
    for (const ranges of Object.values(parents ?? {})) {
      if (seen.has(ranges)) continue;
      seen.add(ranges);
      for (const range of ranges) walk(range.legacy, range.parents);
    }
  };
  for (const reservation of reserved.values()) walk(reservation.legacy, reservation.parents);
  return found;
}

async function check(rows: LegacyParents, metadataPath: string, source: string): Promise<void> {
  const again = (w: Vocabulary) => `copy it back beside ${basename(metadataPath)}, or read the tool's files again with ${w.legacyFilesOf({ [rows.table]: source })}`;
  let sha: string;
  try {
    sha = await sha256File(rows.path);
  } catch (error: unknown) {
    throw new UserError((w) => `the original tool's ${rows.table} that other tables reference are kept in ${rows.path}, which cannot be read (${reasonOf(error)}): ${again(w)}`);
  }
  if (sha !== rows.sha256) throw new UserError((w) => `the original tool's ${rows.table} kept in ${rows.path} are not what the metadata records (another SHA-256): ${again(w)}`);
}

/** The counts by group and day a compiled query needs, from the snapshot. */
async function arrivalsOf(rows: LegacyParents, layout: (table: string) => LegacyTableSpec | undefined): Promise<LegacyArrivals> {
  const spec = layout(rows.table);
  if (!spec) throw new Error(`no legacy columns for ${rows.table}`);
  return withDuckDB(async (connection) => {
    const snapshot = `read_parquet(${quotedString(rows.path)})`;
    const byDay = (await connection.runAndReadAll(`SELECT grp, -((-created) // 86400) AS day, count(*) AS n FROM ${snapshot} GROUP BY ALL ORDER BY grp, day`)).getRowObjectsJson();
    const groups = spec.group?.count ?? 1;
    const days: number[][] = Array.from({ length: groups }, () => []);
    const cumulative: number[][] = Array.from({ length: groups }, () => []);
    const counts = new Array<number>(groups).fill(0);
    for (const row of byDay) {
      const group = Number(row.grp);
      counts[group] = (counts[group] ?? 0) + Number(row.n);
      days[group]?.push(Number(row.day));
      cumulative[group]?.push(counts[group] ?? 0);
    }
    const offsets = counts.map((_, group) => counts.slice(0, group).reduce((sum, n) => sum + n, 0));
    const latest = await queryRow(connection, `SELECT max(created) AS at FROM ${snapshot}`);
    const overrides = Object.fromEntries(spec.values.flatMap((value) => value.fields.map((field) => [field, { column: value.column, fallback: value.fallback }])));
    return {
      sha256: rows.sha256,
      table: rows.table,
      rows: counts,
      offsets,
      days: days.map((list) => Float64Array.from(list)),
      cumulative: cumulative.map((list) => Float64Array.from(list)),
      asOf: Number(latest.at),
      groupField: spec.group?.field,
      overrides,
    };
  });
}

/** Loads what the run's queries need of the original tool's rows; `tables` says where each was read from. */
export async function loadLegacyParents(reserved: ReadonlyMap<string, Reservation>, metadataPath: string, tables: Readonly<Record<string, TableState>>, layout: (table: string) => LegacyTableSpec | undefined): Promise<void> {
  for (const rows of snapshotsOf(reserved).values()) {
    if (isLegacyLoaded(rows.sha256)) continue;
    await check(rows, metadataPath, tables[rows.table]?.legacy_rows?.source ?? '<their files>');
    keepLegacyArrivals(await arrivalsOf(rows, layout));
  }
}
