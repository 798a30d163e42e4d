/**
 * A dataset under an S3 prefix, for the report: copied into a temporary folder with the machinery `verify` uses
 * (preflight, then downloadPrefix, which refuses keys that would name files outside the folder), removed after.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Settings } from '../output/s3/upload.js';

export interface DownloadedDataset {
  /** The local folder holding the objects, laid out as the prefix. */
  readonly root: string;
  /** One note per object not downloaded, with why. */
  readonly notes: readonly string[];
}

export async function withS3Dataset<T>(settings: S3Settings, use: (dataset: DownloadedDataset) => Promise<T>): Promise<T> {
  // The AWS SDK is loaded only for a report from S3.
  const { createS3Client, preflight } = await import('../output/s3/upload.js');
  const { downloadPrefix } = await import('../output/s3/s3Download.js');
  const client = createS3Client(settings);
  try {
    await preflight(client, settings);
    const directory = await mkdtemp(join(tmpdir(), 'synthgen-report-'));
    try {
      const download = await downloadPrefix(client, settings.target, directory);
      const notes = download.refused.map((refused) => `Object s3://${settings.target.bucket}/${refused.key} is not in the report: ${refused.reason}.`);
      return await use({ root: directory, notes });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  } finally {
    client.destroy();
  }
}
