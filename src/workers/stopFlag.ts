/**
 * How a run stops the DuckDB queries of its worker threads at once (Ctrl-C, SIGTERM, a failed sizing): a flag the
 * coordinator and every worker thread share (a SharedArrayBuffer that each task carries), which a worker checks
 * before its task's query and every 50 ms while it runs, interrupting its DuckDB query once the flag is raised. The
 * query then fails, the task's file is removed, and the worker stays usable; terminating the thread instead would
 * abort the process from inside DuckDB's native code. A shared flag rather than a message: a message reaches only
 * the threads listening when it is sent, so a task that a thread was still starting (loading DuckDB, its pools)
 * would miss it and run to its end.
 */

/** Coordinator side: one per run, raised once to stop every task of the run. */
export class StopFlag {
  readonly shared = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);

  raise(): void {
    Atomics.store(new Int32Array(this.shared), 0, 1);
  }
}

/** Whether the flag `shared` (a StopFlag's) is raised. */
export function isRaised(shared: SharedArrayBuffer): boolean {
  return Atomics.load(new Int32Array(shared), 0) === 1;
}

/** How often a worker looks at the flag while its query runs (on its own event loop: DuckDB runs elsewhere). */
const WATCH_MS = 50;

/** Worker side: runs `work`, calling `onStop` once if the flag is raised meanwhile. */
export async function watchingStop<T>(shared: SharedArrayBuffer, onStop: () => void, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    if (!isRaised(shared)) return;
    clearInterval(timer);
    onStop();
  }, WATCH_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
