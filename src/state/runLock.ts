/**
 * One run at a time per metadata file. A run reserves its IDs from the metadata when it starts and records them when
 * it commits; two runs overlapping on one metadata file would both reserve the same IDs. The lock is
 * `<metadata>.lock` beside the real metadata file (realMetadataPath.ts), so that a symlink to the metadata names the
 * same lock. It is created atomically (link of a complete temporary file, which fails if the lock exists), holding
 * who holds it: pid, host, start time and command.
 *
 * A lock whose holder is a dead process on this host (gone, or a zombie nobody reaped) is stale (the holder was
 * killed, or the machine rebooted) and is taken over. Taking over goes through a second, short-lived lock so that
 * two runs finding the same stale lock cannot both take it. A holder on another host cannot be checked, so its lock
 * is never broken automatically. Only `--wait` polls without end; every other retry is bounded. A metadata file with
 * more than one hard link is refused, not locked by inode (refuseHardLinks in metadata.ts says why).
 */
import { randomUUID } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, lstat, mkdir, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { isErrno, reasonOf } from '../errors/errno.js';
import { UserError } from '../errors/userError.js';
import type { Vocabulary } from '../errors/vocabulary.js';
import { writeFailure } from '../errors/writeFailure.js';
import { removeLeftoverTemporaries } from '../files/leftoverTemporaries.js';
import { shownPath } from '../files/shownPath.js';
import { checkMetadataPath, refuseHardLinks } from './metadata.js';
import { processAlive } from '../files/processAlive.js';
import { NotARegularFile, fileKind, readRegularFile } from '../files/regularFile.js';

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly started_at: string;
  readonly command: string;
  /** Tells this holder's lock from a later one with a reused pid. */
  readonly token: string;
}

export interface HeldLock {
  /** The lock file, beside the real metadata file. */
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock if it is still this run's; safe to call more than once. */
  release(): Promise<void>;
}

/** How long a takeover may take before another run may assume its taker died. */
const TAKEOVER_STALE_MS = 30_000;
const WAIT_POLL_MS = 250;
/**
 * Retries, other than waiting for a live holder with --wait, before giving up: enough to outlast a takeover whose
 * taker died (TAKEOVER_STALE_MS) twice over.
 */
const MAX_RETRIES = Math.ceil((2 * TAKEOVER_STALE_MS) / WAIT_POLL_MS);
const elsewhere = (w: Vocabulary) => `pass another ${w.metadata}`;

export function lockPath(metadataPath: string): string {
  return `${metadataPath}.lock`;
}

const sleep = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

/**
 * The holder a lock file names, every field checked. Extra fields are allowed (a later synthgen may add some, and its
 * lock must still hold this one off); anything else is not a lock this run can judge.
 */
function holderOf(value: unknown): LockHolder | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (!('pid' in value && 'host' in value && 'started_at' in value && 'command' in value && 'token' in value)) return undefined;
  const { pid, host, started_at, command, token } = value;
  // A pid of 0 or below would signal a whole process group when its liveness is checked.
  if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) return undefined;
  if (typeof started_at !== 'string' || !Number.isFinite(Date.parse(started_at))) return undefined;
  // An empty token would not tell one holder's lock from another's (breakStaleLock).
  if (typeof token !== 'string' || token === '' || typeof host !== 'string' || typeof command !== 'string') return undefined;
  return { pid, host, started_at, command, token };
}

function parseHolder(path: string, text: string): LockHolder {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const holder = holderOf(value);
  if (holder) return holder;
  throw new UserError(`the lock file ${path} is not synthgen's or is damaged: if no synthgen run is using this metadata, delete it and run again`);
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  let bytes: Buffer | undefined;
  try {
    // Only synthgen creates it, always as a file: a symlink there is not a lock, even if it points to one.
    bytes = await readRegularFile(path, { follow: false });
  } catch (error: unknown) {
    if (error instanceof NotARegularFile) {
      throw new UserError(`the lock path ${path} is a ${error.kind}, not synthgen's lock file: if no synthgen run is using this metadata, remove it and run again`);
    }
    throw new UserError((w) => `cannot read the lock file ${path}: ${reasonOf(error)}; make it readable, or ${elsewhere(w)}`);
  }
  return bytes === undefined ? undefined : parseHolder(path, bytes.toString('utf8'));
}

