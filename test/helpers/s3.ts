/**
 * A real S3 server for tests: s3rver (an S3 REST implementation) on a free loopback port, with its own folder, and a
 * fault proxy in front of it that can fail a share of requests (503 SlowDown, reset connections, slow answers) or all
 * of them (503 ServiceUnavailable: a store that is down).
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { forward, listenLoopback } from './proxy.js';

export const BUCKET = 'synthgen-test';

/** What the CLI needs to reach the test server: s3rver's fixed credentials, no instance-metadata lookups. */
export function s3Env(): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

export interface S3Server {
  readonly endpoint: string;
  readonly directory: string;
  /** A client of the server with its fixed credentials, for a test to look at or plant objects. */
  client(): S3Client;
  close(): Promise<void>;
}

export async function startS3(buckets: readonly string[] = [BUCKET]): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'synthgen-s3rver-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const address = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    directory,
    client: () =>
      new S3Client({ region: 'us-east-1', endpoint: `http://127.0.0.1:${address.port}`, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }),
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export interface FaultPlan {
  /** Every request whose 1-based number n has n % failEvery === 0 gets a 503 SlowDown (throttling). 0: never. */
  failEvery: number;
  /** Every request with n % resetEvery === 0 has its connection destroyed. 0: never. */
  resetEvery: number;
  /** Every request with n % slowEvery === 0 is held this long before it is forwarded. */
  slowEvery: number;
  slowMs: number;
  /** Fail everything (a store that is down): 503 ServiceUnavailable. */
  down: boolean;
  /** Fail every request after this many (a store that goes down mid-run). 0: never. */
  downAfter: number;
}

export interface FaultProxy {
  readonly endpoint: string;
  readonly plan: FaultPlan;
  requests: number;
  faults: number;
  /** `METHOD path?query` of every request forwarded, in arrival order. */
  readonly forwarded: string[];
  close(): Promise<void>;
}

/** A loopback HTTP proxy to `target` that injects faults by request count (deterministic, so tests can reason). */
export async function startFaultProxy(target: string, plan: Partial<FaultPlan> = {}): Promise<FaultProxy> {
  const upstream = new URL(target);
  const state: FaultProxy = {
    endpoint: '',
    plan: { failEvery: 0, resetEvery: 0, slowEvery: 0, slowMs: 0, down: false, downAfter: 0, ...plan },
    requests: 0,
    faults: 0,
    forwarded: [],
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    state.requests += 1;
    const n = state.requests;
    const p = state.plan;
    const fail = (code: string, message: string) => {
      state.faults += 1;
      req.resume();
      res.writeHead(503, { 'Content-Type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
    };
    // A store that is down says so (the SDK retries it as a transient error, 50 ms x 2^n apart); one asking a client
    // to slow down is throttling, retried 1 s x 2^n apart (a down store answering that would wait ~8 s a request).
    if (p.down || (p.downAfter > 0 && n > p.downAfter)) return fail('ServiceUnavailable', 'Service is unable to handle request.');
    if (p.failEvery > 0 && n % p.failEvery === 0) return fail('SlowDown', 'Please reduce your request rate.');
    if (p.resetEvery > 0 && n % p.resetEvery === 0) {
      state.faults += 1;
      req.socket.destroy();
      return;
    }
    const pass = () => {
      state.forwarded.push(`${req.method} ${req.url}`);
      forward(upstream, req, res);
    };
    if (p.slowEvery > 0 && n % p.slowEvery === 0) setTimeout(pass, p.slowMs);
    else pass();
  });
  return Object.assign(state, await listenLoopback(server));
}
