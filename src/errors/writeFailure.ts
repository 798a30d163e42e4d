/**
 * A failed write as the user should hear it, whoever wrote: a worker writing a data file (its failure result, the
 * error's code and message as they crossed the thread) or synthgen itself writing one of its own files (the lock,
 * the pending record, the manifest, the metadata: the errno error as thrown). One table of causes serves both. The
 * causes a user can fix become one line naming the file and what to do; anything else is a bug.
 *
 * For its own files a full disk or the file-size limit exits with code 3, and what is not a known cause is returned
 * as it was, to be reported as a bug. For a worker's file a known cause exits with code 2 (a part's failure then
 * stops the run, which exits 3, see stoppedError in run/executeParts.ts) and anything else is an Error saying the write failed.
 */
import { errnoCode } from './errno.js';
import { UserError, type Wording, inWords } from './userError.js';
import type { Vocabulary } from './vocabulary.js';

/** A worker's failed task (workers/task.ts): the error's errno code (`EGENERATE` if it had none) and its message. */
interface WorkerFailure {
  readonly state: 'failed';
  readonly code: string;
  readonly message: string;
}

/** How DuckDB says it ran out of memory, or could not spill what did not fit (its temporary files, their folder's bound). */
const SPILL_OR_MEMORY = /out of memory error|duckdb_temp|temporary (file|director)|temp_directory/i;

type Cause = 'spill' | 'full' | 'too-large' | 'read-only' | 'denied' | 'not-permitted' | 'not-a-folder' | 'no-folder' | 'directory';

/**
 * The causes, in the order they are tried. `worker` is what DuckDB's message says when its error carries no errno
 * code; a cause without it is never read from a worker's failure.
 */
const CAUSES: readonly { readonly cause: Cause; readonly codes: readonly string[]; readonly worker?: RegExp }[] = [
  // DuckDB out of memory, or failing to spill what does not fit (its temporary files, their folder's bound): the
  // machine's limits, whatever the table. First, so that a full disk while spilling is said to be the spill's.
  { cause: 'spill', codes: [], worker: SPILL_OR_MEMORY },
  { cause: 'full', codes: ['ENOSPC', 'EDQUOT'], worker: /no space left on device|quota exceeded/i },
  { cause: 'too-large', codes: ['EFBIG'], worker: /file too large/i },
  { cause: 'read-only', codes: ['EROFS'], worker: /read-only file system/i },
  { cause: 'denied', codes: ['EACCES'], worker: /permission denied/i },
  // Also what a file system without hard links (the lock needs them) answers.
  { cause: 'not-permitted', codes: ['EPERM'] },
  { cause: 'not-a-folder', codes: ['ENOTDIR'] },
  { cause: 'no-folder', codes: ['ENOENT'] },
  { cause: 'directory', codes: ['EISDIR'] },
];

/**
 * A DuckDB error of a command reading a dataset (`verify`, `report`) that is the machine's limit, not a bug: out of
 * memory, or no room to spill. One line saying how to give it room; undefined for any other error.
 */
export function readerLimit(command: string, error: unknown): UserError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!SPILL_OR_MEMORY.test(message)) return undefined;
  return new UserError(
    `${command}: DuckDB could neither hold in memory nor spill to disk what it reads (${message.split('\n')[0] ?? ''}): free some space in the temporary folder (or point TMPDIR at a larger disk), or give it more memory (SYNTHGEN_WORKER_MEMORY_MB, if set, bounds each thread)`,
    3,
  );
}

function isWorkerFailure(failure: unknown): failure is WorkerFailure {
  if (typeof failure !== 'object' || failure === null || !('state' in failure) || failure.state !== 'failed') return false;
  return 'code' in failure && typeof failure.code === 'string' && 'message' in failure && typeof failure.message === 'string';
}

function workerCause(failure: WorkerFailure): Cause | undefined {
  return CAUSES.find(({ codes, worker }) => worker !== undefined && (codes.includes(failure.code) || worker.test(failure.message)))?.cause;
}

function errnoCause(error: unknown): Cause | undefined {
  const code = errnoCode(error);
  return code === undefined ? undefined : CAUSES.find(({ codes }) => codes.includes(code))?.cause;
}

