/**
 * A 404 is not "the bucket does not exist" unless S3 says NoSuchBucket: a multipart part answered NoSuchUpload, or
 * a proxy answering 404 for one key, must be reported as what failed (the operation, the key, the HTTP status and
 * the S3 error code). A real s3rver serves everything; a loopback proxy in front of it answers 404 for the requests
 * a test picks, which no real server does on demand.
 */
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UserError } from '../dist/src/errors/userError.js';
import type { S3Settings } from '../dist/src/records/s3Settings.js';
import { AS_OF, synthgen, withTempDir } from './helpers/cli.js';
import { forward, listenLoopback } from './helpers/proxy.js';
import { BUCKET, type S3Server, s3Env, startS3 } from './helpers/s3.js';

let s3: S3Server;
let upload: typeof import('../dist/src/output/s3/upload.js');
beforeAll(async () => {
  s3 = await startS3();
  // The credentials, read by the SDK; the number of whole-upload attempts is a setting (the CLI reads its variable).
  Object.assign(process.env, s3Env());
  upload = await import('../dist/src/output/s3/upload.js');
});
afterAll(async () => {
  await s3.close();
});

interface NotFoundAnswer {
  readonly contentType: string;
  readonly body: string;
}

const s3Error = (code: string, message: string): NotFoundAnswer => ({
  contentType: 'application/xml',
  body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
});
const proxyPage: NotFoundAnswer = { contentType: 'text/html', body: '<html><body>404 Not Found</body></html>' };

/** A loopback proxy to s3rver that answers 404 to the requests `pick` chooses; records what it answered and forwarded. */
async function startNotFoundProxy(
  target: string,
  pick: (method: string, url: string) => NotFoundAnswer | undefined,
): Promise<{ endpoint: string; answered: string[]; forwarded: string[]; close(): Promise<void> }> {
  const upstream = new URL(target);
  const answered: string[] = [];
  const forwarded: string[] = [];
  const server: Server = createServer((req, res) => {
    const answer = pick(req.method ?? '', req.url ?? '');
    if (answer) {
      answered.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(404, { 'Content-Type': answer.contentType, 'Content-Length': Buffer.byteLength(answer.body) });
      res.end(req.method === 'HEAD' ? undefined : answer.body);
      return;
    }
    forwarded.push(`${req.method} ${req.url}`);
    forward(upstream, req, res);
  });
  return { ...(await listenLoopback(server)), answered, forwarded };
}

function settings(endpoint: string, bucket = BUCKET, prefix = 'nf/'): S3Settings {
  return { target: { bucket, prefix }, endpoint, checksums: true, environment: { uploadAttempts: 2 } };
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error(`expected a failure, got ${String(outcome)}`);
  return outcome;
}

