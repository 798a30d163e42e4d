/**
 * Calibrate and plan: measure how many rows of each table make a file of the target size (partSize.ts), on the
 * worker pool, and cut each table's reserved range into parts by that rule (plan.ts).
 */
import { join } from 'node:path';
import type { TaskRunner } from '../workers/workerPool.js';
import { ROW_GROUP_ROWS } from '../workers/parquet.js';
import type { PartTask, SampleTask, WorkerResult } from '../workers/task.js';
import { cachedValue } from '../state/cache.js';
import { rowsPerPart } from './partSize.js';
import { type TablePlan, planTable } from './plan.js';
import type { Reservation } from './reserve.js';
import { tableNamed } from '../tables/index.js';
import { writeFailure } from '../errors/writeFailure.js';

/** Calibration samples use these instead of the run's, so part sizes do not depend on the seed. */
const SAMPLE_SEED = 0;
const SAMPLE_AS_OF = '2025-01-01T00:00:00Z';
const MB = 1_000_000;

export interface SizingContext {
  readonly pool: TaskRunner<PartTask | SampleTask, WorkerResult>;
  readonly scratch: string;
  readonly poolFiles: ReadonlyMap<string, string>;
  readonly memoryLimit: string;
  readonly fileSizeLimitMB: number;
}

/** Rows per part of one table, from cached or fresh samples. */
async function sizeTable(context: SizingContext, name: string, range: Reservation): Promise<number> {
  const definition = tableNamed(name);
  // The sample references as many parents as the run will: how many distinct IDs a part holds changes how its
  // foreign keys compress (dictionary or plain), and so its size.
  const parentTotals = (definition?.parents ?? []).map(
    (p) => [p.table, (range.parents[p.table] ?? []).reduce((n, r) => n + r.last_id - r.first_id + 1, 0)] as const,
  );
  const sampleParents = Object.fromEntries(
    parentTotals.map(([table, total]) => [table, [{ first_id: 1, last_id: total, seed: SAMPLE_SEED, as_of: SAMPLE_AS_OF, version: 1 }]]),
  );
  const parentKey = parentTotals.map(([table, total]) => `-${table}${total}`).join('');
  let samples = 0;
  // Samples use a fixed seed, so their sizes depend only on the code: cached across runs (see cache.ts).
  const sampler = (rows: number) =>
    cachedValue(`sample-${name}-v${definition?.version ?? 0}-${rows}${parentKey}.json`, async () => {
      samples += 1;
      const scratchPath = join(context.scratch, `${name}-${samples}.parquet`);
      const result = await context.pool.run({
        kind: 'sample',
        table: name,
        seed: SAMPLE_SEED,
        asOf: SAMPLE_AS_OF,
        firstId: 1,
        lastId: rows,
        parents: sampleParents,
        scratchPath,
        poolFile: context.poolFiles.get(name) ?? '',
        memoryLimit: context.memoryLimit,
      });
      if (result.state === 'failed') throw writeFailure(scratchPath, result);
      return result.bytes;
    });
  return rowsPerPart(sampler, context.fileSizeLimitMB * MB, range.last - range.first + 1, ROW_GROUP_ROWS);
}

/** Each table's plan, in the run's table order. */
export async function planRun(context: SizingContext, tables: readonly string[], reserved: ReadonlyMap<string, Reservation>): Promise<Record<string, TablePlan>> {
  const plans = await Promise.all(
    tables.map(async (name) => {
      const range = reserved.get(name);
      if (!range) throw new Error(`no reservation for ${name}`);
      const rows = await sizeTable(context, name, range);
      return planTable({ table: name, firstId: range.first, lastId: range.last, rowsPerPart: rows });
    }),
  );
  return Object.fromEntries(plans.map((plan) => [plan.table, plan]));
}