/** Creates `path` holding `content` only if it does not exist; false if it does. */
async function createExclusive(path: string, content: string): Promise<boolean> {
  const temporary = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeFile(temporary, content, { flag: 'wx' });
    await link(temporary, path);
    return true;
  } catch (error: unknown) {
    if (isErrno(error, 'EEXIST')) return false;
    throw writeFailure(path, error, elsewhere);
  } finally {
    // Also after a failed write: a full disk leaves an empty temporary.
    await unlink(temporary).catch(() => undefined);
  }
}

function stale(holder: LockHolder): boolean {
  return holder.host === hostname() && holder.pid !== process.pid && !processAlive(holder.pid);
}

/** Removes a takeover lock whose taker had time enough to finish; refuses anything that is not a file. */
async function clearDeadTakeover(takeover: string): Promise<void> {
  const found = await lstat(takeover).catch((error: unknown) => {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw new UserError((w) => `cannot check ${takeover}: ${reasonOf(error)}; make its folder readable, or ${elsewhere(w)}`);
  });
  if (!found) return;
  const kind = fileKind(found);
  if (kind) {
    throw new UserError(`${takeover} is a ${kind}, not synthgen's takeover file, so the stale lock beside it cannot be taken over safely: remove it and run again`);
  }
  if (Date.now() - found.mtimeMs > TAKEOVER_STALE_MS) await unlink(takeover).catch(() => undefined);
}

/** Removes `path` if it still holds the stale holder `seen`; true when the way is clear. */
async function breakStaleLock(path: string, seen: LockHolder): Promise<boolean> {
  const takeover = `${path}.takeover`;
  await clearDeadTakeover(takeover);
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

interface LockOptions {
  readonly metadataPath: string;
  readonly command: string;
  readonly wait?: boolean;
  readonly onWait?: (holder: LockHolder) => void;
  readonly onStale?: (holder: LockHolder) => void;
}

/** Loops until the lock at `path` is this run's. `shown` is the metadata as the user should read it. */
async function takeLock(path: string, content: string, shown: { metadata: string; lock: string }, options: LockOptions): Promise<void> {
  let told = false;
  let retries = 0;
  let last: LockHolder | undefined;
  while (!(await createExclusive(path, content))) {
    const current = await readHolder(path);
    if (current && !stale(current)) {
      retries = 0; // a live holder: the retries below are about stale or vanishing locks only
      if (!options.wait) {
        throw new UserError(
          (w) => `another synthgen run is using ${shown.metadata} (${describe(current)}: ${current.command}): wait for it to finish, or pass ${w.wait} to start when it does${current.host === hostname() ? '' : `; if that run is dead, delete ${shown.lock}`}`,
        );
      }
      if (!told) {
        options.onWait?.(current);
        told = true;
      }
      await sleep(WAIT_POLL_MS);
      continue;
    }
    retries += 1;
    if (retries > MAX_RETRIES) {
      throw new UserError(
        last
          ? `could not take over the stale lock ${shown.lock} (left by ${describe(last)}): another run kept ${shown.lock}.takeover for over a minute; if no synthgen run is using this metadata, delete ${shown.lock}.takeover and run again`
          : `could not take the lock ${shown.lock}: it kept appearing and disappearing; run again`,
      );
    }
    if (!current) continue; // released between our attempt and the read
    last = current;
    if (await breakStaleLock(path, current)) options.onStale?.(current);
    // Another run is taking it over: give it the time to.
    else await sleep(WAIT_POLL_MS);
  }
}

/**
 * Takes the metadata's lock, beside the real metadata file even when `metadataPath` is a symlink; a metadata path
 * that is not a file (a directory, a FIFO, ...) is refused first. Without `wait`, a live holder is an error naming
 * it; with `wait`, polls until the holder is gone (calling `onWait` once). Stale locks are taken over; `onStale`
 * hears about it. Once the lock is held, the temporary files killed runs left beside the metadata are removed.
 */
export async function acquireRunLock(options: LockOptions): Promise<HeldLock> {
  const metadataPath = await checkMetadataPath(options.metadataPath);
  const path = lockPath(metadataPath);
  const shown = { metadata: shownPath(metadataPath), lock: shownPath(path) };
  await refuseHardLinks(metadataPath, shown.metadata);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    started_at: new Date().toISOString(),
    command: options.command,
    token: randomUUID(),
  };
  // The metadata's folder may not exist yet (the commit would create it): the lock goes there first.
  await mkdir(dirname(path), { recursive: true }).catch((error: unknown) => {
    throw writeFailure(path, error, elsewhere);
  });
  await takeLock(path, `${JSON.stringify(holder, null, 2)}\n`, shown, options);

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
  const lock: HeldLock = {
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
  await removeLeftoverTemporaries(metadataPath);
  return lock;
}
