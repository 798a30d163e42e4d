/**
 * verify must not spread per-run, per-file or per-segment lists into a call (Math.min(...ranges)): past ~125,000
 * items that overflows the stack. Nor may it compare every run with every manifest. A real dataset gets 150,000
 * more manifests (each claiming one users ID it has no file for), or a metadata with 200,000 users segments and
 * runs elsewhere, and verify must report, not throw.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Metadata, RunRecord } from '../dist/src/state/metadata.js';
import type { Segment } from '../dist/src/records/segment.js';
import { verifyDataset } from '../dist/src/index.js';
import { AS_OF } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';

const EXTRA_MANIFESTS = 150_000;
/** 150,000 small files: on this machine's disk ~40 s to write, on tmpfs under 2 s. */
const SCRATCH = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const ELSEWHERE_RUNS = 200_000;

/**
 * Removes a folder of 150,000 files: rm(1) takes ~1 s of the kernel's time, Node's recursive rm ~3.5 CPU-seconds
 * (a call through libuv's thread pool per file).
 */
async function removeMany(dir: string): Promise<void> {
  const removed = spawnSync('rm', ['-rf', '--', dir]);
  // Where there is no rm(1), or it failed, Node removes what is left.
  if (removed.status !== 0) await rm(dir, { recursive: true, force: true });
}

let dataset = '';
beforeAll(async () => {
  dataset = await mkdtemp(join(tmpdir(), 'synthgen-verify-many-'));
  // In this process (the run API), as --out data --metadata m.json: the checks below are verify's, through its API too.
  await engineRun(dataset, { tables: ['users', 'products', 'orders'], rows: { users: 100, products: 20, orders: 200 }, seed: 3, asOf: AS_OF });
}, 60_000);
afterAll(async () => {
  if (dataset) await rm(dataset, { recursive: true, force: true });
});

function manifest(index: number): string {
  const id = 1000 + index;
  return JSON.stringify({
    format: 'synthgen-run-manifest',
    format_version: 1,
    run_id: `bulk-${index}`,
    versions: { synthgen: '0.1.0' },
    table_versions: { users: 1 },
    seed: 1,
    as_of: AS_OF,
    started_at: AS_OF,
    command: 'synthgen',
    arguments: { tables: ['users'], rows: { users: 1 }, file_size_limit_mb: 100 },
    tables: { users: { first_id: id, last_id: id, rows: 1 } },
    files: [],
  });
}

async function metadataOf(dir: string): Promise<Metadata> {
  return JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')) as Metadata;
}

test('150,000 manifests: a report, no stack overflow', async () => {
  const dir = await mkdtemp(join(SCRATCH, 'synthgen-verify-many-'));
  try {
    await cp(dataset, dir, { recursive: true });
    const runs = join(dir, 'data', '_runs');
    for (let index = 0; index < EXTRA_MANIFESTS; index += 1) writeFileSync(join(runs, `bulk-${index}.json`), manifest(index));
    const report = await verifyDataset({ root: join(dir, 'data'), metadata: await metadataOf(dir) });
    expect(report.runs).toBe(EXTRA_MANIFESTS + 1);
    const contiguous = report.checks.find((c) => c.check === 'users.user_id contiguous');
    expect(contiguous?.detail).toBe(`IDs 1-100 present with ${EXTRA_MANIFESTS} missing (user_id 1000, 1001, 1002, 1003, 1004 and ${EXTRA_MANIFESTS - 5} more); the manifests give 1-100, 1000-${999 + EXTRA_MANIFESTS}`);
    expect(report.checks.filter((c) => c.result === 'violation').map((c) => c.check)).toEqual(['users.user_id contiguous']);
  } finally {
    await removeMany(dir);
  }
}, 120_000);

test('200,000 segments and runs elsewhere: summed up in one line, references checked against them', async () => {
  const real = await metadataOf(dataset);
  const users = real.tables.users;
  if (!users) throw new Error('no users in the metadata');
  // Users IDs of runs elsewhere, above the dataset's.
  const base = 1_000;
  const segments: Segment[] = [];
  const records: RunRecord[] = [];
  for (let i = 0; i < ELSEWHERE_RUNS; i += 1) {
    const runId = `elsewhere-${i}`;
    segments.push({ first_id: base + 2 * i, last_id: base + 2 * i + 1, seed: i, as_of: AS_OF, version: 1, run_id: runId });
    records.push({
      run_id: runId,
      started_at: AS_OF,
      finished_at: AS_OF,
      seed: i,
      as_of: AS_OF,
      command: 'synthgen',
      tables: { users: { first_id: base + 2 * i, last_id: base + 2 * i + 1, files: 1, bytes: 1 } },
      manifest: `/nowhere/else-${i % 7}/_runs/${runId}.json`,
    });
  }
  const metadata: Metadata = {
    ...real,
    tables: { ...real.tables, users: { last_id: base + 2 * ELSEWHERE_RUNS, segments: [...users.segments, ...segments] } },
    runs: [...real.runs, ...records],
  };
  const report = await verifyDataset({ root: join(dataset, 'data'), metadata });
  expect(report.checks.filter((c) => c.result === 'violation')).toEqual([]);
  const runLines = report.checks.filter((c) => c.check.startsWith('run ') || c.check.endsWith(' runs elsewhere'));
  expect(runLines.map((c) => [c.check, c.result])).toEqual([[`${ELSEWHERE_RUNS} runs elsewhere`, 'skipped']]);
  expect(report.checks.find((c) => c.check === 'orders.user_id -> users')?.detail).toMatch(/^every reference resolves: 200 to users rows here, 0 to users IDs of runs whose files are elsewhere \(by the metadata\)$/);
}, 120_000);
