/**
 * The metadata file: per table, the last ID used and one segment per run (enough to recompute any row), plus a
 * short record of each run. It grows with runs, never with rows (nor with the IDs of a legacy file). It is read
 * strictly (parseMetadata.ts; a corrupt file is reported and left alone), migrated from the original tool's legacy
 * format (full ID lists), and written atomically: a temporary file, fsync, rename, so a crash leaves either the old or the new file.
 * Every access goes to the real file (realMetadataPath.ts): a symlinked metadata path is written through, never
 * replaced by a regular file. Nothing here spreads segments or IDs into a call or recurses over them: a table may
 * have hundreds of thousands of segments, and a legacy list millions of IDs.
 */
import { link, lstat, mkdir, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { atomicWrite } from '../files/atomicWrite.js';
import { isErrno, reasonOf } from '../errors/errno.js';
import { UserError } from '../errors/userError.js';
import { writeFailure } from '../errors/writeFailure.js';
import { realMetadataPath } from './realMetadataPath.js';
import { NotARegularFile, readRegularFile, regularFileExists } from '../files/regularFile.js';
import { writeTemporary } from '../files/temporaryFile.js';

import { Corrupt, type Json, isRecord, need } from './jsonChecks.js';
import { METADATA_FORMAT, type Metadata, emptyMetadata, metadataVersion, parseCurrent } from './parseMetadata.js';
import { type LegacyShape, NOT_A_KNOWN_FORMAT, parseLegacy } from './legacy/legacyFormat.js';

/** How many `<path>.legacy.<n>.bak` names are tried before giving up. */
const MAX_LEGACY_BACKUPS = 100;

export interface LoadedMetadata {
  readonly metadata: Metadata;
  /** Whether the file on disk is in the legacy format (it is backed up before the first commit replaces it). */
  readonly legacy: boolean;
  /** Which of the original tool's shapes it had, when legacy. */
  readonly legacyShape?: LegacyShape;
  readonly exists: boolean;
}

export { realMetadataPath } from './realMetadataPath.js';
export {
  METADATA_FORMAT,
  METADATA_VERSION,
  type LegacySpan,
  type Metadata,
  type RunRecord,
  type TableOriginRecord,
  type TableSegment,
  type TableState,
  emptyMetadata,
  isPrototypeKey,
} from './parseMetadata.js';

function notAFile(path: string, kind: string): UserError {
  return new UserError((w) => `metadata path ${path} is a ${kind}, not a file: pass ${w.metadata} with the path of a metadata file (or of one to create)`);
}

/**
 * The real path of the metadata file `path` names (see realMetadataPath), after checking that what is there is a
 * regular file, or nothing yet: a directory, a FIFO or a device is refused with one line before anything reads it.
 */
export async function checkMetadataPath(path: string): Promise<string> {
  const real = await realMetadataPath(path);
  try {
    await regularFileExists(real);
  } catch (error: unknown) {
    if (error instanceof NotARegularFile) throw notAFile(path, error.kind);
    throw new UserError((w) => `cannot read metadata file ${path}: ${reasonOf(error)}; make it readable, or pass ${w.metadata} with another path`);
  }
  return real;
}

/**
 * Refuses a metadata file with more than one hard link. Locking by file identity (device and inode) instead would
 * not help: every commit renames a new file over the name (atomicWrite), which gives that name a new inode and leaves
 * the other names on the old one, holding the IDs as they were. From then on the names are two metadata files that
 * disagree, and a run through the old one reserves IDs again, one run after the other just as well as at once; no
 * lock can prevent that. A second name that follows the file is a symbolic link (resolved by realMetadataPath, so
 * it shares the lock). A metadata file that does not exist yet has no links to check. Checked when the lock is taken
 * (before anything is written) and again at the commit, for a link made during the run.
 */
export async function refuseHardLinks(real: string, shown: string): Promise<void> {
  const found = await stat(real).catch((error: unknown) => {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw new UserError((w) => `cannot read metadata file ${shown}: ${reasonOf(error)}; make it readable, or pass ${w.metadata} with another path`);
  });
  if (found === undefined || found.nlink <= 1) return;
  throw new UserError(
    `metadata file ${shown} has ${found.nlink} hard links: synthgen replaces it at every run, after which the other names would keep old IDs and reserve them again; remove the other names (find / -xdev -samefile ${shown}), and use a symbolic link if you need a second name`,
  );
}

async function readMetadataText(path: string): Promise<string | undefined> {
  const real = await checkMetadataPath(path);
  try {
    const bytes = await readRegularFile(real);
    return bytes?.toString('utf8');
  } catch (error: unknown) {
    if (error instanceof NotARegularFile) throw notAFile(path, error.kind);
    throw new UserError((w) => `cannot read metadata file ${path}: ${reasonOf(error)}; make it readable, or pass ${w.metadata} with another path`);
  }
}

export async function loadMetadata(path: string): Promise<LoadedMetadata> {
  const read = await readMetadataText(path);
  if (read === undefined) return { metadata: emptyMetadata(), legacy: false, exists: false };
  // Some editors start UTF-8 files with a byte order mark; JSON.parse would call it corrupt.
  const text = read.startsWith('\uFEFF') ? read.slice(1) : read;
  const corrupt = (why: string) =>
    new UserError((w) => `metadata file ${path} is corrupt: ${why}. It was left unchanged; repair it, restore a backup, or pass ${w.metadata} with another path.`);
  let parsed: Json;
  try {
    parsed = JSON.parse(text);
  } catch (error: unknown) {
    throw corrupt(`not valid JSON (${reasonOf(error)})`);
  }
  try {
    need(isRecord(parsed), 'the top level is not an object');
    if (parsed.format === METADATA_FORMAT) return { metadata: parseCurrent(parsed), legacy: false, exists: true };
    const migrated = parseLegacy(parsed);
    need(migrated !== undefined, NOT_A_KNOWN_FORMAT);
    return { metadata: migrated.metadata, legacy: true, legacyShape: migrated.shape, exists: true };
  } catch (error: unknown) {
    if (error instanceof Corrupt) throw corrupt(error.message);
    throw error;
  }
}

/** Whether `path` is a regular file holding exactly `bytes`. */
async function holds(path: string, bytes: Buffer): Promise<boolean> {
  const found = await readRegularFile(path).catch(() => undefined);
  return found !== undefined && found.equals(bytes);
}

/** Links `temporary` to `path` if nothing is there; false if something is. */
async function linkIfFree(temporary: string, path: string): Promise<boolean> {
  try {
    await link(temporary, path);
    return true;
  } catch (error: unknown) {
    if (isErrno(error, 'EEXIST')) return false;
    throw writeFailure(path, error, (w) => `pass another ${w.metadata}`);
  }
}

/**
 * Copies the legacy file at (real) `path` to `<path>.legacy.bak`, complete or not at all, and never over another
 * backup: if that name holds other bytes, to the next free `<path>.legacy.<n>.bak`. A backup already holding the same
 * bytes was made by an earlier commit that then failed, so it is not made again. Returns the backup's path.
 */
async function backUpLegacy(path: string): Promise<string | undefined> {
  const original = await readRegularFile(path);
  if (original === undefined) return undefined; // nothing left to back up
  let temporary: string | undefined;
  try {
    for (let n = 0; n < MAX_LEGACY_BACKUPS; n += 1) {
      const backup = n === 0 ? `${path}.legacy.bak` : `${path}.legacy.${n}.bak`;
      const taken = await lstat(backup).then(
        () => true,
        () => false,
      );
      if (!taken) {
        temporary ??= await writeTemporary(path, original);
        if (await linkIfFree(temporary, backup)) return backup;
      }
      if (await holds(backup, original)) return backup;
    }
  } finally {
    if (temporary) await unlink(temporary).catch(() => undefined);
  }
  throw new UserError(`${path} is legacy metadata and there are already ${MAX_LEGACY_BACKUPS} backups beside it (${path}.legacy.*.bak): remove those you do not need and run again`);
}

/**
 * Replaces the metadata file atomically: the real file, so a symlink to it stays a symlink. A legacy file is first
 * backed up (backUpLegacy), so what the original tool recorded is never lost. Returns the backup's path, if it made
 * or found one.
 */
export async function commitMetadata(path: string, metadata: Metadata, loaded: LoadedMetadata): Promise<string | undefined> {
  const real = await checkMetadataPath(path);
  await mkdir(dirname(real), { recursive: true }).catch((error: unknown) => {
    throw writeFailure(real, error);
  });
  await refuseHardLinks(real, path);
  const backup = loaded.legacy ? await backUpLegacy(real) : undefined;
  await atomicWrite(real, `${JSON.stringify({ ...metadata, format_version: metadataVersion(metadata.tables, metadata.runs) }, null, 2)}\n`);
  return backup;
}
