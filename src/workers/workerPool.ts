/**
 * The worker threads a run generates on, each a DuckDB (generatePart.ts), and the settings that belong with them:
 * how many threads at most, how long an idle one lives, the memory each may take (workerBudget.ts) and where it
 * spills (spillFolder.ts).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { SpillFolder } from './spillFolder.js';
import type { TaskLimits, WorkerResult, WorkerTask } from './task.js';
import { memoryLimitForThreads, memoryMBForThreads, workersFor } from './workerBudget.js';

/** DuckDB threads a run shares when not told (--workers): one per core. */
export function defaultThreads(): number {
  return availableParallelism();
}

/** What a step that only hands tasks to workers needs of the pool. */
export interface TaskRunner<Task, Result> {
  run(task: Task): Promise<Result>;
}

/**
 * Whoever creates a pool ends it (destroy); a run on it ends only its threads (endRun), which the next run's first
 * task starts again. The CLI creates the pool as soon as it has read a run's flags, so the first thread's start
 * (~0.15 s with DuckDB) overlaps with loading the engine and the run's first steps.
 */
export class WorkerPool implements TaskRunner<WorkerTask, WorkerResult> {
  /** The threads of the run under way, or of the next one; none once a run ended them and no task came since. */
  #piscina: Piscina<WorkerTask, WorkerResult> | undefined;
  readonly #maxThreads: number;
  /** Each thread's start: settled once it has loaded generatePart.ts, DuckDB with it, or is gone. */
  readonly #starts = new Map<Worker, Promise<void>>();
  /** Tasks handed to threads and not yet settled: a thread ended while DuckDB runs a query aborts the process. */
  readonly #running = new Set<Promise<unknown>>();
  #destroyed: Promise<void> | undefined;
  #ending: Promise<void> = Promise.resolve();
  #spill: SpillFolder | undefined;

  /** Each DuckDB thread's memory limit in MB, when the caller sets one (workerBudget.ts); else a share of the machine. */
  readonly #memoryPerThreadMB: number | undefined;

  constructor(maxThreads: number, options: { readonly memoryPerThreadMB?: number | undefined } = {}) {
    this.#maxThreads = maxThreads;
    this.#memoryPerThreadMB = options.memoryPerThreadMB;
    this.#threads();
  }

  /** The pool's threads, started now if a run ended them (or none ever started). */
  #threads(): Piscina<WorkerTask, WorkerResult> {
    if (this.#destroyed) throw new Error('a task was given to a worker pool already destroyed');
    // Threads start as tasks need them, so a run never has more than it has parts (and sizing runs on a few).
    this.#piscina ??= new Piscina<WorkerTask, WorkerResult>({
      filename: new URL('./generatePart.js', import.meta.url).href,
      minThreads: 1,
      maxThreads: this.#maxThreads,
      idleTimeout: 60_000,
    });
    this.#watchStarts(this.#piscina);
    return this.#piscina;
  }

  /** The threads `tasks` tasks run on: at most one each, and no more than the memory holds (else a UserError). */
  threadsFor(tasks: number): number {
    return workersFor(this.#maxThreads, tasks);
  }

  /** The most DuckDB threads the run's parts share: one per worker thread the pool may start. */
  get threadBudget(): number {
    return this.#maxThreads;
  }

  /** Where the threads' DuckDBs spill: the run says so once it has its scratch folder, before its first task. */
  spillInto(spill: SpillFolder): void {
    this.#spill = spill;
  }

  /** What a task given `threads` of the budget may use: the threads, their memory limit, where they spill. */
  limits(threads: number): TaskLimits {
    if (!this.#spill) throw new Error('a task was made before the pool was told where to spill');
    return { threads, memoryLimit: memoryLimitForThreads(threads, this.#maxThreads, this.#memoryPerThreadMB), spill: this.#spill };
  }

  /** The same in MB (2^20 bytes). */
  memoryMB(threads: number): number {
    return memoryMBForThreads(threads, this.#maxThreads, this.#memoryPerThreadMB);
  }

  run(task: WorkerTask): Promise<WorkerResult> {
    const threads = this.#threads();
    const result = threads.run(task);
    this.#watchStarts(threads);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.#running.add(settled);
    void settled.then(() => this.#running.delete(settled));
    return result;
  }

  /**
   * Ends the threads, once each has started and every task handed to them has settled: a thread ended while it loads
   * DuckDB's native module, or while DuckDB runs its query, takes the process down with it (a C++ exception,
   * "terminate called after throwing an instance of 'Napi::Error'", exit 134). A run that fails before its first part
   * ends its pool while the first thread may still be loading, and one whose table fails a sizing sample while
   * another table's sample still runs (planRun samples tables at once) ends it with that query under way. A stopped
   * run has interrupted its queries, which then end soon. Once is enough: later calls wait for the first.
   */
  destroy(): Promise<void> {
    this.#destroyed ??= this.endRun();
    return this.#destroyed;
  }

  /**
   * Ends the run's threads as destroy() does (before the run releases its lock, no query of its outlives it): each
   * thread's DuckDB spills into the run's scratch folder, which goes with the run and cannot change once used
   * (spillFolder.ts). The next task starts new threads.
   */
  endRun(): Promise<void> {
    // One after the other: a second call waits for the threads the first is ending.
    this.#ending = this.#ending.then(() => this.#endThreads());
    return this.#ending;
  }

  async #endThreads(): Promise<void> {
    await Promise.all([...this.#starts.values(), ...this.#running]);
    const threads = this.#piscina;
    this.#piscina = undefined;
    this.#starts.clear();
    this.#spill = undefined;
    await threads?.destroy();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.destroy();
  }

  /**
   * Piscina creates a thread in its constructor or within run(), and the thread's first message (it has loaded the
   * task module) cannot arrive before the caller's next tick: looking for new threads right after either misses none.
   */
  #watchStarts(piscina: Piscina<WorkerTask, WorkerResult>): void {
    for (const thread of piscina.threads) {
      if (this.#starts.has(thread)) continue;
      const start = new Promise<void>((resolve) => {
        thread.once('message', () => resolve());
        thread.once('exit', () => resolve());
      });
      this.#starts.set(thread, start);
    }
  }
}
