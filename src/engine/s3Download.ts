/** Copies the objects under an S3 prefix into a local folder, keeping their layout: for verifying an S3 dataset. */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { listKeys } from './upload.js';
import type { S3Target } from './s3Target.js';

/** Downloads every object under the target's prefix to `directory`; returns how many. */
export async function downloadPrefix(client: S3Client, target: S3Target, directory: string): Promise<number> {
  const keys = await listKeys(client, target.bucket, target.prefix);
  for (const key of keys) {
    const relative = key.slice(target.prefix.length);
    if (!relative || relative.endsWith('/')) continue;
    const path = join(directory, relative);
    await mkdir(dirname(path), { recursive: true });
    const object = await client.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
    if (!(object.Body instanceof Readable)) throw new Error(`s3://${target.bucket}/${key}: no body`);
    await pipeline(object.Body, createWriteStream(path));
  }
  return keys.length;
}