/** A worker's data file: `path` and, for a cause the user can fix, how. */
function workerError(path: string, failure: WorkerFailure): Error {
  switch (workerCause(failure)) {
    case 'spill':
      return new UserError(
        (w) => `DuckDB could neither hold in memory nor spill to disk the rows of ${path} (${failure.message.split('\n')[0] ?? failure.code}): free some space in the temporary folder (or point TMPDIR at a larger disk), or pass a smaller ${w.threads} or ${w.rowGroupSize}`,
      );
    case 'full':
      return new UserError((w) => `no space left on the device while writing ${path}: free some space, or pass another ${w.out} (or TMPDIR for the sizing samples)`);
    case 'too-large':
      return new UserError((w) => `${path} hit this process's file-size limit (ulimit -f): raise it or pass a smaller ${w.fileSizeLimit}`);
    case 'read-only':
    case 'denied':
      return new UserError((w) => `cannot write ${path} (${failure.message.split('\n')[0] ?? failure.code}): pass ${w.out} with a writable folder`);
    default:
      // DuckDB says what failed; only its IO errors, or an errno code, are about writing the file.
      return failure.code !== 'EGENERATE' || /^IO Error/.test(failure.message)
        ? new Error(`writing ${path} failed: ${failure.message}`)
        : new Error(`computing the rows of ${path} failed: ${failure.message}`);
  }
}

/** One of synthgen's own files; `elsewhere` says how to put it somewhere else. */
function ownFileError(path: string, error: unknown, elsewhere: Wording): unknown {
  const or = (w: Vocabulary) => inWords(elsewhere, w);
  switch (errnoCause(error)) {
    case 'full':
      return new UserError((w) => `no space left on the device while writing ${path}: free some space, or ${or(w)}`, 3);
    case 'too-large':
      return new UserError((w) => `writing ${path} went past this process's file-size limit (ulimit -f): raise the limit, or ${or(w)}`, 3);
    case 'read-only':
      return new UserError((w) => `cannot write ${path}: the file system is read-only; ${or(w)} on a writable one`);
    case 'denied':
      return new UserError((w) => `cannot write ${path}: permission denied; ${or(w)} in a folder you can write to`);
    case 'not-permitted':
      return new UserError((w) => `cannot write ${path}: operation not permitted; ${or(w)} in a folder you can write to`);
    case 'not-a-folder':
      return new UserError((w) => `cannot write ${path}: part of its folder path is not a folder; ${or(w)}`);
    case 'no-folder':
      return new UserError((w) => `cannot write ${path}: its folder does not exist; ${or(w)}`);
    case 'directory':
      return new UserError((w) => `cannot write ${path}: a directory is in the way; remove it, or ${or(w)}`);
    default:
      return error;
  }
}

/** A query of a user's table (from a --tables module or a --schema file) that DuckDB could not run: their definition's fault. */
export class TableQueryFailure extends UserError {}

/**
 * A worker's failure running the query of `table` into `path`; `source` names the user's table's origin in the
 * reader's words (records/tableOrigin.ts originSource). A cause the user can fix on the machine (a full
 * disk, say) is that, whoever's table it is; a query error of a user's table is a TableQueryFailure, `cannot`
 * saying, with DuckDB's reason, what could not be done; anything else is an Error (a bug).
 */
export function queryFailure(
  path: string,
  failure: Omit<WorkerFailure, 'state'>,
  table: { readonly name: string; readonly source: ((words: Vocabulary) => string) | undefined; readonly cannot: (reason: string) => string },
): Error {
  const known = workerError(path, { state: 'failed', ...failure });
  const { source } = table;
  if (known instanceof UserError || source === undefined || failure.code !== 'EGENERATE') return known;
  return new TableQueryFailure((w) => `${source(w)}: table ${table.name}: DuckDB cannot ${table.cannot(failure.message.split('\n')[0] ?? '')}`);
}

/** A worker's failure to write `path`: a UserError for a cause the user can fix, otherwise an Error (a bug). */
export function writeFailure(path: string, failure: WorkerFailure): Error;
/**
 * The errno error from writing one of synthgen's own files at `path`: a UserError for a cause the user can fix,
 * otherwise `error` itself. `elsewhere` is how to put the file somewhere else: "pass another metadataPath", ...
 */
export function writeFailure(path: string, error: unknown, elsewhere?: Wording): unknown;
export function writeFailure(path: string, failure: unknown, elsewhere: Wording = (w) => `pass another ${w.out}/${w.metadata}`): unknown {
  return isWorkerFailure(failure) ? workerError(path, failure) : ownFileError(path, failure, elsewhere);
}
