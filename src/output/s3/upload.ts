/**
 * S3 side of a run: the client (standard credential chain; path-style when an endpoint is given), the preflight
 * that turns a missing bucket, missing credentials or denied access into one line, and uploads that retry, never
 * overwrite, and are idempotent: an object that already holds the same bytes (by the SHA-256 kept in its metadata)
 * counts as uploaded, which is what lets an interrupted run be finished without duplicates.
 */
import type { Readable } from 'node:stream';
import { AbortMultipartUploadCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, type S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { reasonOf } from '../../errors/errno.js';
import { UserError } from '../../errors/userError.js';
import { type S3Target, describeTarget } from '../../records/s3Target.js';
import type { S3Settings } from '../../records/s3Settings.js';
import { withUploadBody } from './uploadBody.js';

/**
 * Multipart uploads above this size; each part this large. A file that fits goes up in one PUT: one request
 * instead of four (create, two parts, complete), and a store that assembles parts (s3rver, MinIO on one disk) does
 * not write the bytes twice. With 8 MiB, the local test server used ~2.2 CPU-seconds per 136 MB of 14 MB files;
 * with 16 MiB, ~1.1.
 */
export const MULTIPART_PART_BYTES = 16 * 1024 * 1024;
const UPLOAD_ATTEMPTS = 4;

export function endpointOf(settings: Pick<S3Settings, 'endpoint' | 'environment'>): string | undefined {
  return settings.endpoint ?? settings.environment?.endpoint;
}

/** The request an S3 error answered, noted by the middleware createS3Client adds: errors do not say. */
interface FailedRequest {
  readonly operation: string;
  readonly bucket?: string;
  readonly key?: string;
}

const failedRequests = new WeakMap<object, FailedRequest>();

function inputString(input: unknown, field: string): string | undefined {
  const value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Notes, on every error a request of `client` fails with, its operation, bucket and key (or listed prefix). */
function noteFailedRequests(client: S3Client): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error: unknown) {
        if (typeof error === 'object' && error !== null && !failedRequests.has(error)) {
          const bucket = inputString(args.input, 'Bucket');
          const key = inputString(args.input, 'Key') ?? inputString(args.input, 'Prefix');
          failedRequests.set(error, {
            operation: (context.commandName ?? 'request').replace(/Command$/, ''),
            ...(bucket === undefined ? {} : { bucket }),
            ...(key === undefined ? {} : { key }),
          });
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'synthgenNoteFailedRequest' },
  );
}

export function createS3Client(settings: S3Settings): S3Client {
  const endpoint = endpointOf(settings);
  const client = new S3Client({
    region: settings.region ?? settings.environment?.region ?? 'us-east-1',
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    maxAttempts: 5,
    requestChecksumCalculation: settings.checksums ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED',
    responseChecksumValidation: settings.checksums ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
  });
  noteFailedRequests(client);
  return client;
}

function statusOf(error: unknown): number | undefined {
  const metadata = (error as Partial<S3ServiceException> | undefined)?.$metadata;
  return metadata?.httpStatusCode;
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : String(error);
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The S3 error code of an answer (`NoSuchBucket`, `NoSuchUpload`, ...): the SDK names its errors after it. */
function s3CodeOf(error: unknown): string | undefined {
  const code = (error as { Code?: unknown } | undefined)?.Code;
  if (typeof code === 'string') return code;
  return statusOf(error) === undefined ? undefined : nameOf(error);
}

/**
 * What failed, for the user: `PutObject of s3://bucket/key answered HTTP 404 (NoSuchUpload: The specified upload
 * does not exist.)`, or for a request that got no answer, its error (`... failed (ECONNRESET: socket hang up)`).
 */
export function describeS3Failure(error: unknown): string {
  const request = typeof error === 'object' && error !== null ? failedRequests.get(error) : undefined;
  const where = request ? `${request.operation} of s3://${request.bucket ?? '?'}/${request.key ?? ''}` : 'an S3 request';
  const status = statusOf(error);
  const message = reasonOf(error);
  const code = s3CodeOf(error);
  // The SDK's message for an answer with no S3 error in it is only the code again, or "UnknownError".
  const said = message && message !== code && message !== 'UnknownError' ? `: ${message}` : '';
  if (status !== undefined) return `${where} answered HTTP ${status} (${code ?? 'no S3 error code'}${said})`;
  return `${where} failed (${codeOf(error) ?? nameOf(error)}${message ? `: ${message}` : ''})`;
}

/** A user-facing line for errors the user fixes (credentials, bucket, access, endpoint); undefined for others. */
function explain(error: unknown, settings: S3Settings): UserError | undefined {
  const bucket = settings.target.bucket;
  const name = nameOf(error);
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'CredentialsProviderError' || (/credential/i.test(message) && status === undefined)) {
    return new UserError(
      'no AWS credentials found: run `aws configure`, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or run on an instance with an IAM role',
    );
  }
  // Only S3's own NoSuchBucket: a 404 also answers a multipart part whose upload is gone (NoSuchUpload), or comes
  // from a proxy in the way, and "the bucket does not exist" would send the user after the wrong thing.
  if (name === 'NoSuchBucket' || s3CodeOf(error) === 'NoSuchBucket') {
    return new UserError((w) => `bucket ${bucket} does not exist: create it (aws s3 mb s3://${bucket}) or fix ${w.s3Bucket}`);
  }
  if (name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch' || name === 'InvalidToken' || name === 'ExpiredToken') {
    return new UserError(`the AWS credentials were rejected (${name}): check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or run \`aws configure\``);
  }
  if (status === 403 || name === 'AccessDenied') {
    return new UserError(`access to bucket ${bucket} was denied: the credentials need s3:ListBucket, s3:GetObject and s3:PutObject on ${describeTarget(settings.target)}`);
  }
  if (status === 301 || name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed') {
    return new UserError((w) => `bucket ${bucket} is in another region: pass ${w.s3Region} with the bucket's region`);
  }
  const code = codeOf(error);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ECONNRESET') {
    return new UserError((w) => `cannot reach the S3 endpoint ${endpointOf(settings) ?? 'of AWS'} (${code}): check ${w.s3Endpoint} and the network`);
  }
  return undefined;
}

