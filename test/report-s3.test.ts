/**
 * `synthgen report --s3-bucket`: a dataset uploaded to a real S3 server (s3rver on loopback) gives the numbers the
 * same files give from a local folder, and leaves nothing behind in the temporary folder it downloads into.
 */
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exists, synthgen, withTempDir } from './helpers/cli.js';
import { testClient } from './helpers/bucket.js';
import { BUCKET, type S3Server, s3Env, startS3 } from './helpers/s3.js';
import { reportJson, smallDataset } from './helpers/reportRun.js';

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
});

/** Puts every file under `root` at `<prefix>/<its relative path>`. */
async function upload(root: string, prefix: string): Promise<number> {
  const client = testClient(s3.endpoint);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  let objects = 0;
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}/${relative(root, path)}`, Body: await readFile(path) }));
    objects += 1;
  }
  return objects;
}

test('the report of an S3 prefix equals the report of the same files in a folder', async () => {
  await withTempDir(async (dir) => {
    await smallDataset(dir);
    // A file per table (the orders' lines one of them) and the run's manifest.
    expect(await upload(join(dir, 'data'), 'shop/2026')).toBe(5);
    const local = await reportJson(['--out', 'data', '--file', 'local.html'], dir);
    const tmp = join(dir, 'tmp');
    await mkdir(tmp);
    const remote = await reportJson(['--s3-bucket', `s3://${BUCKET}/shop/2026`, '--s3-endpoint', s3.endpoint, '--file', 'remote.html'], dir, { ...s3Env(), TMPDIR: tmp });
    expect(remote.dataset).toBe(`s3://${BUCKET}/shop/2026/`);
    expect(remote.charts).toEqual(local.charts);
    expect(remote.tables).toEqual(local.tables);
    expect(remote.summary).toEqual(local.summary);
    expect(remote.notes).toEqual([]);
    expect(remote.file.bytes).toBeGreaterThan(500_000);
    // The downloaded copy is removed once the report is made.
    expect(await readdir(tmp)).toEqual([]);
  });
});

test('a prefix with no dataset is one line, exit code 2, and no file', async () => {
  await withTempDir(async (dir) => {
    const result = await synthgen(['report', '--s3-bucket', `s3://${BUCKET}/nothing-here`, '--s3-endpoint', s3.endpoint, '--file', 'r.html'], dir, s3Env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^synthgen: no dataset at s3:\/\/synthgen-test\/nothing-here\/: no Parquet files under <table>\/ folders \(such as users\/, products\/, orders\/, order_items\/\); .*\n$/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await exists(join(dir, 'r.html'))).toBe(false);
  });
});
