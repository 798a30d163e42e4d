/**
 * `--out duckdb://shop.db` once made a folder named `duckdb:`. A URL given where a local path is expected is refused
 * in one line naming what is supported (for s3://, --s3-bucket), and nothing is created.
 */
import { readdir } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { AS_OF, synthgen, withTempDir } from './helpers/cli.js';

const RUN = ['--table-names', 'users', '--num-rows', '10', '--seed', '1', '--as-of', AS_OF];

async function refused(args: readonly string[], expected: RegExp): Promise<void> {
  await withTempDir(async (dir) => {
    const result = await synthgen(args, dir);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n'), result.stderr).toHaveLength(1);
    expect(result.stderr).toMatch(expected);
    expect(await readdir(dir)).toEqual([]);
  });
}

describe.concurrent('a URL where a local path goes', () => {
  test.each(['duckdb://shop.db', 'postgres://localhost/db', 'file:///tmp/x', 'HTTPS://example.com/data', 'gs://bucket/p'])('--out %s', (url) =>
    refused([...RUN, '--out', url], /^synthgen: --out .* is a URL: .*a local folder.*--s3-bucket/));
  test('--out s3://bucket/prefix points to --s3-bucket', () =>
    refused([...RUN, '--out', 's3://my-bucket/synthetic'], /^synthgen: --out s3:\/\/my-bucket\/synthetic is a URL: to write to S3 pass --s3-bucket s3:\/\/my-bucket\/synthetic/));
  test('--metadata duckdb://m.json', () => refused([...RUN, '--metadata', 'duckdb://m.json'], /^synthgen: --metadata duckdb:\/\/m\.json is a URL: .*a local file/));
  test.each([
    ['verify', '--out'],
    ['report', '--out'],
    ['verify', '--metadata'],
    ['schema', '--metadata'],
  ])('%s %s', (command, flag) => refused([command, flag, 'duckdb://x'], new RegExp(`^synthgen: ${flag} duckdb://x is a URL`)));
});
