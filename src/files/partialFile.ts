/**
 * Where a part is written before it is complete: a hidden name beside its file, carrying the writing process's pid.
 * Readers never see it as a Parquet file, the part is linked into place only once whole, and a later run (resume,
 * discard, or the interrupt handler of the process itself) can find and remove what a killed writer left.
 */
import { basename, dirname, join } from 'node:path';

export function partialPath(path: string, pid = process.pid): string {
  return join(dirname(path), `.${basename(path)}.${pid}.partial`);
}

/** The file name a partial file belongs to, or undefined for any other name. */
export function partialTarget(name: string): string | undefined {
  return /^\.(.+)\.\d+\.partial$/.exec(name)?.[1];
}
