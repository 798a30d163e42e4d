/**
 * Calibrate and plan: measure how many rows of each table make a file of the target size (partSize.ts), on the
 * worker pool, and cut each table's reserved range into parts by that rule (plan.ts).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskRunner } from '../../workers/workerPool.js';
import { PART_IDS_TABLE, type PartTask, type SampleTask, type TaskLimits, type WorkerResult } from '../../workers/task.js';
import { DEFAULT_FORMAT, DEFAULT_ROW_GROUP_SIZE, type ParquetFormat, copyOptions } from '../../records/parquetFormat.js';
import { usefulThreads } from '../../workers/threadShares.js';
import { RowGroupTooLarge, SIZE_AIM, type Sampler, rowsPerPart } from './partSize.js';
import { rowGroupTooLarge } from '../../workers/workerBudget.js';
import { type TablePlan, planTable } from '../../records/plan.js';
import type { Reservation } from '../reserve.js';
import { type PoolTableSpec, writePoolFile } from '../../model/poolFile.js';
import { standInOwn, standInParents } from '../../model/time/standInRanges.js';
import type { TableRegistry } from '../../model/registry.js';
import { packagedLineage } from '../../model/packagedTables.js';
import { queryFailure } from '../../errors/writeFailure.js';
import { originSource } from '../../records/tableOrigin.js';
import type { Interrupt } from '../interrupt.js';

/** Calibration samples use these instead of the run's, so part sizes do not depend on the seed. */
const SAMPLE_SEED = 0;
const SAMPLE_AS_OF = '2025-01-01T00:00:00Z';
/** Rows a sample's parent stands in with when the run has none recorded (never: reserve refuses that). */
const SAMPLE_PARENT_ROWS = 1000;
const MB = 1_000_000;
const MiB = 1024 * 1024;
/** How DuckDB says a query needed more than its memory_limit. */
const OUT_OF_MEMORY = /Out of Memory Error/;

export interface SizingContext {
  readonly pool: TaskRunner<PartTask | SampleTask, WorkerResult> & { readonly threadBudget: number; limits(threads: number): TaskLimits; memoryMB(threads: number): number };
  readonly scratch: string;
  readonly registry: TableRegistry;
  /** The run's: a file's size depends on its codec and row groups as much as on its rows. */
  readonly format: ParquetFormat;
  readonly fileSizeLimitMB: number;
  /** Tables sampled at once, sharing the threads. */
  readonly tables: number;
  /** A stop interrupts the samples under way and starts no other. */
  readonly interrupt: Interrupt;
}

/**
 * The share of a table's rows that the run's rows of each table tallying it will reference, as its samples' stand-in
 * tallies give values to (model/tallies.ts): 1 - e^-(their rows per row of it), at most 0.9.
 */
function tallyShares(name: string, context: SizingContext, reserved: ReadonlyMap<string, Reservation>): Record<string, number> {
  const rowsOf = (table: string) => {
    const range = reserved.get(table);
    return range ? (range.last - range.first + 1) * (context.registry.get(table)?.children?.mean ?? 1) : 0;
  };
  const own = Math.max(1, rowsOf(name));
  const shares: Record<string, number> = {};
  for (const table of reserved.keys()) {
    if (context.registry.get(table)?.parents.some((p) => p.table === name)) shares[table] = Math.round(Math.min(0.9, 1 - Math.exp(-rowsOf(table) / own)) * 100) / 100;
  }
  return shares;
}

/** A sample's size as a cache entry must hold it (a Parquet file's bytes), and a number of rows per part. */
const isSampleSize = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
/** Thrown by a table's next sample once another table's sizing failed: the run fails with that one's error. */
class SizingHalted extends Error {}

/**
 * Rows per part of one table. The package's own tables' samples are queries of the package's code and of the numbers
 * below alone, so the rows per part they give are kept whole: a run whose part sizes are known compiles no sample
 * (~0.1 s a table). Any other table's are measured from cached or fresh samples, keyed by their query.
 */
async function sizeTable(context: SizingContext, name: string, range: Reservation, shares: Readonly<Record<string, number>>, halted: () => boolean): Promise<number> {
  // The sample references as many parents as the run will: how many distinct IDs a part holds changes how its
  // foreign keys compress (dictionary or plain), and so its size.
  const needs = context.registry.prerequisites(name);
  const totals = new Map(needs.map((table) => [table, (range.parents[table] ?? []).reduce((n, r) => n + r.last_id - r.first_id + 1, range.legacy?.[table]?.rows ?? 0)]));
  const measure = () => measureTable(context, name, range, totals, shares, halted);
  if (!packagedLineage(context.registry, name)) return measure();
  const inputs = [range.last - range.first + 1, [...totals], copyOptions(context.format), context.fileSizeLimitMB, context.pool.memoryMB(1), shares];
  const key = createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 24);
  return context.registry.cache.value(`part-rows-${name}-${key}.json`, measure, isSampleSize);
}

