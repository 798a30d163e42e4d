/** Where a run's files go in S3: `--s3-bucket NAME` or `--s3-bucket s3://bucket/prefix`. */
import { UserError } from '../errors/userError.js';
import { relativePathProblem } from '../files/relativePathProblem.js';

export interface S3Target {
  readonly bucket: string;
  /** Empty, or plain segments ending with '/'. */
  readonly prefix: string;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseS3Target(value: string): S3Target {
  const text = value.trim();
  const rest = text.startsWith('s3://') ? text.slice('s3://'.length) : text;
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const rawPrefix = slash < 0 ? '' : rest.slice(slash + 1);
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    throw new UserError(
      (w) => `${w.s3Bucket} "${value}" is not a valid bucket name: use 3-63 lower-case letters, digits, dots or hyphens, e.g. my-bucket or s3://my-bucket/datasets`,
    );
  }
  // One trailing slash is how prefixes are often written; anything else odd would make keys other than the ones
  // meant (S3 keeps `a/../b` verbatim) and local paths outside the folder `verify` downloads into.
  const prefix = rawPrefix.endsWith('/') ? rawPrefix.slice(0, -1) : rawPrefix;
  const problem = prefix ? relativePathProblem(prefix) : undefined;
  if (problem) {
    throw new UserError((w) => `${w.s3Bucket} "${value}" has a prefix with ${problem}: give plain folder names, e.g. s3://${bucket}/datasets/shop`);
  }
  return { bucket, prefix: prefix ? `${prefix}/` : '' };
}

/** The object key of a file: `[prefix/]<table>/<file name>`, the same layout as the local output. */
export function objectKey(target: S3Target, table: string, fileName: string): string {
  return `${target.prefix}${table}/${fileName}`;
}

export function describeTarget(target: S3Target): string {
  return `s3://${target.bucket}/${target.prefix}`;
}
