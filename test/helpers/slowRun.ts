/**
 * A run whose rows are slow to compute, for signals that must be acted on while DuckDB works on a worker thread: a
 * table module whose one column costs `cost` (~0.4 ms a unit on these machines, so 10 -> ~2 ms a row, ~4.5 s a
 * vector of 2,048 rows; 60 -> ~22 ms a row, ~45 s a vector), and little memory (a Levenshtein distance of two
 * strings of 32 x cost characters). DuckDB checks for an interrupt between vectors, so `cost` also sets how long a
 * clean stop takes. The run's scratch folders go to its own TMPDIR, and the cache is off so that parts are sized.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AS_OF, CLI } from './cli.js';
import { relaunchedChild, running, until } from './processes.js';

export interface SlowRun {
  /** The process the test started (it relaunches itself) and the child that runs the run. */
  readonly parent: ChildProcessWithoutNullStreams;
  readonly child: number;
  readonly exited: Promise<number | null>;
  readonly stderr: () => string;
  /** Ends both processes, whatever state they are in: a failed test must leave nothing running. */
  readonly kill: () => Promise<void>;
}

function slowModule(cost: number): string {
  const text = (shift: string) => `repeat(md5((\${row.id}${shift})::VARCHAR), ${cost})`;
  return `import { defineTable } from 'synthgen';
export const slow = defineTable({
  name: 'slow', description: 'Rows slow to compute.', version: 1, primaryKey: 'slow_id', parents: [], pools: [], helpers: [],
  columns: [
    { name: 'slow_id', type: 'BIGINT', description: 'Key.', distribution: 'Sequential.', sql: ({ row }) => row.id },
    { name: 'work', type: 'BIGINT', description: 'Work.', distribution: 'Slow.', sql: ({ row }) => \`levenshtein(${text('')}, ${text(' + 1')})\` },
  ],
});
`;
}

/** The run's scratch folders (synthgen-run-*) under its TMPDIR. */
export async function scratchFolders(dir: string): Promise<string[]> {
  return (await readdir(join(dir, 'tmp')).catch(() => [] as string[])).filter((name) => name.startsWith('synthgen-run-'));
}

/** The calibration samples being written in the run's scratch folders. */
async function samples(dir: string): Promise<string[]> {
  const folders = await scratchFolders(dir);
  const lists = await Promise.all(folders.map(async (folder) => (await readdir(join(dir, 'tmp', folder)).catch(() => [] as string[])).filter((name) => name.endsWith('.parquet'))));
  return lists.flat();
}

/** Starts a run of the slow table on one worker and returns once its first calibration sample is being written. */
export async function startSlowRun(dir: string, cost: number): Promise<SlowRun> {
  await writeFile(join(dir, 'slow.mjs'), slowModule(cost));
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const args = ['--tables', './slow.mjs', '--table-names', 'slow', '--num-rows', '200000', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json', '--workers', '1'];
  const env = { ...process.env, TMPDIR: join(dir, 'tmp'), SYNTHGEN_CACHE: 'off' };
  const parent = spawn(process.execPath, [CLI, ...args], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => parent.on('close', resolve));
  const child = await relaunchedChild(parent.pid ?? 0);
  const kill = async () => {
    parent.kill('SIGKILL');
    if (await running(child)) process.kill(child, 'SIGKILL');
  };
  try {
    await until('a calibration sample to start', async () => (await samples(dir)).length > 0, 120);
  } catch (error: unknown) {
    await kill();
    throw error;
  }
  return { parent, child, exited, stderr: () => stderr, kill };
}
