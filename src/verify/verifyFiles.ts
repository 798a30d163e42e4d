/**
 * The file side of `synthgen verify`: reading the run manifests of a dataset folder and checking each file they
 * list. Manifests and their paths are data from disk, not trusted records: only paths of the `<table>/<file>.parquet`
 * shape inside the dataset folder are opened, and only regular files (no symbolic links out, no devices, FIFOs or
 * folders), so a doctored manifest gives a violation line and never reads, or hangs on, anything else.
 */
import { type Stats, closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { type FileHandle, lstat, open, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { errnoCode, isErrno, reasonOf } from '../errors/errno.js';
import { firstLineOf } from '../errors/thrownValue.js';
import type { Vocabulary } from '../errors/vocabulary.js';
import { fileKind } from '../files/regularFile.js';
import { RUNS_FOLDER, ManifestUnreadable, type ManifestFile, type RunManifest, parseManifest } from '../state/runManifest.js';
import { relativePathProblem } from '../files/relativePathProblem.js';
import { quotedIdentifier, quotedString } from '../model/sql.js';
import type { TableLookup } from '../model/compileTable.js';
import type { TableDefinition } from '../model/tableDefinition.js';
import type { VerifyCheck } from './verifyReport.js';

/** Far above any real manifest (a million files is ~250 MB), and below what one string can hold. */
const MAX_MANIFEST_BYTES = 512 * 1024 * 1024;
/**
 * Letters, digits, '.', '_' and '-' (the names synthgen gives): a file name DuckDB reads as a glob (`*`, `?`, `[`)
 * would read other files than the one listed.
 */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `a FIFO (named pipe)`, `a directory`, ...: what is there instead of a regular file. */
const kindOf = (stats: Stats) => `a ${fileKind(stats) ?? 'special file'}`;

type Opened = { readonly handle: FileHandle; readonly size: number } | { readonly problem: string };

/**
 * Opens `path` only if it is a regular file, without following a symbolic link at its end and without blocking on
 * a FIFO; the file opened must be the one examined (same device and inode), or it was swapped in between.
 */
async function openRegularFile(path: string): Promise<Opened> {
  const before = await lstat(path);
  if (!before.isFile()) return { problem: `${kindOf(before)}, not a regular file: only regular files are read` };
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  const after = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  if (!after.isFile() || after.ino !== before.ino || after.dev !== before.dev) {
    await handle.close();
    return { problem: 'replaced while verify opened it: run verify again' };
  }
  return { handle, size: after.size };
}

async function sha256Of(handle: FileHandle): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) return hash.digest('hex');
    hash.update(buffer.subarray(0, bytesRead));
  }
}

/**
 * A manifest's text, read only if it is a regular file (no symbolic link followed, no blocking on a FIFO).
 * Synchronous on purpose: manifests are small and read once each, and 150,000 of them took 1.1 s this way against
 * 9 s through fs.promises (five thread-pool round trips each), 26 s with readFile.
 */
function readManifestText(path: string, label: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error: unknown) {
    throw new ManifestUnreadable(label, isErrno(error, 'ELOOP') ? 'a symbolic link, not a regular file' : reasonOf(error));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new ManifestUnreadable(label, `${kindOf(stats)}, not a regular file`);
    if (stats.size > MAX_MANIFEST_BYTES) throw new ManifestUnreadable(label, `${stats.size} bytes, more than a manifest can be`);
    const buffer = Buffer.allocUnsafe(stats.size);
    let filled = 0;
    while (filled < buffer.length) {
      const read = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return buffer.subarray(0, filled).toString('utf8');
  } catch (error: unknown) {
    if (error instanceof ManifestUnreadable) throw error;
    throw new ManifestUnreadable(label, reasonOf(error));
  } finally {
    closeSync(fd);
  }
}

