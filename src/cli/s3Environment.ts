/**
 * The environment variables that say how to reach S3, read here at the door: the engine and the stores are given
 * them as settings (output/s3/upload.ts, S3Environment), which the flags override.
 */
import type { S3Environment } from '../records/s3Settings.js';

export function s3Environment(env: NodeJS.ProcessEnv = process.env): S3Environment {
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const attempts = env.SYNTHGEN_UPLOAD_ATTEMPTS;
  return {
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(region === undefined ? {} : { region }),
    ...(attempts === undefined ? {} : { uploadAttempts: Number(attempts) }),
  };
}
