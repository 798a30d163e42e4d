/**
 * The worker threads a run generates on, each a DuckDB (generatePart.ts), and the settings that belong with them:
 * how many threads at most, how long an idle one lives, and the memory each may take (workerBudget.ts).
 */
import { Piscina } from 'piscina';
import type { WorkerResult, WorkerTask } from './task.js';
import { memoryLimitPerWorker, workersFor } from './workerBudget.js';

/** What a step that only hands tasks to workers needs of the pool. */
export interface TaskRunner<Task, Result> {
  run(task: Task): Promise<Result>;
}

export class WorkerPool implements TaskRunner<WorkerTask, WorkerResult> {
  readonly #piscina: Piscina<WorkerTask, WorkerResult>;
  readonly #maxThreads: number;
  #destroyed: Promise<void> | undefined;

  constructor(maxThreads: number) {
    this.#maxThreads = maxThreads;
    // Threads start as tasks need them, so a run never has more than it has parts (and sizing runs on a few).
    this.#piscina = new Piscina<WorkerTask, WorkerResult>({
      filename: new URL('./generatePart.js', import.meta.url).href,
      minThreads: 1,
      maxThreads,
      idleTimeout: 60_000,
    });
  }

  /** The threads `tasks` tasks run on: at most one each, and no more than the memory holds (else a UserError). */
  threadsFor(tasks: number): number {
    return workersFor(this.#maxThreads, tasks);
  }

  /** The DuckDB memory limit of each worker while `tasks` tasks run side by side. */
  memoryLimit(tasks: number): string {
    return memoryLimitPerWorker(Math.min(this.#maxThreads, tasks));
  }

  run(task: WorkerTask): Promise<WorkerResult> {
    return this.#piscina.run(task);
  }

  /** Ends the threads. A run calls it twice, before it releases its lock and on every way out: once is enough. */
  destroy(): Promise<void> {
    this.#destroyed ??= this.#piscina.destroy();
    return this.#destroyed;
  }
}
