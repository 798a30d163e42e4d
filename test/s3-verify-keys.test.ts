/**
 * `verify --s3-bucket` copies the objects under the prefix into a temporary folder; their keys come from the bucket
 * and are not trusted. A key with `..` or `.` segments, empty segments or backslashes is a violation and is never
 * written anywhere, least of all outside that folder.
 *
 * s3rver keeps the keys it can store on disk (`p/users/..`, backslashes) and those are put with the SDK. It cannot
 * keep `p/../x` (it resolves the dots itself), which real S3 stores verbatim, so a loopback proxy adds such keys to
 * the listing and answers their GETs: the one fault here a real server cannot produce on demand.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AS_OF, synthgen, withTempDir } from './helpers/cli.js';
import { testClient } from './helpers/bucket.js';
import { forward, listenLoopback, passThrough } from './helpers/proxy.js';
import { BUCKET, type S3Server, s3Env, startS3 } from './helpers/s3.js';

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
});

/** Keys only a store that keeps keys verbatim (S3) can list. */
const INJECTED = ['keys/../escaped-by-key.parquet', 'keys/users/../../escaped-too.parquet', 'keys/_runs/../../../../escaped.json'];

interface ListingProxy {
  readonly endpoint: string;
  /** Paths of the GETs it answered for injected keys. */
  readonly servedInjected: string[];
  close(): Promise<void>;
}

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function startListingProxy(target: string): Promise<ListingProxy> {
  const upstream = new URL(target);
  const servedInjected: string[] = [];
  const injectedPaths = new Map(INJECTED.map((key) => [`/${BUCKET}/${key}`, key]));
  const server: Server = createServer((req, res) => {
    // The raw path: URL parsing would resolve the dots away, as s3rver does.
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const url = new URL(req.url ?? '/', 'http://proxy');
    if (req.method === 'GET' && injectedPaths.has(rawPath)) {
      servedInjected.push(rawPath);
      req.resume();
      const body = 'bytes that must land nowhere';
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': Buffer.byteLength(body), ETag: '"0"', 'Last-Modified': new Date(0).toUTCString() });
      res.end(body);
      return;
    }
    const listing = req.method === 'GET' && (url.pathname === `/${BUCKET}` || url.pathname === `/${BUCKET}/`) && url.searchParams.get('list-type') === '2';
    forward(upstream, req, res, (answer) => {
      if (!listing || answer.statusCode !== 200) {
        passThrough(res, answer);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        // Listed in key order, as S3 does: the keys with dots come before the dataset's own.
        const xml = Buffer.concat(chunks).toString('utf8');
        const entries = [...xml.matchAll(/<Contents>[\s\S]*?<\/Contents>/g)].map((m) => m[0]);
        for (const key of INJECTED) {
          entries.push(`<Contents><Key>${xmlEscape(key)}</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"0"</ETag><Size>28</Size><StorageClass>STANDARD</StorageClass></Contents>`);
        }
        const keyOf = (entry: string) => /<Key>([^<]*)<\/Key>/.exec(entry)?.[1] ?? '';
        entries.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
        const body = xml.replace(/<Contents>[\s\S]*<\/Contents>/, entries.join('')).replace(/<KeyCount>\d+<\/KeyCount>/, `<KeyCount>${entries.length}</KeyCount>`);
        const headers = { ...answer.headers };
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
  });
  return { ...(await listenLoopback(server)), servedInjected };
}

async function allEntries(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

test('keys that leave the prefix are violations and are written nowhere; the rest of the dataset is verified', async () => {
  await withTempDir(async (dir) => {
    const made = await synthgen(
      ['--table-names', 'users', '--num-rows', '500', '--seed', '1', '--as-of', AS_OF, '--out', 'staging', '--metadata', 'm.json', '--s3-bucket', `s3://${BUCKET}/keys`, '--s3-endpoint', s3.endpoint],
      dir,
      s3Env(),
    );
    expect(made.code, made.stderr).toBe(0);
    const client = testClient(s3.endpoint);
    // Keys s3rver keeps as they are: a `..` last segment, a `.` last segment, backslashes.
    const stored = ['keys/users/..', 'keys/_runs/.', 'keys/users\\..\\..\\escaped-backslash.parquet'];
    for (const key of stored) await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'bytes that must land nowhere' }));

    const proxy = await startListingProxy(s3.endpoint);
    // The download folder is made under TMPDIR, deep enough in the test's folder that a key climbing four levels
    // out of it still lands inside the test's folder.
    const tmp = join(dir, 'a', 'b', 'c', 'tmp');
    await mkdir(tmp, { recursive: true });
    const before = await allEntries(dir);
    const result = await synthgen(
      ['verify', '--s3-bucket', `s3://${BUCKET}/keys`, '--s3-endpoint', proxy.endpoint, '--metadata', 'm.json', '--json'],
      dir,
      { ...s3Env(), TMPDIR: tmp },
    ).finally(() => proxy.close());
    // Nothing was written anywhere: the download folder is gone and nothing appeared beside it or above it.
    expect(await allEntries(dir)).toEqual(before);
    expect(proxy.servedInjected).toEqual([]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);

    const report = JSON.parse(result.stdout) as { checks: { check: string; result: string; detail: string }[] };
    const violations = report.checks.filter((c) => c.result === 'violation');
    const objectLines = violations.filter((c) => c.check.startsWith('object '));
    expect(objectLines.map((c) => c.check).sort()).toEqual([...INJECTED, ...stored].map((key) => `object s3://${BUCKET}/${key}`).sort());
    for (const line of objectLines) expect(line.detail).toMatch(/^its key has (a "\.\." segment|a "\." segment|a backslash), so it names no file inside the prefix; not downloaded$/);
    // Only those: the dataset itself is intact and was verified.
    expect(violations).toEqual(objectLines);
    expect(report.checks.find((c) => c.check === 'users.user_id contiguous')?.result).toBe('ok');
  });
});