/** Checks, before anything is generated, that the bucket exists and the credentials may list it. */
export async function preflight(client: S3Client, settings: S3Settings, signal?: AbortSignal): Promise<void> {
  try {
    // Not MaxKeys: 1: a truncated listing makes s3rver (the test server) fail with a 500 on OpenSSL 3, and the run
    // lists the prefix right after anyway. A run stopped meanwhile does not wait for the answer (its socket is closed).
    await client.send(new ListObjectsV2Command({ Bucket: settings.target.bucket, Prefix: settings.target.prefix }), signal ? { abortSignal: signal } : {});
  } catch (error: unknown) {
    throw explain(error, settings) ?? new UserError(`cannot use ${describeTarget(settings.target)}: ${describeS3Failure(error)}`);
  }
}

/** A failed request as one line for the user: what to fix when it is theirs, else what failed and how. */
export function s3Failure(error: unknown, settings: S3Settings, doing: string): UserError {
  return explain(error, settings) ?? new UserError(`${doing}: ${describeS3Failure(error)}`);
}

/** Whether an S3 request failed because the object is not there. */
export function isMissingObject(error: unknown): boolean {
  return statusOf(error) === 404 || nameOf(error) === 'NotFound' || nameOf(error) === 'NoSuchKey';
}

/** Object keys under a prefix (paged). */
export async function listKeys(client: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** The SHA-256 recorded on an object, '' for an object without one, or undefined when there is no object. */
async function existingSha256(client: S3Client, bucket: string, key: string): Promise<string | undefined> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return head.Metadata?.sha256 ?? '';
  } catch (error: unknown) {
    if (statusOf(error) === 404 || nameOf(error) === 'NotFound' || nameOf(error) === 'NoSuchKey') return undefined;
    throw error;
  }
}

/**
 * One upload of the bytes: a single PUT, or a multipart upload. lib-storage's own clean-up after a failed part
 * throws the abort's error instead of the part's when the abort fails too (s3rver answers it 405; S3 answers 404
 * NoSuchUpload when the upload is already gone), hiding what failed; so parts are left to it only to be aborted
 * here, where a failed abort is ignored: leftover parts cost storage until a lifecycle rule clears them, nothing more.
 */
async function putObject(
  client: S3Client,
  bucket: string,
  file: { readonly key: string; readonly sha256: string; readonly contentType?: string },
  body: Readable | Uint8Array,
): Promise<void> {
  const upload = new Upload({
    client,
    params: {
      Bucket: bucket,
      Key: file.key,
      Body: body,
      ContentType: file.contentType ?? 'application/vnd.apache.parquet',
      Metadata: { sha256: file.sha256 },
      // Honoured by S3 (no overwrite even in a race); stores that ignore it are covered by the check before.
      IfNoneMatch: '*',
    },
    partSize: MULTIPART_PART_BYTES,
    queueSize: 4,
    leavePartsOnError: true,
  });
  try {
    await upload.done();
  } catch (error: unknown) {
    if (upload.uploadId) {
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: file.key, UploadId: upload.uploadId })).catch(() => undefined);
    }
    throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type UploadOutcome = 'uploaded' | 'already-there';

/**
 * Uploads a file unless the same bytes are already at the key. Never overwrites: an object with other content
 * fails the upload. The SDK retries each request (throttling, 5xx, timeouts); a whole upload that still fails (a
 * dropped multipart, a reset stream) is tried again with backoff, checking first whether it landed after all.
 */
export async function uploadFile(
  client: S3Client,
  settings: S3Settings,
  file: { readonly path: string; readonly key: string; readonly sha256: string; readonly contentType?: string },
): Promise<UploadOutcome> {
  const { bucket } = settings.target;
  const attempts = settings.environment?.uploadAttempts ?? UPLOAD_ATTEMPTS;
  return withUploadBody(file.path, MULTIPART_PART_BYTES, async (body) => {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        const existing = await existingSha256(client, bucket, file.key);
        if (existing === file.sha256) return 'already-there';
        if (existing !== undefined) {
          throw new UserError(
            `s3://${bucket}/${file.key} already exists with other content: synthgen never overwrites objects; move it away or use another prefix`,
          );
        }
        await putObject(client, bucket, file, await body());
        return 'uploaded';
      } catch (error: unknown) {
        if (error instanceof UserError) throw error;
        const fatal = explain(error, settings);
        if (fatal && statusOf(error) !== undefined && statusOf(error) !== 503) throw fatal;
        lastError = error;
        if (attempt < attempts) await sleep(Math.min(8000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2));
      }
    }
    throw new Error(`upload of ${file.path} to s3://${bucket}/${file.key} failed after ${attempts} attempts (last: ${describeS3Failure(lastError)})`);
  });
}
