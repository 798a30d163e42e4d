/** Runs the built CLI (what users run) in a child process and reads what it wrote with a real DuckDB. */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export const CLI = resolve(import.meta.dirname, '../../dist/src/cli/main.js');
export const AS_OF = '2026-01-01T00:00:00Z';

/**
 * The as-of of the `n`th run after one at AS_OF (n days later): each run continues its tables from their last as-of,
 * so a run on top of another must pass a later one.
 */
export function laterAsOf(n: number): string {
  return new Date(Date.parse(AS_OF) + n * 86_400_000).toISOString().replace('.000Z', 'Z');
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI; `env` adds to (or, with undefined values, removes from) this process's environment. */
export function synthgen(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const merged: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, ...env })) if (value !== undefined) merged[key] = value;
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** The CLI under `ulimit -f` (KB): what a full disk does to a write, without privileges. */
export function synthgenWithFileSizeLimit(args: readonly string[], cwd: string, kilobytes: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise) => {
    const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const child = spawn('bash', ['-c', `ulimit -f ${kilobytes} && exec ${quoted}`], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolvePromise({ code, stderr }));
  });
}

/** Runs the CLI and fails the test with its stderr unless it exits 0. */
export async function generate(args: readonly string[], cwd: string): Promise<CliResult> {
  const result = await synthgen(args, cwd);
  if (result.code !== 0) throw new Error(`synthgen ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return result;
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'synthgen-test-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs SQL against a fresh in-memory DuckDB and returns the rows as JSON-friendly objects. */
export async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`SET TimeZone = 'UTC'`);
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The Parquet files of a table, sorted by name. */
export async function parquetFiles(out: string, table: string): Promise<string[]> {
  const names = await readdir(join(out, table)).catch(() => []);
  return names.filter((n) => n.endsWith('.parquet')).sort().map((n) => join(out, table, n));
}

/** A read_parquet() expression over all of a table's files. */
export async function tableSql(out: string, table: string): Promise<string> {
  const files = await parquetFiles(out, table);
  if (files.length === 0) throw new Error(`no files for ${table} under ${out}`);
  return `read_parquet([${files.map((f) => `'${f}'`).join(', ')}])`;
}

/** Every file under a folder (recursively), relative path -> SHA-256. */
export async function checksums(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (sub: string) => {
    for (const entry of await readdir(join(dir, sub), { withFileTypes: true }).catch(() => [])) {
      const rel = sub ? join(sub, entry.name) : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else result[rel] = createHash('sha256').update(await readFile(join(dir, rel))).digest('hex');
    }
  };
  await walk('');
  return result;
}

export function count(rows: Record<string, unknown>[], key = 'n'): number {
  return Number(rows[0]?.[key]);
}

export function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** SHA-256 of each file of a table under `<dir>/data`, in file-name order (names carry each run's stamp). */
export async function tableContents(dir: string, table: string): Promise<string[]> {
  const names = (await readdir(join(dir, 'data', table))).sort();
  return Promise.all(names.map(async (name) => createHash('sha256').update(await readFile(join(dir, 'data', table, name))).digest('hex')));
}

/** A small deterministic generator of numbers in [0, 1), so a failing randomized test can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
