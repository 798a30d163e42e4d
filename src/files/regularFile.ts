/**
 * Reading back a file synthgen wrote (the metadata, the lock) without trusting what is at its path. Anything but a
 * regular file is refused before it is opened: reading a FIFO blocks until a writer comes (forever), and a device may
 * never end. The open is non-blocking and the open file is checked again, so a FIFO put in its place between the
 * check and the open cannot block the read either. With `follow: false` a symlink at the path is refused too (for
 * files synthgen only ever creates itself, like the lock).
 */
import { type Stats, constants } from 'node:fs';
import { type FileHandle, lstat, open, stat } from 'node:fs/promises';
import { isErrno } from '../errors/errno.js';

export class NotARegularFile extends Error {
  constructor(
    readonly path: string,
    /** What is there instead: "directory", "FIFO (named pipe)", ... */
    readonly kind: string,
  ) {
    super(`${path} is a ${kind}, not a file`);
  }
}

/** What kind of file `stats` describes, in words; undefined for a regular file. */
export function fileKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symbolic link';
  if (stats.isFIFO()) return 'FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  if (stats.isSocket()) return 'socket';
  return 'special file';
}

export interface ReadOptions {
  /** Whether a symlink at the path is followed (the default) or refused. */
  readonly follow?: boolean;
}

/** Whether a regular file is at `path`; false if nothing is; NotARegularFile if something else. */
export async function regularFileExists(path: string, options: ReadOptions = {}): Promise<boolean> {
  const found = await (options.follow === false ? lstat(path) : stat(path)).catch((error: unknown) => {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  });
  const kind = found && fileKind(found);
  if (kind) throw new NotARegularFile(path, kind);
  return found !== undefined;
}

/** The file's bytes, or undefined if nothing is at `path`; NotARegularFile if something other than a file is. */
export async function readRegularFile(path: string, options: ReadOptions = {}): Promise<Buffer | undefined> {
  if (!(await regularFileExists(path, options))) return undefined;
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | (options.follow === false ? constants.O_NOFOLLOW : 0));
  } catch (error: unknown) {
    if (isErrno(error, 'ENOENT')) return undefined;
    if (isErrno(error, 'ELOOP')) throw new NotARegularFile(path, 'symbolic link');
    throw error;
  }
  try {
    const kind = fileKind(await handle.stat());
    if (kind) throw new NotARegularFile(path, kind);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
