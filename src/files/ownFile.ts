/** How a run proves a file at one of its names is the one it wrote (see WrittenFile in pendingRun.ts). */
import type { BigIntStats } from 'node:fs';
import type { WrittenFile } from '../state/pendingRun.js';

/** The same regular file: inode, size and modification time as recorded when the run linked it into place. */
export function sameFile(found: BigIntStats, recorded: WrittenFile): boolean {
  return found.isFile() && found.ino === BigInt(recorded.inode) && found.size === BigInt(recorded.bytes) && found.mtimeNs.toString() === recorded.mtime_ns;
}
