/**
 * A failed write of one of synthgen's own files (the lock, the pending record, the manifest, the metadata) as the
 * user should hear it. The causes they can fix become one line naming the file and what to do, with exit code 3 for
 * a full disk or the file-size limit, as for the data files (writeFailure.ts); anything else is returned as it was,
 * to be reported as a bug.
 */
import { errnoCode } from './errno.js';
import { UserError } from './userError.js';

/** `elsewhere` is how to put the file somewhere else: "pass another --metadata", ... */
export function fileWriteError(path: string, error: unknown, elsewhere = 'pass another --out/--metadata'): unknown {
  switch (errnoCode(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new UserError(`no space left on the device while writing ${path}: free some space, or ${elsewhere}`, 3);
    case 'EFBIG':
      return new UserError(`writing ${path} went past this process's file-size limit (ulimit -f): raise the limit, or ${elsewhere}`, 3);
    case 'EROFS':
      return new UserError(`cannot write ${path}: the file system is read-only; ${elsewhere} on a writable one`);
    case 'EACCES':
      return new UserError(`cannot write ${path}: permission denied; ${elsewhere} in a folder you can write to`);
    case 'EPERM':
      // Also what a file system without hard links (the lock needs them) answers.
      return new UserError(`cannot write ${path}: operation not permitted; ${elsewhere} in a folder you can write to`);
    case 'ENOTDIR':
      return new UserError(`cannot write ${path}: part of its folder path is not a folder; ${elsewhere}`);
    case 'ENOENT':
      return new UserError(`cannot write ${path}: its folder does not exist; ${elsewhere}`);
    case 'EISDIR':
      return new UserError(`cannot write ${path}: a directory is in the way; remove it, or ${elsewhere}`);
    default:
      return error;
  }
}
