/**
 * A dataset under an S3 prefix, for the commands that read one (`verify`, `report`): checked (preflight), copied into
 * a temporary folder by downloadPrefix (which refuses keys that would name files outside it), and removed after.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RefusedKey } from './s3Download.js';
import type { S3Target } from '../../records/s3Target.js';
import type { S3Environment, S3Settings } from '../../records/s3Settings.js';

export interface DownloadedDataset {
  /** The local folder holding the objects, laid out as the prefix. */
  readonly root: string;
  /** Objects not downloaded, with why. */
  readonly refused: readonly RefusedKey[];
}

/** The settings to read a prefix with, from a command's S3 flags (checksums on: reads verify what they fetch). */
export function readSettings(target: S3Target, endpoint: string | undefined, region: string | undefined, environment: S3Environment): S3Settings {
  return { target, checksums: true, ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}), environment };
}

/** Runs `use` on a local copy of the prefix; `purpose` names the temporary folder (`synthgen-<purpose>-`). */
export async function withS3Dataset<T>(settings: S3Settings, purpose: string, use: (dataset: DownloadedDataset) => Promise<T>): Promise<T> {
  // The AWS SDK is loaded only for a dataset in S3.
  const { createS3Client, preflight } = await import('./upload.js');
  const { downloadPrefix } = await import('./s3Download.js');
  const client = createS3Client(settings);
  try {
    await preflight(client, settings);
    const directory = await mkdtemp(join(tmpdir(), `synthgen-${purpose}-`));
    try {
      const download = await downloadPrefix(client, settings.target, directory);
      return await use({ root: directory, refused: download.refused });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  } finally {
    client.destroy();
  }
}
