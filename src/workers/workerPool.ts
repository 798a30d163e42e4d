/**
 * The worker threads a run generates on, each a DuckDB (generatePart.ts), and the settings that belong with them:
 * how many threads at most, how long an idle one lives, and the memory each may take (workerBudget.ts).
 */
import { Piscina } from 'piscina';
import type { WorkerResult, WorkerTask } from './task.js';
import { memoryLimitForThreads, workersFor } from './workerBudget.js';

/** What a step that only hands tasks to workers needs of the pool. */
export interface TaskRunner<Task, Result> {
  run(task: Task): Promise<Result>;
}

export class WorkerPool implements TaskRunner<WorkerTask, WorkerResult> {
  readonly #piscina: Piscina<WorkerTask, WorkerResult>;
  readonly #maxThreads: number;

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

  /** The most DuckDB threads the run's parts share: one per worker thread the pool may start. */
  get threadBudget(): number {
    return this.#maxThreads;
  }

  /** The DuckDB memory limit of a task given `threads` of the budget. */
  memoryLimit(threads: number): string {
    return memoryLimitForThreads(threads, this.#maxThreads);
  }

  run(task: WorkerTask): Promise<WorkerResult> {
    return this.#piscina.run(task);
  }

  destroy(): Promise<void> {
    return this.#piscina.destroy();
  }
}
