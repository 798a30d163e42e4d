/** A worker's failure to write a file: the causes a user can fix get one line saying how; anything else is a bug. */
import { UserError } from './userError.js';

export function writeFailure(path: string, result: { readonly code: string; readonly message: string }): Error {
  if (result.code === 'ENOSPC' || result.code === 'EDQUOT' || /no space left on device|quota exceeded/i.test(result.message)) {
    return new UserError(`no space left on the device while writing ${path}: free some space, or pass another --out (or TMPDIR for the sizing samples)`);
  }
  if (result.code === 'EFBIG' || /file too large/i.test(result.message)) {
    return new UserError(`${path} hit this process's file-size limit (ulimit -f): raise it or pass a smaller --file-size-limit`);
  }
  if (result.code === 'EACCES' || result.code === 'EROFS' || /permission denied|read-only file system/i.test(result.message)) {
    return new UserError(`cannot write ${path} (${result.message.split('\n')[0] ?? result.code}): pass --out with a writable folder`);
  }
  return new Error(`writing ${path} failed: ${result.message}`);
}
