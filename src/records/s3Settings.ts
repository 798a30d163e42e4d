/** How a run reaches its S3 store: where, through which endpoint and region, with how many uploads at once. */
import type { S3Target } from './s3Target.js';

/**
 * What the process's environment says about reaching S3, read by the caller (the CLI: cli/s3Environment.ts) and used
 * only where the settings say nothing. Never recorded with a run: a resume reads its own environment.
 */
export interface S3Environment {
  /** AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL. */
  readonly endpoint?: string;
  /** AWS_REGION, else AWS_DEFAULT_REGION. */
  readonly region?: string;
  /** SYNTHGEN_UPLOAD_ATTEMPTS: how many times a file's upload is tried, each with the SDK's own retries (default 4). */
  readonly uploadAttempts?: number;
}

export interface S3Settings {
  readonly target: S3Target;
  readonly endpoint?: string;
  readonly region?: string;
  /** Off for stores that reject the SDK's default CRC checksums. */
  readonly checksums: boolean;
  readonly environment?: S3Environment;
}

export interface S3RunOptions extends S3Settings {
  readonly uploadConcurrency: number;
}
