/**
 * The fast tier, `npm run test:fast`: a few minutes' worth of the suite's checks in under 90 s, for the loop of a
 * change. `npm test` (vitest.config.ts, every test/**\/*.test.ts) stays what CI runs and what a change must pass: a
 * new test file is in the full tier by being in test/, and in this one only by being listed here.
 *
 * What goes in (the rule for adding a file to FAST):
 * - each module's logic, in this process: tests that import the built code (../dist/src) and call it, and engine
 *   runs through the run API (test/helpers/engine.ts), a few thousand rows each, never a spawned CLI;
 * - one spawned CLI case per promise of the CLI contract (test/cli-contract.test.ts), and no other spawned CLI
 *   (a spawn costs ~2 s before its first row), but for one exception listed where it is below;
 * - no file over ~15 s on its own on this 2-core machine (the slowest, schemafile-api-run, took 14 s at a load of 15),
 *   none that times a behaviour by a large run, no browser.
 * One behaviour per file, named <area>-<behaviour>.test.ts; an in-process twin of a CLI test does not replace it.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import full from './vitest.config.js';

const FAST = [
  // cli: the contract, one spawned process per promise.
  'cli-contract',
  // run: a run through the API, its stop at a chosen point and resume, the parts' plan, ID reservation.
  'engine-api-run',
  'engine-api-interrupt',
  'engine-part-plan',
  'engine-compute-failure',
  'run-reserve',
  // model: compiling tables, dependencies, standing, timelines.
  'schema-compile-table',
  'schema-depends-on',
  'schema-standing',
  'schema-timeline',
  // schemaFile: the fixture file loaded and run.
  'schemafile-api-run',
  'schemafile-library-loader',
  // verify and report over an engine run, and their pure checks.
  'verify-api-dataset',
  'verify-as-of-per-run',
  'report-api-dataset',
  // output: S3 targets and conditional uploads (a real S3 server in this process). The exception: s3-target's 16
  // cases of parsing are in process, its 17th spawns the CLI once (the refusal of s3://bucket/../x), ~2 s.
  's3-target',
  's3-never-overwrites',
  // workers: thread shares, and a small run on one worker.
  'workers-thread-shares',
  'workers-small-run-one-worker',
  // state: metadata, pending record, locks, temporaries.
  'state-metadata-parser',
  'state-metadata-bom',
  'state-metadata-symlink',
  'state-pending-parser',
  'state-lock-shapes',
  'state-lock-symlink',
  'state-lock-zombie',
  'state-temporaries-cleanup',
  // versions: one rule for every table. The exception: its dataset is made by one spawned CLI (~2 s), so that the
  // fingerprints another process recorded are compared with this one's.
  'versions-every-table',
  // records: a table's origin, named in the reader's words.
  'records-table-origin',
  // errors: the engine's messages in the library's words, the CLI's in its own; no flag in the engine's text.
  'errors-vocabulary',
  // The layout rules over src/, and the docs' links.
  'docs-links',
  'architecture-limits',
  'architecture-layers',
].map((name) => `test/${name}.test.ts`);

// A renamed or removed file must not drop out of this tier unnoticed: vitest would just match nothing.
const missing = FAST.filter((file) => !existsSync(new URL(file, import.meta.url)));
if (missing.length > 0) throw new Error(`vitest.fast.config.ts lists test files that do not exist: ${missing.join(', ')}`);

// The full tier's settings (workers, timeouts, environment, shared modules), with only these files: mergeConfig
// would add the lists.
export default defineConfig({ ...full, test: { ...full.test, include: FAST } });