function readManifest(folder: string, name: string): RunManifest {
  const label = `${RUNS_FOLDER}/${name}`;
  const text = readManifestText(join(folder, name), label);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    throw new ManifestUnreadable(label, `not valid JSON (${reasonOf(error)})`);
  }
  return parseManifest(value, label);
}

export interface LoadedManifests {
  /** The readable ones, in file-name order. */
  readonly manifests: readonly RunManifest[];
  /** The name of every `.json` file in the manifests folder, readable or not. */
  readonly names: ReadonlySet<string>;
  /** A violation for each manifest that could not be read. */
  readonly checks: readonly VerifyCheck[];
}

export async function loadManifests(root: string): Promise<LoadedManifests> {
  const folder = join(root, RUNS_FOLDER);
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  const manifests: RunManifest[] = [];
  const checks: VerifyCheck[] = [];
  for (const name of names) {
    try {
      manifests.push(readManifest(folder, name));
    } catch (error: unknown) {
      const reason = error instanceof ManifestUnreadable ? error.reason : reasonOf(error);
      checks.push({ check: `manifest ${RUNS_FOLDER}/${name}`, result: 'violation', detail: `unreadable: ${reason}` });
    }
  }
  return { manifests, names: new Set(names), checks };
}

function shapeProblem(file: ManifestFile): string | undefined {
  const problem = relativePathProblem(file.path);
  if (problem) return `it has ${problem}`;
  const parts = file.path.split('/');
  if (parts.length !== 2) return 'it is not one folder deep';
  const [folder = '', name = ''] = parts;
  if (folder !== file.table) return `its folder is not its table ${file.table}`;
  if (!PLAIN_NAME.test(folder) || !PLAIN_NAME.test(name) || !name.endsWith('.parquet')) return 'its name is not letters, digits, ".", "_" and "-" ending in .parquet';
  return undefined;
}

/** Why a manifest's path is not `<table>/<file>.parquet` with the file's own table as the folder, or undefined. */
export function listedPathProblem(file: ManifestFile): string | undefined {
  const why = shapeProblem(file);
  return why && `not a path inside the dataset folder: the manifest must give <table>/<file>.parquet (${why})`;
}

async function one(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  const reader = await connection.runAndReadAll(sql);
  return (reader.getRowObjectsJson()[0] ?? {}) as Record<string, unknown>;
}

const num = (value: unknown) => Number(value ?? 0);

/** The problems with a listed file's rows (count, ID range), or one saying it cannot be read as Parquet. */
async function rowProblems(connection: DuckDBConnection, path: string, file: ManifestFile, tables: TableLookup): Promise<{ problems: string[]; readable: boolean }> {
  const definition = tables(file.table);
  if (!definition) return { problems: [`unknown table ${file.table}`], readable: false };
  try {
    const key = quotedIdentifier(definition.primaryKey);
    const row = await one(connection, `SELECT count(*) AS n, min(${key}) AS lo, max(${key}) AS hi FROM read_parquet(${quotedString(path)})`);
    const problems: string[] = [];
    if (num(row.n) !== file.rows) problems.push(`${num(row.n)} rows, the manifest says ${file.rows}`);
    // A children table's key is its parent's: a part's first or last parents may have no children, so its IDs lie within the range.
    const outside = definition.children
      ? num(row.n) > 0 && (num(row.lo) < file.first_id || num(row.hi) > file.last_id)
      : num(row.lo) !== file.first_id || num(row.hi) !== file.last_id;
    if (outside) {
      problems.push(`IDs ${String(row.lo)}-${String(row.hi)}, the manifest says ${file.first_id}-${file.last_id}`);
    }
    return { problems, readable: true };
  } catch (error: unknown) {
    return { problems: [`unreadable as Parquet (${firstLineOf(error)})`], readable: false };
  }
}

