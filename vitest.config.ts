import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Three files at a time on 2 cores: a file spends part of its time waiting (a CLI process starting, an S3 retry's
    // back-off, a run held at its test hook), which a third file fills. Measured on this machine, idle: 474 s for the
    // full tier with two, 409 s with three.
    fileParallelism: true,
    maxWorkers: 3,
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
