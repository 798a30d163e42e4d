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
import { type NewRunOptions, type ResumeRunOptions, type RunSummary, runGeneration } from '../../dist/src/index.js';
import { AS_OF } from './cli.js';

/** A new run's options that a test may leave out: what engineRun fills in. */
type Defaulted = 'kind' | 'metadataPath' | 'out' | 'workers' | 'command' | 'seed' | 'asOf' | 'registry';
export type EngineRun = Omit<NewRunOptions, Defaulted> & Partial<Pick<NewRunOptions, Defaulted>>;

/**
 * The worker threads each run may use. Two: the machine's cores, and more than one so that parts really run on
 * several threads at once.
 */
export const ENGINE_WORKERS = 2;

/**
 * A new run in `dir`: metadata m.json, files under data/, seed 1 at AS_OF unless given. Today each run starts and
 * ends its own worker pool (runGeneration does); once a run takes a pool its caller owns, this is where the tests'
 * one shared pool is handed in.
 */
export function engineRun(dir: string, options: EngineRun): Promise<RunSummary> {
  return runGeneration({
    kind: 'new',
    metadataPath: join(dir, 'm.json'),
    out: join(dir, 'data'),
    workers: ENGINE_WORKERS,
    seed: 1,
    asOf: AS_OF,
    command: 'synthgen (a test, in-process)',
    ...options,
  });
}

/** Finishes the interrupted run recorded in `dir`'s m.json, as `synthgen --resume` does. */
export function engineResume(dir: string, options: Partial<Omit<ResumeRunOptions, 'kind'>> = {}): Promise<RunSummary> {
  return runGeneration({ kind: 'resume', metadataPath: join(dir, 'm.json'), workers: ENGINE_WORKERS, command: 'synthgen --resume (a test, in-process)', ...options });
}