/**
 * A small run's tables fit one file each without a sample of their own: a run of at most SMALL_RUN rows is one part
 * when the stand-in run of SMALL_RUN rows (every parent SMALL_RUN rows, every tally given a value: more rows, more
 * distinct keys and more values than the run's) writes under half the aim. Its size is measured once for all such
 * runs, so a run of row counts not seen before (tests, scripts, a first run) samples nothing; what it decides is what
 * the run's own sample would (one part): a run's file is within a few percent of the stand-in's sample (its tallies
 * and timeline are its own; test/engine-small-run-sizing), far within the 2x allowed. Where it does not hold (a
 * small --file-size-limit, wide rows), the run's own samples decide as before.
 */
export const SMALL_RUN = 10_000;
/**
 * The package's own tables' small run in the default format: a row group (as many rows as the probe of a large run
 * samples), measured when the package is built and shipped with it (scripts/shipCache.ts), so that the README's
 * first run of 100,000 rows a table samples nothing either. A user's table keeps SMALL_RUN: its rows may be wide.
 */
export const BUILTIN_SMALL_RUN = DEFAULT_ROW_GROUP_SIZE;

async function fitsOneFile(context: SizingContext, name: string, rowsInRun: number, halted: () => boolean): Promise<boolean> {
  const packaged = packagedLineage(context.registry, name);
  // In another format the package's measurement is not shipped: one of SMALL_RUN rows is cheaper to take.
  const small = packaged && copyOptions(context.format) === copyOptions(DEFAULT_FORMAT) ? BUILTIN_SMALL_RUN : SMALL_RUN;
  if (rowsInRun > small) return false;
  const measure = async () => {
    const totals = new Map(context.registry.prerequisites(name).map((table) => [table, small]));
    return (await samplerOf(context, name, { rowsInRun: small, totals, standIn: () => 0.9, folder: 'samples-small-run' }, halted))(small);
  };
  // The package's own tables' sample is of the package's code alone: kept by the format, with nothing compiled.
  const key = createHash('sha256').update(copyOptions(context.format)).update(String(small)).digest('hex').slice(0, 24);
  const bytes = packaged ? await context.registry.cache.value(`small-run-${name}-${key}.json`, measure, isSampleSize) : await measure();
  return bytes * 2 <= context.fileSizeLimitMB * MB * SIZE_AIM;
}

/** What a table's samples stand in for: the run's own rows, its parents' rows, and the share its tallies fill. */
interface SampleRun {
  readonly rowsInRun: number;
  readonly totals: ReadonlyMap<string, number>;
  /** The share of its rows each tallying table's stand-in tally gives a value to. */
  readonly standIn: (table: string) => number;
  /** Under the run's scratch: where the samples' pools are written. */
  readonly folder: string;
}

/** Rows per part of one table, from cached or fresh samples. */
async function measureTable(context: SizingContext, name: string, range: Reservation, totals: ReadonlyMap<string, number>, shares: Readonly<Record<string, number>>, halted: () => boolean): Promise<number> {
  const rowsInRun = range.last - range.first + 1;
  if (await fitsOneFile(context, name, rowsInRun, halted)) return rowsInRun;
  const sampler = await samplerOf(context, name, { rowsInRun, totals, standIn: (table) => shares[table] ?? 0, folder: 'samples' }, halted);
  const memoryMB = context.pool.memoryMB(1);
  return rowsPerPart(sampler, context.fileSizeLimitMB * MB, rowsInRun, context.format.rowGroupSize, memoryMB * MiB).catch((error: unknown) => {
    throw error instanceof RowGroupTooLarge ? rowGroupTooLarge(name, error.rows, memoryMB, error.neededBytes / MiB) : error;
  });
}

