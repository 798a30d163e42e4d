/**
 * Where a committed run's files are, for taking the run back (`synthgen remove`): its manifest and the files it lists,
 * in a local folder (this file) or under an S3 prefix (s3/s3RunStore.ts). A file is removed only when it is still the
 * one the run wrote: the manifest's size and SHA-256 (and, locally, a regular file in a real folder, never through a
 * symlink); anything else at its name is left in place and said.
 */
import type { Stats } from 'node:fs';
import { lstat, readdir, rmdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isErrno, reasonOf } from '../errors/errno.js';
import { UserError } from '../errors/userError.js';
import { sha256File } from '../files/fileChecksum.js';
import { NotARegularFile, fileKind, readRegularFile } from '../files/regularFile.js';
import { type ManifestFile, ManifestUnreadable, RUNS_FOLDER, type RunManifest, parseManifest } from '../state/runManifest.js';
import { relativePathProblem } from '../files/relativePathProblem.js';

/** What became of one file the manifest lists. */
export type FileRemoval = { readonly outcome: 'removed' | 'missing' } | { readonly outcome: 'left'; readonly reason: string };

export interface RunStore {
  /** The dataset's root as users read it: a folder, or `s3://bucket/prefix/`. */
  readonly root: string;
  /** The manifest as a path or URL. */
  readonly manifestName: string;
  /** The run's manifest, or undefined when it is not there (a removal stopped after removing it). */
  manifest(): Promise<RunManifest | undefined>;
  /** Files still under the run's names (`<table>/<run id>*.parquet`): with no manifest, they cannot be told apart. */
  leftovers(tables: readonly string[]): Promise<string[]>;
  /** Where a manifest's file is, as a path or URL. */
  where(file: ManifestFile): string;
  /** Removes the file if it still is the run's. */
  remove(file: ManifestFile): Promise<FileRemoval>;
  removeManifest(): Promise<void>;
  /** Removes the folders the run's files were in once they are empty (local only), and the root if empty too. */
  tidy(tables: readonly string[]): Promise<void>;
  close(): void;
}

/** Where a manifest's file goes under a root: `<table>/<name>.parquet`, or why it cannot be one of the run's files. */
export function fileProblem(file: ManifestFile): string | undefined {
  const problem = relativePathProblem(file.path);
  if (problem) return `its path has ${problem}`;
  const parts = file.path.split('/');
  if (parts.length !== 2 || parts[0] !== file.table || !file.path.endsWith('.parquet')) return `its path is not ${file.table}/<file>.parquet`;
  return undefined;
}

/** A manifest's bytes, read strictly and checked to be `runId`'s (s3RunStore.ts reads them from the bucket). */
export function parseRunManifest(bytes: Buffer, label: string, runId: string): RunManifest {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error: unknown) {
    throw new UserError(`the manifest ${label} is not JSON (${reasonOf(error)}), so which files run ${runId} wrote cannot be told: restore it`);
  }
  let manifest: RunManifest;
  try {
    manifest = parseManifest(value, label);
  } catch (error: unknown) {
    if (error instanceof ManifestUnreadable) throw new UserError(`${error.message}: restore it, so that the files of run ${runId} can be told`);
    throw error;
  }
  if (manifest.run_id !== runId) throw new UserError(`the manifest ${label} is of run ${manifest.run_id}, not of run ${runId}: restore the manifest of run ${runId}`);
  return manifest;
}

async function lstatOrNothing(path: string): Promise<Stats | undefined> {
  return lstat(path).catch((error: unknown) => {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw new UserError(`cannot check ${path}: ${reasonOf(error)}`);
  });
}

/** A run whose manifest is `<root>/_runs/<run id>.json` on this machine. */
export class LocalRunStore implements RunStore {
  readonly root: string;
  readonly manifestName: string;
  readonly #runId: string;

  constructor(manifestPath: string, runId: string) {
    this.manifestName = manifestPath;
    this.root = dirname(dirname(manifestPath));
    this.#runId = runId;
    if (basename(dirname(manifestPath)) !== RUNS_FOLDER) throw new UserError(`the manifest of run ${runId} is recorded at ${manifestPath}, outside a ${RUNS_FOLDER} folder: that is not where synthgen writes one`);
  }

  async manifest(): Promise<RunManifest | undefined> {
    let bytes: Buffer | undefined;
    try {
      // Only synthgen writes it, always as a file: a symlink there is not its manifest.
      bytes = await readRegularFile(this.manifestName, { follow: false });
    } catch (error: unknown) {
      if (error instanceof NotARegularFile) throw new UserError(`the manifest path ${this.manifestName} is a ${error.kind}, not synthgen's manifest: restore the manifest of run ${this.#runId}`);
      throw new UserError(`cannot read the manifest ${this.manifestName}: ${reasonOf(error)}`);
    }
    return bytes === undefined ? undefined : parseRunManifest(bytes, this.manifestName, this.#runId);
  }

  async leftovers(tables: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (const table of tables) {
      const names = await readdir(join(this.root, table)).catch(() => []);
      found.push(...names.filter((name) => name.startsWith(this.#runId)).map((name) => join(this.root, table, name)));
    }
    return found;
  }

  where(file: ManifestFile): string {
    return join(this.root, file.path);
  }

  async remove(file: ManifestFile): Promise<FileRemoval> {
    const problem = fileProblem(file);
    if (problem) return { outcome: 'left', reason: problem };
    // The table's folder itself must be one: through a symlink the file would be somewhere else.
    const folder = await lstatOrNothing(join(this.root, file.table));
    if (!folder) return { outcome: 'missing' };
    if (!folder.isDirectory()) return { outcome: 'left', reason: `its folder ${join(this.root, file.table)} is a ${fileKind(folder) ?? 'file'}, not the folder the run wrote into` };
    const path = this.where(file);
    const found = await lstatOrNothing(path);
    if (!found) return { outcome: 'missing' };
    const kind = fileKind(found);
    if (kind) return { outcome: 'left', reason: `it is a ${kind}, not the file run ${this.#runId} wrote` };
    if (found.size !== file.bytes || (await sha256File(path)) !== file.sha256) return { outcome: 'left', reason: `it does not hold the bytes run ${this.#runId} wrote` };
    await unlink(path).catch((error: unknown) => {
      throw new UserError(`cannot remove ${path}: ${reasonOf(error)}; make its folder writable and run again`);
    });
    return { outcome: 'removed' };
  }

  async removeManifest(): Promise<void> {
    await unlink(this.manifestName).catch((error: unknown) => {
      if (!isErrno(error, 'ENOENT')) throw new UserError(`cannot remove ${this.manifestName}: ${reasonOf(error)}; make its folder writable and run again`);
    });
  }

  async tidy(tables: readonly string[]): Promise<void> {
    // rmdir removes only empty folders: anything else in them keeps them.
    for (const folder of [...tables.map((table) => join(this.root, table)), join(this.root, RUNS_FOLDER), this.root]) await rmdir(folder).catch(() => undefined);
  }

  close(): void {
    // Nothing held.
  }
}
