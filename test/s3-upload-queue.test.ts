/**
 * The upload queue after an upload failed for good: a part that finishes later (generation is slower than a store
 * going down, as on a loaded machine) is not queued, and the run's wait for the uploads still ends, with the failure
 * kept. Before, such a file waited in the queue for an upload that never started, and the command ended with Node's
 * exit 13 ("stopped waiting with nothing left to wait on"), reported as an internal error.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { UploadQueue } from '../src/output/s3/uploadQueue.js';
import { BUCKET, type S3Server, startFaultProxy, startS3 } from './helpers/s3.js';

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
});

test('a file finished after an upload failed stays in staging, and waiting for the uploads ends with the failure', async () => {
  const proxy = await startFaultProxy(s3.endpoint, { down: true });
  const dir = await mkdtemp(join(tmpdir(), 'synthgen-upload-queue-'));
  const client = new S3Client({ region: 'us-east-1', endpoint: proxy.endpoint, forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  try {
    const uploaded: string[] = [];
    const queue = new UploadQueue({
      client,
      settings: { target: { bucket: BUCKET, prefix: 'queue/' }, checksums: false, environment: { uploadAttempts: 1 } },
      concurrency: 2,
      onUploaded: async (file) => {
        uploaded.push(file.key);
      },
    });
    const file = async (name: string, index: number) => {
      const path = join(dir, name);
      await writeFile(path, `bytes of ${name}`);
      return { path, key: `queue/users/${name}`, sha256: 'a'.repeat(64), bytes: 12, table: 'users', index };
    };
    queue.add(await file('first.parquet', 0));
    await queue.drained();
    expect(queue.failure?.message).toMatch(/upload of .*first\.parquet .*failed after 1 attempts.*503/);

    // The store comes back, but the run has already failed: a later part is neither uploaded nor left waiting.
    proxy.plan.down = false;
    queue.add(await file('second.parquet', 1));
    expect(queue.pending).toBe(0);
    const drained = await Promise.race([queue.drained().then(() => 'drained'), new Promise((resolve) => setTimeout(resolve, 5000, 'still waiting'))]);
    expect(drained).toBe('drained');
    expect(uploaded).toEqual([]);
    await expect(stat(join(dir, 'first.parquet'))).resolves.toBeDefined();
    await expect(stat(join(dir, 'second.parquet'))).resolves.toBeDefined();
  } finally {
    client.destroy();
    await proxy.close();
    await rm(dir, { recursive: true, force: true });
  }
});
