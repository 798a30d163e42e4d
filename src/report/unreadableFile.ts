/**
 * Which of a dataset's Parquet files DuckDB cannot read, once a query over them has failed: an empty file, a
 * truncated one, one whose pages are damaged. DuckDB's own message names the file for some of these and for others
 * not at all ("TProtocolException: Invalid data"), so each file is read whole, one by one, and the first that fails
 * is named, as the dataset names it, with what to do. Only done after a failure: reading every value twice would
 * double a report's time. Names are given as the disk has them: the CLI escapes control characters in whatever it
 * prints (cli/render/printable.ts).
 */
import { stat } from 'node:fs/promises';
import { UserError } from '../errors/userError.js';
import { quotedString } from '../model/sql.js';

export interface DatasetFile {
  /** Where it is read from (for S3, the folder it was downloaded into). */
  readonly path: string;
  /** How the report names it: under the dataset as the user gave it (a folder, or s3://bucket/prefix/). */
  readonly shown: string;
  /** The table's folder as the user sees it, for what to do. */
  readonly folder: string;
}

/** DuckDB's reason on one line, with the place a file was read from replaced by its name in the dataset. */
function reasonOf(error: unknown, file: DatasetFile): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? message;
  return first.split(file.path).join(file.shown);
}

/** Reads every value of the file (hashing each column makes DuckDB decode every page, not just the footer). */
async function readWhole(file: DatasetFile, run: (sql: string) => Promise<void>): Promise<void> {
  await run(`SELECT bit_xor(hash(COLUMNS(*))) FROM read_parquet(${quotedString(file.path)})`);
}

/** The first file that cannot be read whole, as the one-line error to show; undefined when every file reads. */
export async function unreadableFile(files: readonly DatasetFile[], run: (sql: string) => Promise<void>): Promise<UserError | undefined> {
  for (const file of files) {
    let reason: string | undefined;
    try {
      await readWhole(file, run);
    } catch (error: unknown) {
      const size = await stat(file.path).then((s) => s.size).catch(() => undefined);
      reason = size === 0 ? 'it is empty (0 bytes), not a Parquet file' : `it is not a whole Parquet file (DuckDB: ${reasonOf(error, file)})`;
    }
    if (reason !== undefined) {
      return new UserError(
        (w) => `cannot read ${file.shown}: ${reason}; move it out of ${file.folder} to report on the rest, or restore it (${w.verify} compares every file with its run's manifest)`,
      );
    }
  }
  return undefined;
}
