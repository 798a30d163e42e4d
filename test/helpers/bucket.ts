/** Reading a test bucket back: keys and each object's SHA-256. */
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

export function testClient(endpoint: string): S3Client {
  return new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
}

/** key -> SHA-256 of the object's bytes, for every object under the prefix. */
export async function bucketChecksums(endpoint: string, bucket: string, prefix: string): Promise<Record<string, string>> {
  const client = testClient(endpoint);
  const listing = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  const result: Record<string, string> = {};
  for (const object of listing.Contents ?? []) {
    const key = object.Key ?? '';
    const body = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const bytes = await body.Body?.transformToByteArray();
    result[key] = createHash('sha256').update(bytes ?? new Uint8Array()).digest('hex');
  }
  return result;
}
