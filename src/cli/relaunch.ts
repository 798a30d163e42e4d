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
 * A user's own value of any of these is kept. The parent only forwards signals (job control too: the child has a
 * session of its own, see relaunch()) and the exit code.
 *
 * The child must not outlive the parent: `kill -9` of the process the user started would otherwise leave the run
 * going unseen, holding the lock against the `--resume` that follows and then committing on its own. Linux can tell
 * a child when its parent dies (PR_SET_PDEATHSIG), Node cannot ask for it; an IPC channel does the same, since the
 * kernel closes the parent's end whatever kills it, and the child sees the channel disconnect.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism, constants } from 'node:os';

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
    // The child gets a session of its own (detached: setsid), so that what a terminal sends its foreground job
    // (Ctrl-C, Ctrl-Z) or a supervisor sends a process group (timeout(1) does) reaches it once, forwarded from here,
    // and not a second time directly: a second SIGINT or SIGTERM ends a run at once instead of stopping it cleanly.
    // fd 3 is the channel endWithParent() watches; nothing is sent on it.
    const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env, detached: true });
    const forwarded = forwardSignals(child);
    child.on('error', (error) => {
      forwarded.stop();
      process.stderr.write(`synthgen: cannot start: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      forwarded.stop();
      // As a shell reports a process a signal ended: 128 + its number (130 for SIGINT, 143 for SIGTERM).
      resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
    });
  });
}

/**
 * SIGINT and SIGTERM are passed on. Job control is too, since the child is out of the terminal's reach: Ctrl-Z
 * (SIGTSTP) stops the child and then this process, which is what the shell watches; the SIGCONT of `fg` or `bg`
 * continues this process, which continues the child.
 */
function forwardSignals(child: ChildProcess): { stop: () => void } {
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  const suspend = () => {
    child.kill('SIGSTOP');
    // Listening for SIGTSTP replaced its default action, stopping: SIGSTOP is that action and cannot be caught.
    process.kill(process.pid, 'SIGSTOP');
  };
  const proceed = () => child.kill('SIGCONT');
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  process.on('SIGTSTP', suspend);
  process.on('SIGCONT', proceed);
  return {
    stop: () => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      process.off('SIGTSTP', suspend);
      process.off('SIGCONT', proceed);
    },
  };
}

/** How long a run whose parent died may take to stop cleanly before it is ended as a second signal ends it. */
export const PARENT_GONE_GRACE_MS = 10_000;

/**
 * In the relaunched child: when the parent is gone (its end of the channel closed), stop the run the way SIGTERM
 * does, which keeps the finished files and the run's record for `--resume` and leaves the metadata as it was; outside
 * a run, SIGTERM ends the process. A SIGTERM already under way makes this a second one, which exits at once: the
 * record holds what a resume needs either way. A clean stop waits for DuckDB to notice the interrupt, between two
 * vectors of rows, which a slow enough query makes minutes: past PARENT_GONE_GRACE_MS, a second SIGTERM ends it.
 */
export function endWithParent(): void {
  const channel = process.channel;
  if (process.env[MARK] !== '1' || channel === undefined) return;
  process.once('disconnect', () => {
    process.kill(process.pid, 'SIGTERM');
    // Unreferenced: a run that stops in time exits without waiting for it.
    setTimeout(() => process.kill(process.pid, 'SIGTERM'), PARENT_GONE_GRACE_MS).unref();
  });
  // Listening for 'disconnect' holds the channel open, and with it the process once its work is done: it must only
  // watch, never keep the child alive.
  channel.unref();
}
