/**
 * A second job in the quick-start folder continues the dataset there, and is refused when its as-of is not later.
 * The line says how to start another dataset instead: another --out and --metadata.
 */
import { expect, test } from 'vitest';
import { AS_OF, generate, synthgen, withTempDir } from './helpers/cli.js';

test('"not after the last as-of" names --out and --metadata for a new dataset', async () => {
  await withTempDir(async (dir) => {
    await generate(['--table-names', 'users', '--num-rows', '10', '--as-of', AS_OF], dir);
    const result = await synthgen(['--table-names', 'users', '--num-rows', '1000', '--as-of', '2025-06-01'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/is not after the last as-of of users \(2026-01-01T00:00:00Z\): .*pass a later --as-of, or start another dataset with its own --out and --metadata/);
  });
});
