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

export function defaultWorkers(): number {
  return availableParallelism();
}

/** What a step that only hands tasks to workers needs of the pool. */
export interface TaskRunner<Task, Result> {
  run(task: Task): Promise<Result>;
}

export class WorkerPool implements TaskRunner<WorkerTask, WorkerResult> {
  readonly #piscina: Piscina<WorkerTask, WorkerResult>;
  readonly #maxThreads: number;
  /** Each thread's start: settled once it has loaded generatePart.ts, DuckDB with it, or is gone. */
  readonly #starts = new Map<Worker, Promise<void>>();
  /** Tasks handed to threads and not yet settled: a thread ended while DuckDB runs a query aborts the process. */
  readonly #running = new Set<Promise<unknown>>();
  #destroyed: Promise<void> | undefined;
  #spill: SpillFolder | undefined;

  /** The pool a run generates on: the one started ahead for it (startAhead) if it has as many threads, else a new one. */
  static forRun(maxThreads: number): WorkerPool {
    const ahead = startedAhead;
    startedAhead = undefined;
    if (ahead && ahead.#maxThreads === maxThreads) return ahead;
    void ahead?.destroy();
    return new WorkerPool(maxThreads);
  }

  constructor(maxThreads: number) {
    this.#maxThreads = maxThreads;
    // Threads start as tasks need them, so a run never has more than it has parts (and sizing runs on a few).
    this.#piscina = new Piscina<WorkerTask, WorkerResult>({
      filename: new URL('./generatePart.js', import.meta.url).href,
      minThreads: 1,
      maxThreads,
      idleTimeout: 60_000,
    });
    this.#watchStarts();
  }

  /** The threads `tasks` tasks run on: at most one each, and no more than the memory holds (else a UserError). */
  threadsFor(tasks: number): number {
    return workersFor(this.#maxThreads, tasks);
  }

  /** The most DuckDB threads the run's parts share: one per worker thread the pool may start. */
  get threadBudget(): number {
    return this.#maxThreads;
  }

  /**
   * Where the threads' DuckDBs spill: the run says so once it has its scratch folder, before its first task. A bad
   * memory setting is refused here too, before any task, rather than by the first part of a resumed run.
   */
  spillInto(spill: SpillFolder): void {
    memoryLimitForThreads(1, this.#maxThreads);
    this.#spill = spill;
  }

  /** What a task given `threads` of the budget may use: the threads, their memory limit, where they spill. */
  limits(threads: number): TaskLimits {
    if (!this.#spill) throw new Error('a task was made before the pool was told where to spill');
    return { threads, memoryLimit: memoryLimitForThreads(threads, this.#maxThreads), spill: this.#spill };
  }

  /** The same in MB (2^20 bytes). */
  memoryMB(threads: number): number {
    return memoryMBForThreads(threads, this.#maxThreads);
  }

  run(task: WorkerTask): Promise<WorkerResult> {
    const result = this.#piscina.run(task);
    this.#watchStarts();
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
   * another table's sample still runs (planRun samples tables at once) ends it with that query under way. A stopped run has interrupted its queries, which
   * then end soon. A run calls
   * this twice, before it releases its lock and on every way out: once is enough.
   */
  destroy(): Promise<void> {
    this.#destroyed ??= Promise.all([...this.#starts.values(), ...this.#running]).then(() => this.#piscina.destroy());
    return this.#destroyed;
  }

  /**
   * Piscina creates a thread in its constructor or within run(), and the thread's first message (it has loaded the
   * task module) cannot arrive before the caller's next tick: looking for new threads right after either misses none.
   */
  #watchStarts(): void {
    for (const thread of this.#piscina.threads) {
      if (this.#starts.has(thread)) continue;
      const start = new Promise<void>((resolve) => {
        thread.once('message', () => resolve());
        thread.once('exit', () => resolve());
      });
      this.#starts.set(thread, start);
    }
  }
}

let startedAhead: WorkerPool | undefined;

/**
 * Starts the pool of the run about to begin, before the engine is loaded: the CLI calls this as soon as it has read a
 * run's flags, so the first thread's start (~0.15 s with DuckDB) overlaps with loading the engine (~0.1 s) too, not
 * only with the run's first steps. The run takes it (WorkerPool.forRun).
 */
export function startAhead(maxThreads: number): void {
  startedAhead ??= new WorkerPool(maxThreads);
}

/** Ends the pool started ahead if no run took it: the run failed before it began. */
export async function endUnused(): Promise<void> {
  const ahead = startedAhead;
  startedAhead = undefined;
  await ahead?.destroy();
}
