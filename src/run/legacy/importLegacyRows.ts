/**
 * `--legacy-files`: the original tool's files of users and products read once, checked, and kept beside the metadata
 * as a snapshot of what children need of those rows (legacySnapshot.ts), named in the metadata with its SHA-256. The
 * reading comes first and changes nothing; the run reserves its IDs against the metadata as it will be; only then
 * are the snapshots placed (never over a file that holds other bytes) and the metadata committed with their records,
 * so later runs, on any machine the metadata and its snapshots are copied to, need neither the flag nor the files.
 * Files already read are read again only to check they are the same: what children reference cannot change.
 */
import { link, mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../errors/userError.js';
import type { Vocabulary } from '../../errors/vocabulary.js';
import type { TableRegistry } from '../../model/registry.js';
import { isErrno } from '../../errors/errno.js';
import { writeFailure } from '../../errors/writeFailure.js';
import { sha256File } from '../../files/fileChecksum.js';
import { writeTemporary } from '../../files/temporaryFile.js';
import { type LoadedMetadata, type TableState, commitMetadata, loadMetadata } from '../../state/metadata.js';
import { type LegacyRowsRecord, snapshotName } from '../../state/legacy/legacyRows.js';
import { loadPendingRun, pendingPath } from '../../state/pendingRun.js';
import { isLegacy } from '../../records/segment.js';
import { withDuckDB } from '../../workers/duckdbApi.js';
import { type LegacyS3Access, withLegacyFiles } from './legacyFiles.js';
import { type SnapshotRows, writeSnapshot } from './legacySnapshot.js';

interface ReadTable {
  readonly table: string;
  readonly record: LegacyRowsRecord;
  /** The snapshot as written, in a temporary folder. */
  readonly path: string;
  readonly read: SnapshotRows;
}

export interface LegacyImport {
  /** The tables' state once the new snapshots are recorded: what the run reserves against. */
  readonly tables: Readonly<Record<string, TableState>>;
  /** Places the snapshots and commits their records; returns the metadata as committed, and a line per table read. */
  commit(): Promise<{ loaded: LoadedMetadata; notices: string[]; backup: string | undefined }>;
  /** Removes the temporary snapshots (placed ones stay beside the metadata). */
  dispose(): Promise<void>;
}

async function readTable(connection: Parameters<typeof writeSnapshot>[0]['connection'], folder: string, table: string, location: string, options: ImportOptions): Promise<ReadTable> {
  const flag = (w: Vocabulary) => w.legacyFilesOf({ [table]: location });
  const spec = options.registry.legacyLayout(table);
  if (!spec) {
    throw new UserError((w) => `${w.legacyFilesOf({ [table]: '...' })}: the original tool's files are read for ${options.registry.legacyTables.join(' and ')} only, the tables other tables reference`);
  }
  const taken = (options.loaded.metadata.tables[table]?.segments ?? []).filter(isLegacy).map(({ first_id, last_id }) => ({ first_id, last_id }));
  const path = join(folder, `${table}.parquet`);
  const read = await withLegacyFiles(location, flag, options.access, (files) => writeSnapshot({ connection, spec, files, taken, flag, path }));
  if (read.rows === 0) throw new UserError((w) => `${flag(w)}: none of its ${table} has ${read.left.map((l) => l.lacking).join(' and ')}, so none could be referenced`);
  const sha256 = await sha256File(path);
  return { table, path, read, record: { file: snapshotName(basename(options.metadataPath), table, sha256), sha256, rows: read.rows, source: location } };
}

/** Links the snapshot to its name beside the metadata, unless a file with its bytes is there already. */
async function place(metadataPath: string, read: ReadTable): Promise<void> {
  const target = join(dirname(metadataPath), read.record.file);
  const temporary = await writeTemporary(target, await readFile(read.path));
  try {
    await link(temporary, target);
  } catch (error: unknown) {
    if (!isErrno(error, 'EEXIST')) throw writeFailure(target, error, (w) => `pass another ${w.metadata}`);
    const there = await sha256File(target).catch(() => undefined);
    if (there !== read.record.sha256) throw new UserError(`${target} is in the way of the snapshot of the original tool's ${read.table}, and holds other bytes: move it away and run again`);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

function notice(read: ReadTable): string {
  const left = read.read.left.map((l) => `${l.rows} without ${l.lacking}`).join(', ');
  return `read ${read.record.rows} ${read.table} of the original tool from ${read.record.source}${left ? ` (left out: ${left})` : ''}, kept beside the metadata as ${read.record.file}: other tables reference them from now on`;
}

interface ImportOptions {
  /** The real metadata file, and what was loaded from it. */
  readonly metadataPath: string;
  readonly loaded: LoadedMetadata;
  readonly access: LegacyS3Access;
  /** The tables, with how the original tool's files of each are read. */
  readonly registry: TableRegistry;
}

/** Reads the files of each table given; undefined when every one was read before (and is the same). */
export async function readLegacyImport(files: Readonly<Record<string, string>>, options: ImportOptions): Promise<LegacyImport | undefined> {
  const folder = await mkdtemp(join(tmpdir(), 'synthgen-legacy-snapshot-'));
  const dispose = () => rm(folder, { recursive: true, force: true });
  const fresh: ReadTable[] = [];
  try {
    await withDuckDB(async (connection) => {
      for (const [table, location] of Object.entries(files)) {
        const read = await readTable(connection, folder, table, location, options);
        const recorded = options.loaded.metadata.tables[table]?.legacy_rows;
        if (!recorded) fresh.push(read);
        else if (recorded.sha256 !== read.record.sha256) {
          throw new UserError(
            (w) => `${w.legacyFilesOf({ [table]: location })}: the original tool's ${table} were read before (from ${recorded.source}) and other tables' rows reference them, and these files hold other rows: drop ${w.legacyFilesOf({ [table]: '...' })}, or start a new dataset with another ${w.metadata} and ${w.out}`,
          );
        }
      }
    });
  } catch (error: unknown) {
    await dispose();
    throw error;
  }
  if (fresh.length === 0) {
    await dispose();
    return undefined;
  }
  // An interrupted run drew its parents without these rows: finishing it with them would make other rows.
  if (await loadPendingRun(options.metadataPath)) {
    await dispose();
    throw new UserError((w) => `${w.legacyFiles}: an interrupted run is not finished (${pendingPath(options.metadataPath)}): finish it (${w.resume}) or discard it (${w.discardInterrupted}) first, then read the original tool's files`);
  }
  const before = options.loaded.metadata;
  const tables: Record<string, TableState> = { ...before.tables };
  for (const read of fresh) tables[read.table] = { ...(tables[read.table] ?? { last_id: 0, segments: [] }), legacy_rows: read.record };
  return {
    tables,
    dispose,
    commit: async () => {
      for (const read of fresh) await place(options.metadataPath, read);
      const backup = await commitMetadata(options.metadataPath, { ...before, tables }, options.loaded);
      return { loaded: await loadMetadata(options.metadataPath), notices: fresh.map(notice), backup };
    },
  };
}
