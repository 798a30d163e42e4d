/**
 * The environment variables that say how to reach S3, read here at the door: the engine and the stores are given
 * them as settings (output/s3/upload.ts, S3Environment), which the flags override.
 */
import { UserError } from '../errors/userError.js';
import type { S3Environment } from '../records/s3Settings.js';

/** The most upload attempts a file may be given: each waits up to 8 s before the next, with the SDK's retries inside. */
const MOST_UPLOAD_ATTEMPTS = 100;

/** SYNTHGEN_UPLOAD_ATTEMPTS as a count, refused in one line unless a whole number from 1 to MOST_UPLOAD_ATTEMPTS. */
function uploadAttempts(value: string): number {
  const attempts = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(attempts) || attempts < 1 || attempts > MOST_UPLOAD_ATTEMPTS) {
    throw new UserError(`SYNTHGEN_UPLOAD_ATTEMPTS is "${value}", not a whole number from 1 to ${MOST_UPLOAD_ATTEMPTS}: set it to how many times each file's upload may be tried, or unset it for the default (4)`);
  }
  return attempts;
}

export function s3Environment(env: NodeJS.ProcessEnv = process.env): S3Environment {
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const attempts = env.SYNTHGEN_UPLOAD_ATTEMPTS;
  return {
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(region === undefined ? {} : { region }),
    ...(attempts === undefined ? {} : { uploadAttempts: uploadAttempts(attempts) }),
  };
}