describe('uploadFile', () => {
  test('a PUT a proxy answers 404 (no S3 error code) names the operation, key and status, not a missing bucket', async () => {
    const key = 'nf/users/one.parquet';
    const proxy = await startNotFoundProxy(s3.endpoint, (method, url) => (method === 'PUT' && url.startsWith(`/${BUCKET}/${key}`) ? proxyPage : undefined));
    try {
      await withTempDir(async (dir) => {
        const path = join(dir, 'one.parquet');
        await writeFile(path, 'some bytes');
        const s = settings(proxy.endpoint);
        const error = await failureOf(upload.uploadFile(upload.createS3Client(s), s, { path, key, sha256: 'a'.repeat(64) }));
        expect(error.message).not.toMatch(/does not exist/);
        expect(error).not.toBeInstanceOf(UserError);
        expect(error.message).toMatch(new RegExp(`PutObject of s3://${BUCKET}/${key} answered HTTP 404 \\(NotFound\\)`));
        expect(error.message).toMatch(/failed after 2 attempts/);
        expect(proxy.answered.length).toBe(2);
      });
    } finally {
      await proxy.close();
    }
  });

  test('a multipart part answered 404 NoSuchUpload names UploadPart, the key, the status and the code', async () => {
    const key = 'nf/orders/big.parquet';
    const proxy = await startNotFoundProxy(s3.endpoint, (method, url) =>
      method === 'PUT' && url.startsWith(`/${BUCKET}/${key}?`) && /[?&]partNumber=2(&|$)/.test(url) ? s3Error('NoSuchUpload', 'The specified upload does not exist.') : undefined,
    );
    try {
      await withTempDir(async (dir) => {
        const path = join(dir, 'big.parquet');
        // Two parts of 16 MiB and a bit: only the second one fails.
        await writeFile(path, randomBytes(upload.MULTIPART_PART_BYTES + 1024));
        const s = settings(proxy.endpoint);
        const error = await failureOf(upload.uploadFile(upload.createS3Client(s), s, { path, key, sha256: 'b'.repeat(64) }));
        expect(error.message).not.toMatch(/bucket .* does not exist/);
        expect(error.message).toMatch(new RegExp(`UploadPart of s3://${BUCKET}/${key} answered HTTP 404 \\(NoSuchUpload: The specified upload does not exist\\.\\)`));
        expect(proxy.answered.length).toBeGreaterThan(0);
        // Each failed multipart upload was still aborted, so its parts are not left behind.
        const started = proxy.forwarded.filter((line) => line.startsWith(`POST /${BUCKET}/${key}?uploads`)).length;
        const aborted = proxy.forwarded.filter((line) => line.startsWith(`DELETE /${BUCKET}/${key}?uploadId=`)).length;
        expect(started).toBe(2);
        expect(aborted).toBe(started);
      });
    } finally {
      await proxy.close();
    }
  }, 60_000);

  test('NoSuchBucket from a real server still says the bucket does not exist', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'one.parquet');
      await writeFile(path, 'some bytes');
      const s = settings(s3.endpoint, 'no-such-bucket-here');
      const error = await failureOf(upload.uploadFile(upload.createS3Client(s), s, { path, key: 'nf/users/one.parquet', sha256: 'c'.repeat(64) }));
      expect(error).toBeInstanceOf(UserError);
      expect(error.message).toBe('bucket no-such-bucket-here does not exist: create it (aws s3 mb s3://no-such-bucket-here) or fix s3.target');
    });
  });

  test('a listing a proxy answers 404 without NoSuchBucket is not called a missing bucket either', async () => {
    const proxy = await startNotFoundProxy(s3.endpoint, (method, url) => (method === 'GET' && url.includes('list-type=2') ? proxyPage : undefined));
    try {
      const s = settings(proxy.endpoint);
      const error = await failureOf(upload.preflight(upload.createS3Client(s), s));
      expect(error).toBeInstanceOf(UserError);
      expect(error.message).toBe(`cannot use s3://${BUCKET}/nf/: ListObjectsV2 of s3://${BUCKET}/nf/ answered HTTP 404 (NotFound)`);
    } finally {
      await proxy.close();
    }
  });
});

test('a run whose PUT of one object is answered 404 stops with one line naming that request', async () => {
  const proxy = await startNotFoundProxy(s3.endpoint, (method, url) => (method === 'PUT' && url.startsWith(`/${BUCKET}/nf-run/users/`) ? proxyPage : undefined));
  try {
    await withTempDir(async (dir) => {
      const result = await synthgen(
        ['--table-names', 'users', '--num-rows', '200', '--seed', '1', '--as-of', AS_OF, '--out', 'staging', '--metadata', 'm.json', '--s3-bucket', `s3://${BUCKET}/nf-run`, '--s3-endpoint', proxy.endpoint],
        dir,
        { ...s3Env(), SYNTHGEN_UPLOAD_ATTEMPTS: '2' },
      );
      expect(result.code).toBe(3);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/does not exist/);
      expect(result.stderr).toMatch(new RegExp(`PutObject of s3://${BUCKET}/nf-run/users/[^ ]+\\.parquet answered HTTP 404 \\(NotFound\\)`));
    });
  } finally {
    await proxy.close();
  }
});