/** The Parquet size of a table's calibration samples of a stand-in run, each cached by its query. */
async function samplerOf(context: SizingContext, name: string, run: SampleRun, halted: () => boolean): Promise<Sampler> {
  const needs = [...run.totals.keys()];
  const sampleParents = standInParents(name, context.registry.lookup, { rows: (table) => run.totals.get(table) ?? SAMPLE_PARENT_ROWS, seed: SAMPLE_SEED, asOf: SAMPLE_AS_OF }, needs);
  const own = standInOwn(run.rowsInRun, SAMPLE_AS_OF);
  const compiled = context.registry.compile(name, { seed: SAMPLE_SEED, asOf: SAMPLE_AS_OF, own, parents: sampleParents });
  // The sample's own pools: its timelines are the stand-in history's, not the run's. Written only for a sample not
  // cached, or for a key that must hold them.
  const folder = join(context.scratch, run.folder);
  let written: Promise<PoolTableSpec | undefined> | undefined;
  const pools = () => {
    written ??= mkdir(folder, { recursive: true }).then(() => writePoolFile(folder, compiled, (pool) => context.registry.poolCache(pool)));
    return written;
  };
  let samples = 0;
  // Samples use a fixed seed, so their sizes depend only on their query and pools: cached across runs (see
  // cache.ts), keyed by the query itself, so an edited definition never reads another's sizes. A user's pools are
  // not covered by the cache's namespace: their file's content is part of the key.
  const userPools = compiled.pools.length > 0 && !compiled.pools.every((pool) => context.registry.isBuiltinPool(pool));
  const poolFile = userPools ? await pools() : undefined;
  const poolKey = poolFile ? await readFile(poolFile.file) : '';
  const query = compiled.selectFrom(PART_IDS_TABLE);
  const share = Math.max(1, Math.floor(context.pool.threadBudget / context.tables));
  return (rows: number) => {
    // A parent's written values are every row's (its children's parents are all in the run).
    const tallies = compiled.tallies.map((layout) => ({ ...layout, files: [], standIn: layout.byParent ? 1 : run.standIn(layout.table) }));
    const key = createHash('sha256').update(query).update(String(rows)).update(copyOptions(context.format)).update(poolKey).update(JSON.stringify(tallies.map((t) => t.standIn))).digest('hex').slice(0, 24);
    return context.registry.cache.value(`sample-${name}-${key}.json`, async () => {
      context.interrupt.check();
      if (halted()) throw new SizingHalted();
      samples += 1;
      const scratchPath = join(context.scratch, `${name}-${run.folder}-${samples}.parquet`);
      const threads = Math.min(share, usefulThreads(rows));
      const result = await context.pool.run({
        kind: 'sample',
        query,
        firstId: 1,
        lastId: rows,
        rows,
        pools: await pools(),
        format: context.format,
        ...context.pool.limits(threads),
        scratchPath,
        stop: context.interrupt.flag.shared,
        // A sample has no real tallies: stand-in values weigh what the real ones will.
        ...(tallies.length > 0 ? { tallies } : {}),
      });
      // Interrupted, if stopped: not the query's fault.
      context.interrupt.check();
      // A row group too large for the memory that the estimate (rowsPerPart) could not tell.
      if (result.state === 'failed' && OUT_OF_MEMORY.test(result.message)) throw rowGroupTooLarge(name, Math.min(rows, context.format.rowGroupSize), context.pool.memoryMB(1));
      // A query DuckDB rejects fails here, the first time it runs: one line naming the module and the table.
      if (result.state === 'failed') {
        throw queryFailure(scratchPath, result, { name, source: originSource(context.registry.originOf(name)), cannot: (reason) => `run its SQL (${reason}): check the sql of its fields` });
      }
      return result.bytes;
    }, isSampleSize);
  };
}

/** Each table's plan, in the run's table order. */
export async function planRun(context: SizingContext, tables: readonly string[], reserved: ReadonlyMap<string, Reservation>): Promise<Record<string, TablePlan>> {
  let failure: { readonly error: unknown } | undefined;
  const sized = await Promise.all(
    tables.map(async (name) => {
      const range = reserved.get(name);
      if (!range) throw new Error(`no reservation for ${name}`);
      try {
        const rows = await sizeTable(context, name, range, tallyShares(name, context, reserved), () => failure !== undefined);
        return planTable({ table: name, firstId: range.first, lastId: range.last, rowsPerPart: rows });
      } catch (error: unknown) {
        // The other tables' samples are of no use now: interrupted (their failures are not the cause), so that the
        // run ends without waiting for them, and no sample is left running when the pool ends.
        context.interrupt.flag.raise();
        failure ??= { error };
        return undefined;
      }
    }),
  );
  if (failure) throw failure.error;
  return Object.fromEntries(sized.flatMap((plan) => (plan ? [[plan.table, plan]] : [])));
}
