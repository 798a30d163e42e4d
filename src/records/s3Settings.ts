/** How a run reaches its S3 store: where, through which endpoint and region, with how many uploads at once. */
import type { S3Target } from './s3Target.js';

export interface S3Settings {
  readonly target: S3Target;
  readonly endpoint?: string;
  readonly region?: string;
  /** Off for stores that reject the SDK's default CRC checksums. */
  readonly checksums: boolean;
}

export interface S3RunOptions extends S3Settings {
  readonly uploadConcurrency: number;
}
