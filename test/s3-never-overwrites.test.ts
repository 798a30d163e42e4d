import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createS3Client, uploadFile } from '../dist/src/output/s3/upload.js';
import { withTempDir } from './helpers/cli.js';
import { testClient } from './helpers/bucket.js';
import { BUCKET, type S3Server, startS3 } from './helpers/s3.js';

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3();
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_EC2_METADATA_DISABLED: 'true' });
});
afterAll(async () => {
  await s3.close();
});

test('an object with other content is never overwritten; the same bytes count as already uploaded', async () => {
  await withTempDir(async (dir) => {
    const settings = { target: { bucket: BUCKET, prefix: '' }, endpoint: s3.endpoint, region: 'us-east-1', checksums: true };
    const client = createS3Client(settings);
    await testClient(s3.endpoint).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'users/taken.parquet', Body: 'someone else’s data' }));
    const path = join(dir, 'taken.parquet');
    await writeFile(path, 'our data');
    await expect(uploadFile(client, settings, { path, key: 'users/taken.parquet', sha256: 'a'.repeat(64) })).rejects.toThrow(
      /already exists with other content: synthgen never overwrites objects/,
    );
    const kept = await testClient(s3.endpoint).send(new GetObjectCommand({ Bucket: BUCKET, Key: 'users/taken.parquet' }));
    expect(await kept.Body?.transformToString()).toBe('someone else’s data');

    expect(await uploadFile(client, settings, { path, key: 'users/ours.parquet', sha256: 'b'.repeat(64) })).toBe('uploaded');
    expect(await uploadFile(client, settings, { path, key: 'users/ours.parquet', sha256: 'b'.repeat(64) })).toBe('already-there');
  });
});
