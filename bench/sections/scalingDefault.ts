/**
 * Scaling at the default file-size limit, where a table has fewer files than this machine has cores: a table written
 * as one file (1M orders, one ~68 MB file) and one written as two (2M orders, ~114 MB + ~22 MB). One part is one
 * file, so there N workers can only beat one worker if the parts under way use more than one DuckDB thread each.
 * Per case: N workers against one worker, and the machine's ceiling (N independent one-worker processes, each
 * generating the same rows, at once). All in the same rounds, interleaved (every other round in reverse order);
 * ratios within a round, then the median over rounds.
 */
import { type OrdersRunOptions, fixed, independentRuns, interleaved, median, ordersRun, perRoundMedian, workerCounts } from '../cli.js';
import { DEFAULT_LIMIT_CASES, REPEATS } from '../settings.js';

export type DefaultLimitCase = ReturnType<typeof caseResult>;

interface CaseSamples {
  readonly orders: number;
  readonly options: OrdersRunOptions;
  /** Seconds per worker count and round. */
  readonly runs: Map<number, number[]>;
  /** Wall seconds of N independent one-worker processes, per N and round. */
  readonly independent: Map<number, number[]>;
  readonly workersUsed: Map<number, number>;
  limitMb: number;
  files: number[];
}

export async function scalingDefaultLimit(scratch: string, metadata: string): Promise<DefaultLimitCase[]> {
  const counts = workerCounts();
  const ceilingCounts = counts.filter((n) => n > 1 && n <= 16);
  const cases: CaseSamples[] = DEFAULT_LIMIT_CASES.map(({ orders, fileSizeLimit }) => ({
    orders,
    options: { fileSizeLimit },
    runs: new Map(counts.map((n) => [n, []])),
    independent: new Map(ceilingCounts.map((n) => [n, []])),
    workersUsed: new Map(),
    limitMb: 0,
    files: [],
  }));
  for (let round = 0; round < REPEATS; round += 1) {
    const tasks = cases.flatMap((c) => [
      ...counts.map((workers) => async () => {
        const run = await ordersRun(scratch, metadata, workers, c.orders, `d${c.orders}-w${workers}`, c.options);
        c.runs.get(workers)?.push(run.seconds);
        c.workersUsed.set(workers, run.workersUsed);
        c.limitMb = run.fileSizeLimitMb;
        c.files = run.files.map((file) => file.bytes);
      }),
      ...ceilingCounts.map((copies) => async () => {
        c.independent.get(copies)?.push(await independentRuns(scratch, metadata, copies, c.orders, `d${c.orders}-p${copies}`, c.options));
      }),
    ]);
    await interleaved(round, tasks);
    console.error(`scaling-default round ${round}: ${cases.map((c) => `${c.orders} orders ${[...c.runs].map(([n, s]) => `${n}w ${s[round]?.toFixed(2)} s`).join(', ')}, ${[...c.independent].map(([n, s]) => `${n}x1w ${s[round]?.toFixed(2)} s`).join(', ')}`).join('; ')}`);
  }
  return cases.map(caseResult);
}

function caseResult(c: CaseSamples) {
  const ones = c.runs.get(1) ?? [];
  const byWorkers = [...c.runs].map(([workers, own]) => {
    const independent = c.independent.get(workers);
    const vsOne = perRoundMedian(own, ones, (n, one) => one / n);
    // The ceiling's N x T1 / T_p over N workers' T1 / T_N, per round: T_p / (N x T_N).
    const ofCeiling = independent ? perRoundMedian(own, independent, (n, p) => p / (workers * n)) : undefined;
    return {
      workers,
      workers_used: c.workersUsed.get(workers) ?? 0,
      seconds: fixed(median(own), 2),
      rows_per_s: Math.round(c.orders / median(own)),
      vs_one_worker: fixed(vsOne, 2),
      independent_processes: workers === 1 ? 1 : independent ? fixed(perRoundMedian(independent, ones, (p, one) => (workers * one) / p), 2) : null,
      of_ceiling: workers === 1 ? 1 : ofCeiling === undefined ? null : fixed(ofCeiling, 2),
    };
  });
  const result = { orders: c.orders, file_size_limit_mb: c.limitMb, files: c.files.length, file_mb: c.files.map((bytes) => fixed(bytes / 1e6, 1)), by_workers: byWorkers };
  console.error(`scaling-default ${c.orders}: ${JSON.stringify(result)}`);
  return result;
}
