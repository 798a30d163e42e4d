/**
 * The CLI runs its work in a child Node process started with settings that must exist before the process starts,
 * since libuv, glibc and DuckDB's jemalloc read them once:
 *
 * - UV_THREADPOOL_SIZE: DuckDB queries from Node run on libuv's thread pool, 4 threads by default, so without this
 *   at most 4 workers could generate at once whatever --workers says.
 * - MALLOC_ARENA_MAX: glibc gives threads their own malloc arenas and returns little of them; over many parts the
 *   peak memory crept up with the number of rows (2 workers: 454 MB for 1M orders, 512 MB for 10M). Fewer arenas
 *   keep it flat (405 MB and 415 MB).
 * - DUCKDB_JE_MALLOC_CONF: DuckDB's jemalloc gives freed pages back to the system over 1 s by default; 0.5 s keeps
 *   peak memory lower and steadier on long runs. 2 workers, three runs each: 1M orders 409-434 MB and 10M orders
 *   468-557 MB before (10M/1M up to 1.36x), 400-415 MB and 452-460 MB after (1.10x); CPU time and page faults for
 *   2M and 10M orders within the runs' spread (10M: 55-64 CPU-seconds before, 57-59 after).
 *
 * The parent only forwards signals and the exit code. A user's own value of any of these is kept.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const MARK = 'SYNTHGEN_RELAUNCHED';

/** DuckDB's jemalloc settings for the child (above); the benchmark starts itself with the same. */
export const JEMALLOC_CONF = 'dirty_decay_ms:500,muzzy_decay_ms:500';

function workersIn(args: readonly string[]): number {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const value = arg.startsWith('--workers=') ? arg.slice('--workers='.length) : arg === '--workers' ? args[i + 1] : undefined;
    const n = Number(value);
    if (value !== undefined && Number.isSafeInteger(n) && n > 0) return Math.min(n, 1024);
  }
  return availableParallelism();
}

/** Runs this CLI again in a child with the settings above; resolves to its exit code. undefined: we are the child. */
export function relaunch(script: string, args: readonly string[]): Promise<number> | undefined {
  if (process.env[MARK] === '1' || process.platform === 'win32') return undefined;
  const workers = workersIn(args);
  const env = {
    ...process.env,
    [MARK]: '1',
    UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? String(Math.min(1024, workers + 4)),
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? String(Math.max(2, Math.ceil(workers / 2))),
    DUCKDB_JE_MALLOC_CONF: process.env.DUCKDB_JE_MALLOC_CONF ?? JEMALLOC_CONF,
    // The AWS SDK warns on Node 20 that its releases after January 2027 need Node 22; package-lock.json pins a
    // release that works, and the README says so. Without this, every S3 run would start with a ten-line warning.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? 'true',
  };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      process.stderr.write(`synthgen: cannot start: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
    });
  });
}
