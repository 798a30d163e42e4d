/**
 * Generating with upload to a local S3 server (s3rver, in this process, writing to this disk) against generating
 * locally only, interleaved; the ratio is taken within each round. The local server's own CPU and disk work
 * competes with generation on the same cores, which a real, remote S3 would not.
 */
import { mkdtemp } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { cpuMs, fixed, median, ordersRun, perRoundMedian } from '../cli.js';
import { E2E_ORDERS, REPEATS } from '../settings.js';

export type S3Result = Awaited<ReturnType<typeof s3Overhead>>;

export async function s3Overhead(scratch: string, metadata: string) {
  const { default: S3rver } = await import('s3rver');
  const directory = await mkdtemp(join(scratch, 's3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'bench', configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
  const cores = availableParallelism();
  const local: number[] = [];
  const uploaded: number[] = [];
  const throughput: number[] = [];
  // s3rver runs in this process, which does nothing else meanwhile: its CPU time is the local server's cost, CPU a
  // remote S3 would not take from generation.
  const serverCpu: number[] = [];
  try {
    for (let round = 0; round < REPEATS; round += 1) {
      local.push((await ordersRun(scratch, metadata, cores, E2E_ORDERS, `l${round}`)).seconds);
      const before = cpuMs();
      const run = await ordersRun(scratch, metadata, cores, E2E_ORDERS, `s${round}`, {
        args: ['--s3-bucket', `s3://bench/round${round}`, '--s3-endpoint', `http://127.0.0.1:${port}`],
        env,
      });
      serverCpu.push((cpuMs() - before) / 1000);
      uploaded.push(run.seconds);
      throughput.push(run.uploadMBps);
      console.error(`s3 round ${round}: local ${local[round]?.toFixed(2)} s, with upload ${run.seconds.toFixed(2)} s`);
    }
  } finally {
    await server.close();
  }
  return {
    orders: E2E_ORDERS,
    local_seconds: fixed(median(local), 2),
    with_upload_seconds: fixed(median(uploaded), 2),
    ratio: fixed(perRoundMedian(uploaded, local, (up, here) => up / here), 2),
    upload_mb_per_s: fixed(median(throughput), 1),
    server_cpu_seconds: fixed(median(serverCpu), 2),
    // Had the server's CPU time come out of generation's cores and nothing else been added: local time plus it.
    ratio_from_server_cpu: fixed(perRoundMedian(local, serverCpu, (here, cpu) => (here + cpu / cores) / here), 2),
  };
}
