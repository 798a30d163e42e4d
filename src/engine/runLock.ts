/**
 * One run at a time per metadata file. A run reserves its IDs from the metadata when it starts and records them when
 * it commits; two runs overlapping on one metadata file would both reserve the same IDs. The lock is
 * `<metadata>.lock`, created atomically (link of a complete temporary file, which fails if the lock exists), holding
 * who holds it: pid, host, start time and command.
 *
 * A lock whose holder is a dead process on this host is stale (the holder was killed, or the machine rebooted) and
 * is taken over. Taking over goes through a second, short-lived lock so that two runs finding the same stale lock
 * cannot both take it. A holder on another host cannot be checked, so its lock is never broken automatically.
 */
import { randomUUID } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { UserError } from './errors.js';

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly started_at: string;
  readonly command: string;
  /** Tells this holder's lock from a later one with a reused pid. */
  readonly token: string;
}

export interface HeldLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock if it is still this run's; safe to call more than once. */
  release(): Promise<void>;
}

/** How long a takeover may take before another run may assume its taker died. */
const TAKEOVER_STALE_MS = 30_000;
const WAIT_POLL_MS = 250;

export function lockPath(metadataPath: string): string {
  return `${metadataPath}.lock`;
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: the process exists but belongs to someone else.
    return !isErrno(error, 'ESRCH');
  }
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return {
        pid: value.pid,
        host: value.host,
        started_at: String(value.started_at ?? '?'),
        command: String(value.command ?? '?'),
        token: value.token,
      };
    }
  } catch {
    // Unreadable: handled below like a lock written by something else.
  }
  throw new UserError(`the lock file ${path} is not synthgen's or is damaged: if no synthgen run is using this metadata, delete it and run again`);
}

/** Creates `path` holding `content` only if it does not exist; false if it does. */
async function createExclusive(path: string, content: string): Promise<boolean> {
  const temporary = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  await writeFile(temporary, content, { flag: 'wx' });
  try {
    await link(temporary, path);
    return true;
  } catch (error: unknown) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

function stale(holder: LockHolder): boolean {
  return holder.host === hostname() && holder.pid !== process.pid && !alive(holder.pid);
}

/** Removes `path` if it still holds the stale holder `seen`; true when the way is clear. */
async function breakStaleLock(path: string, seen: LockHolder): Promise<boolean> {
  const takeover = `${path}.takeover`;
  const takeoverAge = await stat(takeover).then(
    (s) => Date.now() - s.mtimeMs,
    () => undefined,
  );
  if (takeoverAge !== undefined && takeoverAge > TAKEOVER_STALE_MS) await unlink(takeover).catch(() => undefined);
  if (!(await createExclusive(takeover, String(process.pid)))) return false;
  try {
    const current = await readHolder(path);
    if (current && current.token !== seen.token) return false; // someone else took it over meanwhile
    await unlink(path).catch(() => undefined);
    return true;
  } finally {
    await unlink(takeover).catch(() => undefined);
  }
}

function describe(holder: LockHolder): string {
  return `pid ${holder.pid} on ${holder.host}, started ${holder.started_at}`;
}

/**
 * Takes the metadata's lock. Without `wait`, a live holder is an error naming it; with `wait`, polls until the holder
 * is gone (calling `onWait` once). Stale locks are taken over; `onStale` hears about it.
 */
export async function acquireRunLock(options: {
  readonly metadataPath: string;
  readonly command: string;
  readonly wait?: boolean;
  readonly onWait?: (holder: LockHolder) => void;
  readonly onStale?: (holder: LockHolder) => void;
}): Promise<HeldLock> {
  const path = lockPath(options.metadataPath);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    started_at: new Date().toISOString(),
    command: options.command,
    token: randomUUID(),
  };
  const content = `${JSON.stringify(holder, null, 2)}\n`;
  // The metadata's folder may not exist yet (the commit would create it): the lock goes there first.
  await mkdir(dirname(path), { recursive: true }).catch(() => undefined);
  let told = false;
  for (;;) {
    try {
      if (await createExclusive(path, content)) break;
    } catch (error: unknown) {
      if (isErrno(error, 'ENOENT')) {
        throw new UserError(`cannot create the lock beside the metadata (${path}): its folder cannot be created; pass --metadata with a path in a writable folder`);
      }
      if (isErrno(error, 'EACCES') || isErrno(error, 'EROFS') || isErrno(error, 'EPERM')) {
        throw new UserError(`cannot create the lock beside the metadata (${path}): permission denied; pass --metadata with a path in a writable folder`);
      }
      throw error;
    }
    const current = await readHolder(path);
    if (!current) continue; // released between our attempt and the read
    if (stale(current)) {
      if (await breakStaleLock(path, current)) options.onStale?.(current);
      // Another run is taking it over: give it the time to.
      else await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
      continue;
    }
    if (!options.wait) {
      throw new UserError(
        `another synthgen run is using ${options.metadataPath} (${describe(current)}: ${current.command}): wait for it to finish, or pass --wait to start when it does${current.host === hostname() ? '' : `; if that run is dead, delete ${path}`}`,
      );
    }
    if (!told) {
      options.onWait?.(current);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }

  let released = false;
  // A run that ends without reaching release (an uncaught error, process.exit) still frees the lock.
  const onExit = () => {
    if (!released) {
      try {
        unlinkSync(path);
      } catch {
        // Already gone.
      }
    }
  };
  process.on('exit', onExit);
  return {
    path,
    holder,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      const current = await readHolder(path).catch(() => undefined);
      if (current?.token === holder.token) await unlink(path).catch(() => undefined);
    },
  };
}