/** Why the listed file cannot be opened inside the dataset folder ('missing', a symbolic link, ...), or its handle. */
async function openListed(root: string, file: ManifestFile): Promise<Opened> {
  const pathProblem = listedPathProblem(file);
  if (pathProblem) return { problem: pathProblem };
  try {
    const folder = await lstat(join(root, file.table));
    if (!folder.isDirectory()) {
      return { problem: `its folder ${file.table} is ${kindOf(folder)}, not a directory: only files inside the dataset folder are read` };
    }
    return await openRegularFile(join(root, file.path));
  } catch (error: unknown) {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return { problem: 'missing' };
    // A symbolic link that O_NOFOLLOW met after all (it was put there after the lstat).
    if (errnoCode(error) === 'ELOOP') return { problem: 'a symbolic link, not a regular file: only regular files are read' };
    return { problem: `cannot be read (${reasonOf(error)})` };
  }
}

/** Checks one listed file: its size, SHA-256, row count and ID range. `readable`: its rows can be queried. */
export async function checkListedFile(connection: DuckDBConnection, root: string, file: ManifestFile, tables: TableLookup): Promise<{ check: VerifyCheck; readable: boolean }> {
  const label = `file ${file.path}`;
  const opened = await openListed(root, file);
  if ('problem' in opened) return { check: { check: label, result: 'violation', detail: opened.problem }, readable: false };
  const problems: string[] = [];
  try {
    if (opened.size !== file.bytes) problems.push(`${opened.size} bytes, the manifest says ${file.bytes}`);
    if ((await sha256Of(opened.handle)) !== file.sha256) problems.push('SHA-256 differs from the manifest');
  } finally {
    await opened.handle.close();
  }
  const rows = await rowProblems(connection, join(root, file.path), file, tables);
  problems.push(...rows.problems);
  const check: VerifyCheck = problems.length
    ? { check: label, result: 'violation', detail: problems.join('; ') }
    : { check: label, result: 'ok', detail: `${file.rows} rows, IDs ${file.first_id}-${file.last_id}, SHA-256 matches` };
  return { check, readable: rows.readable };
}

export interface CheckedFiles {
  /** Every path a manifest lists. */
  readonly listed: ReadonlySet<string>;
  /** Per table, the paths of its files that can be read as its rows. */
  readonly readable: ReadonlyMap<string, readonly string[]>;
}

export async function checkListedFiles(connection: DuckDBConnection, root: string, manifests: readonly RunManifest[], checks: VerifyCheck[], tables: TableLookup): Promise<CheckedFiles> {
  const listedBy = new Map<string, string>();
  const readable = new Map<string, string[]>();
  for (const manifest of manifests) {
    for (const file of manifest.files) {
      const earlier = listedBy.get(file.path);
      if (earlier !== undefined) {
        // Read twice, its rows would count twice: every ID duplicated.
        const by = earlier === manifest.run_id ? `twice by run ${earlier}` : `by two runs (${earlier} and ${manifest.run_id})`;
        checks.push({ check: `file ${file.path}`, result: 'violation', detail: `listed ${by}; checked once` });
        continue;
      }
      listedBy.set(file.path, manifest.run_id);
      const result = await checkListedFile(connection, root, file, tables);
      checks.push(result.check);
      if (!result.readable) continue;
      const paths = readable.get(file.table) ?? [];
      paths.push(join(root, file.path));
      readable.set(file.table, paths);
    }
  }
  return { listed: new Set(listedBy.keys()), readable };
}

/** A violation for each Parquet file in a table's folder that no manifest lists. */
export async function unlistedFiles(root: string, listed: ReadonlySet<string>, tables: readonly TableDefinition[], words: Vocabulary): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  for (const definition of tables) {
    const names = (await readdir(join(root, definition.name)).catch(() => [] as string[])).filter((n) => n.endsWith('.parquet')).sort();
    for (const name of names) {
      if (listed.has(`${definition.name}/${name}`)) continue;
      checks.push({
        check: `file ${definition.name}/${name}`,
        result: 'violation',
        detail: `in no run manifest (left by an interrupted run? see ${words.resumeAndDiscard})`,
      });
    }
  }
  return checks;
}
