import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two files at a time: much of a test's time is a CLI process starting (one core's work), which two overlap. A
    // third did not pay on this 2-core machine: the same tree, ten minutes apart, took 497 s with two and 575 s with
    // three (each file slowed by the contention more than the overlap gained).
    fileParallelism: true,
    maxWorkers: 2,
    // Files share their worker's modules: each would otherwise load the engine and DuckDB again (~2 s apiece, 40 s
    // of the full tier on 2 cores). So a test file leaves no state behind: an environment variable it sets is restored
    // (or one the others do not read), a folder it changes into is left, a pool it starts holds no thread once idle.
    isolate: false,
    // The built code the tests import is plain ESM: Node loads it as a user's program would, without vitest
    // transforming it first (~1 CPU-second less for each file run on its own; in the tiers, shared modules load once).
    server: { deps: { external: [/\/dist\/src\//] } },
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // The tests' own S3 clients would print the AWS SDK's Node 22 notice (see README, "Straight into S3").
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
