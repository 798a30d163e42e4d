/**
 * The Piscina task: computes one part's rows inside its thread's DuckDB and writes them with COPY to Parquet.
 *
 * The rows' IDs come from a table, not from range(): DuckDB scans a table with several threads and range() with
 * one, and with insertion order preserved it writes one file from several threads byte for byte as from one (1M
 * orders: 3.3 s on one thread, 2.2 s on two, the same SHA-256; every row group size tried, 10,000 to 1,000,000).
 * It writes to a hidden temporary name beside the target (partialFile.ts) and returns its checksum and identity; the
 * coordinator records them and only then links the file into place (run/executeParts.ts), so whatever is at a run's file name
 * later can be proved to be its own. It returns a summary, never rows.
 */
import { stat, unlink } from 'node:fs/promises';
import { quotedIdentifier, quotedString } from '../model/sql.js';
import { tallyLoadSql, tallyTable, tallyWriteSql } from '../model/tallies.js';
import { threadConnection } from './duckdb.js';
import { loadPools } from './loadPools.js';
import { DEFAULT_FORMAT, copyOptions } from '../records/parquetFormat.js';
import { type CopySplit, profiledCopy } from './profiledCopy.js';
import { isRaised, watchingStop } from './stopFlag.js';
import { PART_IDS_TABLE, type PartTask, type SampleTask, type WorkerResult, type WorkerTask } from './task.js';
import { sha256File } from '../files/fileChecksum.js';
import { partialPath } from '../files/partialFile.js';

/** The COPY options of the default format: what the benchmark measures. */
export const PARQUET_OPTIONS = copyOptions(DEFAULT_FORMAT);

/** Writes the rows; with `--profile`, returns how the COPY's time split between generating and writing. */
async function copyRows(task: PartTask | SampleTask, path: string): Promise<{ split: CopySplit | undefined; rows: number }> {
  const connection = await threadConnection(task);
  return watchingStop(task.stop, () => connection.interrupt(), async () => {
    await loadPools(connection, task.pools);
    for (const input of task.tallies ?? []) await connection.run(tallyLoadSql(input, task.firstId, task.lastId));
    // A table of the database, not a TEMP one: DuckDB scans a temporary table on one thread whatever `threads` says.
    await connection.run(`CREATE OR REPLACE TABLE ${PART_IDS_TABLE} AS SELECT range AS id FROM range(${task.firstId}, ${task.lastId + 1})`);
    try {
      // A stop raised while the task set up, between two checks, found no query to interrupt.
      if (isRaised(task.stop)) throw new Error('INTERRUPT Error: Interrupted!');
      const copy = `COPY (${task.query}) TO ${quotedString(path)} (${copyOptions(task.format)})`;
      const split = task.kind === 'part' && task.profile ? await profiledCopy(connection, copy, task.threads, task.spill.folder) : (await connection.run(copy), undefined);
      // Counted from the file's footer: a children table's rows are not its IDs' count.
      const counted = await connection.runAndReadAll(`SELECT sum(num_rows)::BIGINT AS n FROM parquet_file_metadata(${quotedString(path)})`);
      // From the file just written, not the query again: the rows are already computed and their columns small.
      if (task.kind === 'part') for (const output of task.tallyOutputs ?? []) await connection.run(`COPY (${tallyWriteSql(output, path)}) TO ${quotedString(output.path)} (FORMAT parquet)`);
      return { split, rows: Number(counted.getRowObjects()[0]?.n ?? 0) };
    } finally {
      // Not to hide the COPY's own error: a table left behind is replaced by the next task.
      await connection.run(`DROP TABLE IF EXISTS ${PART_IDS_TABLE}`).catch(() => undefined);
      for (const input of task.tallies ?? []) await connection.run(`DROP TABLE IF EXISTS ${quotedIdentifier(tallyTable(input))}`).catch(() => undefined);
    }
  });
}

async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

async function writePart(task: PartTask): Promise<WorkerResult> {
  const started = performance.now();
  const temporary = partialPath(task.path);
  await removeQuietly(temporary);
  const setup = performance.now();
  try {
    const { split, rows } = await copyRows(task, temporary);
    const copied = performance.now();
    const sha256 = await sha256File(temporary);
    const hashed = performance.now();
    const { size, ino, mtimeNs } = await stat(temporary, { bigint: true });
    return {
      state: 'done',
      kind: 'part',
      path: task.path,
      partialPath: temporary,
      rows,
      bytes: Number(size),
      inode: Number(ino),
      mtimeNs: mtimeNs.toString(),
      sha256,
      timings: { setupMs: setup - started, copyMs: copied - setup, checksumMs: hashed - copied, ...(split ? { split } : {}) },
    };
  } catch (error: unknown) {
    await removeQuietly(temporary);
    throw error;
  }
}

async function measureSample(task: SampleTask): Promise<WorkerResult> {
  try {
    const { rows } = await copyRows(task, task.scratchPath);
    const { size } = await stat(task.scratchPath);
    return { state: 'done', kind: 'sample', rows, bytes: size };
  } finally {
    await removeQuietly(task.scratchPath);
  }
}

export default async function generatePart(task: WorkerTask): Promise<WorkerResult> {
  try {
    return task.kind === 'part' ? await writePart(task) : await measureSample(task);
  } catch (error: unknown) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'EGENERATE';
    const message = error instanceof Error ? error.message : String(error);
    return { state: 'failed', code, message };
  }
}
