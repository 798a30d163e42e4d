/**
 * The engine in this process, through the package's run API (dist/src/index.js, what `import 'synthgen'` gives), for
 * tests of its logic that need no CLI process: each spawned CLI costs ~2 s of start-up, a run of a few thousand rows
 * ~0.1 s. Every in-process engine run of the tests goes through engineRun, so that how a run gets its worker
 * threads is decided here, in one place.
 *
 * Which code tests import (the rule for every file under test/): the built code, `../dist/src/...`, never
 * `../src/...`. The engine's worker threads load dist/src/workers/generatePart.js, so an in-process run is the built
 * code whatever the test imports; a test that also imported ../src would hold a second copy of each module, whose
 * classes (UserError) and module state (the pool started ahead) are not the ones the run uses. Tests are
 * type-checked against dist's declarations (tsconfig.test.json): `npm run typecheck` builds first.
 */
import { join } from 'node:path';
import { type NewRunOptions, type ResumeRunOptions, type RunSummary, WorkerPool, runGeneration } from '../../dist/src/index.js';
import { AS_OF } from './cli.js';

/** A new run's options that a test may leave out: what engineRun fills in. */
type Defaulted = 'kind' | 'metadataPath' | 'out' | 'threads' | 'command' | 'seed' | 'asOf' | 'registry';
export type EngineRun = Omit<NewRunOptions, Defaulted> & Partial<Pick<NewRunOptions, Defaulted>>;

/**
 * The worker threads each run may use. Two: the machine's cores, and more than one so that parts really run on
 * several threads at once.
 */
export const ENGINE_WORKERS = 2;

let shared: WorkerPool | undefined;

/**
 * The worker pool every in-process run of the tests shares, as the CLI hands its own pool to a run. A run leaves a
 * pool it was given running but ends the threads it used (their DuckDBs spill into the run's scratch folder), so
 * between runs the pool holds no thread and nothing keeps the test process alive: it needs no ending of its own.
 */
function pool(): WorkerPool {
  shared ??= new WorkerPool(ENGINE_WORKERS);
  return shared;
}

let turn: Promise<unknown> = Promise.resolve();

/**
 * `run` once every run handed in before it on the shared pool has settled: runs on it must not overlap (each tells
 * the pool where its threads spill, and ends them when done), so tests that run at once take turns for their engine
 * runs while their spawned CLIs, verifies and queries overlap. A run on a pool of its own (`pool` given) needs no turn.
 */
function onSharedPool<T>(given: WorkerPool | undefined, run: () => Promise<T>): Promise<T> {
  if (given) return run();
  const mine = turn.then(run);
  turn = mine.catch(() => undefined);
  return mine;
}

/** A new run in `dir`: metadata m.json, files under data/, seed 1 at AS_OF unless given, on the shared pool. */
export function engineRun(dir: string, options: EngineRun): Promise<RunSummary> {
  return onSharedPool(options.pool, () =>
    runGeneration({
      kind: 'new',
      metadataPath: join(dir, 'm.json'),
      out: join(dir, 'data'),
      threads: ENGINE_WORKERS,
      pool: pool(),
      seed: 1,
      asOf: AS_OF,
      command: 'synthgen (a test, in-process)',
      ...options,
    }),
  );
}

/** Finishes the interrupted run recorded in `dir`'s m.json, as `synthgen --resume` does. */
export function engineResume(dir: string, options: Partial<Omit<ResumeRunOptions, 'kind'>> = {}): Promise<RunSummary> {
  return onSharedPool(options.pool, () =>
    runGeneration({ kind: 'resume', metadataPath: join(dir, 'm.json'), threads: ENGINE_WORKERS, pool: pool(), command: 'synthgen --resume (a test, in-process)', ...options }),
  );
}
