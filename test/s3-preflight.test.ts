import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AS_OF, synthgen, withTempDir } from './helpers/cli.js';
import { BUCKET, type S3Server, s3Env, startS3 } from './helpers/s3.js';

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
});

async function expectPreflightError(bucket: string, env: Record<string, string | undefined>, expected: RegExp): Promise<void> {
  await withTempDir(async (dir) => {
    const result = await synthgen(
      ['--table-names', 'users', '--num-rows', '100', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json', '--s3-bucket', bucket, '--s3-endpoint', s3.endpoint],
      dir,
      env,
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(join(dir, 'data')).catch(() => [])).toEqual([]);
    await expect(readFile(join(dir, 'm.json'))).rejects.toThrow();
  });
}

describe('preflight: one clear line, no files, no metadata', () => {
  test('a missing bucket', () => expectPreflightError('no-such-bucket', s3Env(), /bucket no-such-bucket does not exist: create it \(aws s3 mb s3:\/\/no-such-bucket\)/));
  // s3rver checks the access key, not SigV4 signatures: an unknown key stands for bad credentials.
  test('bad credentials', () => expectPreflightError(BUCKET, { ...s3Env(), AWS_ACCESS_KEY_ID: 'NOTAKEY' }, /the AWS credentials were rejected \(InvalidAccessKeyId\)/));
  test('no credentials at all', () =>
    expectPreflightError(
      BUCKET,
      {
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
        AWS_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/nonexistent/config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
        AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
      },
      /no AWS credentials found: run `aws configure`/,
    ));
  test('an invalid bucket name', () => expectPreflightError('A_Bad_Name', s3Env(), /--s3-bucket "A_Bad_Name" is not a valid bucket name/));
});
