/**
 * `synthgen remove --last-run` on a run that uploaded to S3: the objects its manifest lists that still hold what it
 * uploaded (by size and the SHA-256 kept in their metadata) are deleted, then its manifest object, and the metadata
 * goes back to before the run; an object replaced since is left and named.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AS_OF, laterAsOf, synthgen, withTempDir } from './helpers/cli.js';
import { BUCKET, type S3Server, s3Env, startS3 } from './helpers/s3.js';

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
});

async function keys(prefix: string): Promise<string[]> {
  const listing = await s3.client().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (listing.Contents ?? []).map((o) => o.Key ?? '').sort();
}

test('remove --last-run deletes the run\'s own objects and manifest from the bucket, and rolls the metadata back', async () => {
  await withTempDir(async (dir) => {
    const target = ['--s3-bucket', `s3://${BUCKET}/shop`, '--s3-endpoint', s3.endpoint];
    const first = await synthgen(['--table-names', 'users,products', '--num-rows', '20', '--seed', '1', '--as-of', AS_OF, ...target], dir, s3Env());
    expect(first.code, first.stderr).toBe(0);
    const afterFirst = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')) as unknown;
    const keysAfterFirst = await keys('shop/');
    const second = await synthgen(['--table-names', 'users,products', '--num-rows', '10', '--seed', '2', '--as-of', laterAsOf(1), '--json', ...target], dir, s3Env());
    expect(second.code, second.stderr).toBe(0);
    const summary = JSON.parse(second.stdout) as { run_id: string; tables: Record<string, { files: { path: string }[] }> };
    // One of the run's objects is replaced by other bytes: it is not the run's any more.
    const replaced = `shop/products/${summary.tables.products?.files[0]?.path.split('/').pop() ?? ''}`;
    await s3.client().send(new PutObjectCommand({ Bucket: BUCKET, Key: replaced, Body: 'other bytes' }));

    const done = await synthgen(['remove', '--last-run', '--yes', '--s3-endpoint', s3.endpoint], dir, s3Env());
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain(`removed run ${summary.run_id}: 1 file`);
    expect(done.stdout).toContain(`left s3://${BUCKET}/${replaced} in place: it does not hold the bytes run ${summary.run_id} uploaded`);
    expect(await keys('shop/')).toEqual([...keysAfterFirst, replaced].sort());
    expect(JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'))).toEqual(afterFirst);
  });
});
