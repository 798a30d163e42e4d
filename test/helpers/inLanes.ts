/**
 * Independent in-process engine runs side by side. A small run spends part of its time waiting (a worker thread and
 * its DuckDB starting, each phase's queries one after another), which another run's work fills on this 2-core
 * machine (the docs' 18 examples: 33 s one at a time, 28 s three at a time, at the same CPU time). A run needs a
 * worker pool of its own (a run tells its pool where to spill and ends its threads as it ends), so each lane has one,
 * and takes the next item once its run is done.
 */
import { WorkerPool } from '../../dist/src/index.js';
import { ENGINE_WORKERS } from './engine.js';

/**
 * Calls `work` for every item, `lanes` at a time, each lane with its own pool of ENGINE_WORKERS threads (ended
 * after). Fails with the first failure, once every call under way has settled (so none outlives a test's folder); no
 * item is started after a failure.
 */
export async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T, index: number, pool: WorkerPool) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    const pool = new WorkerPool(ENGINE_WORKERS);
    try {
      while (!failed && next < items.length) {
        const index = next++;
        await work(items[index] as T, index, pool).catch((error: unknown) => {
          failed = true;
          throw error;
        });
      }
    } finally {
      await pool.destroy();
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(lanes, items.length) }, lane));
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
}
