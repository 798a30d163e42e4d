import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AS_OF, checksums, count, parquetFiles, query, synthgen, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';
import { BUCKET, type S3Server, s3Env, startFaultProxy, startS3 } from './helpers/s3.js';

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
});

test('a run uploads every part (multipart for big ones): the objects are byte-identical to a local run', async () => {
  await withTempDir(async (dir) => {
    // The object bigger than a 16 MiB part is the users' (~20 MB): a row of users costs a third of one of orders (which
    // compute their lines twice), and the upload is the same for any table's file.
    const run = ['--table-names', 'users,products,orders', '--num-rows', 'users=300000,products=5000,orders=20000', '--seed', '17', '--as-of', AS_OF];
    // Through a proxy that injects nothing and records each request, to see how each object went up.
    const proxy = await startFaultProxy(s3.endpoint);
    const s3Run = [...run, '--out', 'staging', '--metadata', 's3.json', '--s3-bucket', `s3://${BUCKET}/runs/a`, '--s3-endpoint', proxy.endpoint, '--json', '--profile'];
    // The local run is the engine's bytes, written in this process (as --out local --metadata local.json) while the
    // CLI makes and uploads the same run in its own: the two overlap instead of one waiting for the other.
    const [, remote] = await Promise.all([
      engineRun(dir, { tables: ['users', 'products', 'orders'], rows: { users: 300000, products: 5000, orders: 20000 }, seed: 17, out: join(dir, 'local'), metadataPath: join(dir, 'local.json') }),
      synthgen(s3Run, dir, s3Env()),
    ]).finally(() => proxy.close());
    expect(remote.code, remote.stderr).toBe(0);
    // --profile (on stderr, beside --json on stdout) says how long the run waited for uploads.
    expect(remote.stderr).toMatch(/generation held back while uploads caught up +\d+\.\d+ s/);
    expect(remote.stderr).toMatch(/after the last part was written +\d+\.\d+ s/);
    const summary = JSON.parse(remote.stdout);
    // synthgen verify reads the dataset back from the bucket (checked last) while this process reads the objects.
    const verifying = synthgen(['verify', '--s3-bucket', `s3://${BUCKET}/runs/a`, '--s3-endpoint', s3.endpoint, '--metadata', 's3.json'], dir, s3Env());
    // A file per table: users, products, orders and the orders' lines.
    expect(summary.upload.objects).toBe(4);

    const listing = await s3.client().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'runs/a/' }));
    const listed = (listing.Contents ?? []).map((o) => ({ key: o.Key ?? '', size: o.Size ?? 0 }));
    // The data objects, and beside them the run's manifest.
    expect(listed.filter((o) => o.key.startsWith('runs/a/_runs/')).map((o) => o.key)).toEqual([`runs/a/_runs/${summary.run_id}.json`]);
    const objects = listed.filter((o) => !o.key.startsWith('runs/a/_runs/'));
    const expected: string[] = [];
    for (const table of ['users', 'products', 'orders', 'order_items']) {
      for (const file of await parquetFiles(join(dir, 'local'), table)) expected.push(`runs/a/${table}/${file.split('/').pop()}`);
    }
    // Same layout and names as local output (the stamp may differ by a second; compare by table and order).
    expect(objects.map((o) => o.key.replace(/\d{14}-[0-9a-f]{8}/, 'STAMP')).sort()).toEqual(expected.map((k) => k.replace(/\d{14}-[0-9a-f]{8}/, 'STAMP')).sort());
    // Objects larger than one 16 MiB part go up in parts; smaller ones in a single PUT.
    const big = objects.filter((o) => o.size > 16 * 1024 * 1024);
    expect(big.length).toBeGreaterThan(0);
    for (const object of objects) {
      const path = `/${BUCKET}/${object.key}`;
      const started = proxy.forwarded.filter((line) => line.startsWith(`POST ${path}?uploads`));
      const puts = proxy.forwarded.filter((line) => line === `PUT ${path}` || line.startsWith(`PUT ${path}?`));
      const parts = puts.filter((line) => /[?&]partNumber=\d+/.test(line));
      const whole = puts.filter((line) => !parts.includes(line));
      if (big.includes(object)) {
        expect(started, object.key).toHaveLength(1);
        expect(parts.length, object.key).toBe(Math.ceil(object.size / (16 * 1024 * 1024)));
        expect(whole, object.key).toHaveLength(0);
      } else {
        expect(started, object.key).toHaveLength(0);
        expect(whole, object.key).toHaveLength(1);
      }
    }

    const localSums = { ...(await checksums(join(dir, 'local'))) };
    for (const object of objects) {
      const body = await s3.client().send(new GetObjectCommand({ Bucket: BUCKET, Key: object.key }));
      const bytes = Buffer.from(await body.Body!.transformToByteArray());
      const table = object.key.split('/')[2] ?? '';
      const localFile = Object.entries(localSums).find(([name]) => name.startsWith(`${table}/`));
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(localFile?.[1]);
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(dir, `${table}.parquet`), bytes);
    }
    // Read the downloaded objects back: keys unique, foreign keys resolve.
    const orphans = await query(
      `SELECT (SELECT count(*) FROM '${join(dir, 'orders.parquet')}' WHERE user_id NOT IN (SELECT user_id FROM '${join(dir, 'users.parquet')}'))
        + (SELECT count(*) FROM '${join(dir, 'order_items.parquet')}' WHERE product_id NOT IN (SELECT product_id FROM '${join(dir, 'products.parquet')}')
            OR order_id NOT IN (SELECT order_id FROM '${join(dir, 'orders.parquet')}')) AS n`,
    );
    expect(count(orphans)).toBe(0);
    // Staging is emptied and the metadata committed.
    for (const table of ['users', 'products', 'orders', 'order_items']) expect(await readdir(join(dir, 'staging', table)).catch(() => [])).toEqual([]);
    const metadata = JSON.parse(await readFile(join(dir, 's3.json'), 'utf8'));
    expect(metadata.tables.orders.last_id).toBe(20000);
    await expect(readFile(join(dir, 's3.json.pending.json'))).rejects.toThrow();

    // synthgen verify reads the dataset back from the bucket: files against the manifest, keys and rules.
    const verified = await verifying;
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^synthgen verify s3:\/\/[^ ]+\/runs\/a: 1 run, 4 files/);
    expect(verified.stdout).toMatch(/OK: users 300000, products 5000, orders 20000, order_items \d+ rows; no violations/);
  });
});
