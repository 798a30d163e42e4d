/** How a run proves a file at one of its names is the one it wrote (see WrittenFile in state/pendingRun.ts). */
import type { BigIntStats } from 'node:fs';

/** What identifies a file as the one written, as recorded when it was linked into place. */
export interface FileIdentity {
  readonly bytes: number;
  readonly inode: number;
  /**
   * Nanoseconds, as a decimal string. Inode numbers are reused as soon as a file is deleted, so a file put in place
   * of the run's one can carry its inode: the modification time (and size) tell them apart.
   */
  readonly mtime_ns: string;
}

/** The same regular file: inode, size and modification time as recorded when the run linked it into place. */
export function sameFile(found: BigIntStats, recorded: FileIdentity): boolean {
  return found.isFile() && found.ino === BigInt(recorded.inode) && found.size === BigInt(recorded.bytes) && found.mtimeNs.toString() === recorded.mtime_ns;
}
