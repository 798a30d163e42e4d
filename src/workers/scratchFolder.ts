/**
 * A run's scratch folder in the system's temporary folder: value pools, sizing samples and its DuckDBs' spill
 * (workers/spillFolder.ts). The run removes it at its end; a run killed with kill -9 (or a second Ctrl-C) cannot, so
 * every run first removes the scratch folders of runs that are dead, as the lock judges a holder dead
 * (state/processAlive.ts): on this host, and not running. The folder's name says whose it is (pid and host), so the
 * folder and its owner appear in one step, with no moment at which a live run's folder has no owner to judge by.
 * A folder whose owner cannot be told (another host, another user, a name of an older synthgen) is never touched.
 */
import { createHash, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '../files/processAlive.js';
import { spillFolder, spillSettings } from './spillFolder.js';

const PREFIX = 'synthgen-run-';
/** `synthgen-run-<run id>-<random>-p<pid>-h<host tag>`: a run id may hold dashes, the owner is read from the end. */
const OWNED = /^synthgen-run-.+-p(\d+)-h([0-9a-f]{8})$/;

/** The host's name, hashed: short and safe in a file name, and enough to tell this host from the others sharing a folder. */
function hostTag(): string {
  return createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
}

/** Whether the scratch folder `name` (in `parent`) belongs to a run on this host that is no longer running. */
async function deadRunsFolder(parent: string, name: string): Promise<boolean> {
  const owner = OWNED.exec(name);
  if (!owner || owner[2] !== hostTag()) return false;
  const pid = Number(owner[1]);
  if (pid === process.pid || processAlive(pid)) return false;
  // Only a real folder of this user's: never a symlink planted in a shared /tmp, nor another user's folder.
  const found = await lstat(join(parent, name)).catch(() => undefined);
  return found !== undefined && found.isDirectory() && (process.getuid === undefined || found.uid === process.getuid());
}

/** Removes the scratch folders dead runs left; best effort, as a run's own removal is: nothing here fails a run. */
export async function sweepDeadScratch(parent = tmpdir()): Promise<void> {
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(PREFIX) && (await deadRunsFolder(parent, name))) await rm(join(parent, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** A new scratch folder for run `runId`, named after this process and host, once dead runs' are removed. */
export async function createScratch(runId: string): Promise<string> {
  await sweepDeadScratch();
  const scratch = join(tmpdir(), `${PREFIX}${runId}-${randomUUID().slice(0, 8)}-p${process.pid}-h${hostTag()}`);
  await mkdir(scratch, { recursive: true });
  return scratch;
}

/** A scratch folder of a command that reads a dataset in a DuckDB of its own (verify, report), of `threads` threads. */
export interface ReaderScratch {
  /** The DuckDB's settings that make it spill into the scratch folder. */
  readonly duckdbSettings: Readonly<Record<string, string>>;
  /** Removes the folder: once the DuckDB is closed. */
  remove(): void;
}

/**
 * A scratch folder for `command`'s DuckDB to spill into: left to itself an in-memory DuckDB spills into `./.tmp` of
 * the working folder, where two commands at once would share file names and a killed one would leave its spill.
 */
export async function readerScratch(command: string, threads: number, memoryPerThreadMB?: number): Promise<ReaderScratch> {
  // A memory limit per thread the caller sets (SYNTHGEN_WORKER_MEMORY_MB at the CLI) bounds every DuckDB thread
  // synthgen opens; unset, a reader takes DuckDB's default.
  const set = memoryPerThreadMB;
  const folder = await createScratch(command);
  const spill = await spillFolder(folder, 1);
  const memory = set === undefined ? {} : { memory_limit: `${set * threads}MB` };
  return { duckdbSettings: { threads: String(threads), ...spillSettings(spill, 0), ...memory }, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
