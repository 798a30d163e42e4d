import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test runs the real CLI with a worker pool; running files one at a time keeps the 2 cores for it.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // The tests' own S3 clients would print the AWS SDK's Node 22 notice (see README, "Straight into S3").
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
