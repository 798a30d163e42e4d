/**
 * `--s3-bucket` names a bucket and a prefix that keys are built under and that `verify` downloads from: a prefix
 * with `.` or `..` segments, empty segments or backslashes would name other keys than it seems to (or a local path
 * outside the download folder), so it is refused with one line.
 */
import { describe, expect, test } from 'vitest';
import { UserError } from '../dist/src/errors/userError.js';
import { parseS3Target } from '../dist/src/records/s3Target.js';
import { synthgen, withTempDir } from './helpers/cli.js';

describe('parseS3Target', () => {
  test.each([
    ['my-bucket', { bucket: 'my-bucket', prefix: '' }],
    ['s3://my-bucket', { bucket: 'my-bucket', prefix: '' }],
    ['s3://my-bucket/', { bucket: 'my-bucket', prefix: '' }],
    ['s3://my-bucket/synthetic', { bucket: 'my-bucket', prefix: 'synthetic/' }],
    ['s3://my-bucket/synthetic/', { bucket: 'my-bucket', prefix: 'synthetic/' }],
    ['s3://my-bucket/a/b.c/..d/e..', { bucket: 'my-bucket', prefix: 'a/b.c/..d/e../' }],
  ])('%s is accepted', (value, expected) => {
    expect(parseS3Target(value)).toEqual(expected);
  });

  test.each([
    ['s3://my-bucket/../x', /"\.\."/],
    ['s3://my-bucket/..', /"\.\."/],
    ['s3://my-bucket/a/../../b', /"\.\."/],
    ['s3://my-bucket/a/./b', /"\."/],
    ['s3://my-bucket/./', /"\."/],
    ['s3://my-bucket/a//b', /empty/],
    ['s3://my-bucket//a', /empty/],
    ['s3://my-bucket/a//', /empty/],
    ['s3://my-bucket/a\\..\\b', /backslash/],
    ['s3://my-bucket/a\u0000b', /control character/],
  ])('%s is refused with one line', (value, reason) => {
    let thrown: unknown;
    try {
      parseS3Target(value);
    } catch (error: unknown) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UserError);
    const message = (thrown as UserError).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(reason);
    expect(message).toContain('s3.target');
  });
});

test('the CLI refuses s3://bucket/../x before it reaches any store, with one line and exit code 2', async () => {
  await withTempDir(async (dir) => {
    for (const args of [
      ['verify', '--s3-bucket', 's3://my-bucket/../x', '--s3-endpoint', 'http://127.0.0.1:9'],
      ['--table-names', 'users', '--num-rows', '10', '--s3-bucket', 's3://my-bucket/../x', '--s3-endpoint', 'http://127.0.0.1:9'],
    ]) {
      const result = await synthgen(args, dir, { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_EC2_METADATA_DISABLED: 'true' });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/--s3-bucket "s3:\/\/my-bucket\/\.\.\/x".*"\.\."/);
    }
  });
});
