/**
 * `synthgen remove --last-run` takes back a dataset's last run: only the files its manifest lists and that still hold
 * the bytes it recorded, then its manifest, and the metadata as it was before the run, so IDs continue from there.
 * Without --yes it lists what it would remove and changes nothing; a run a later run depends on is refused.
 * The runs it takes back are made in this process (the run API, as the CLI's --out data --metadata metadata.json);
 * every `synthgen remove` is the spawned CLI, not relaunched (SYNTHGEN_RELAUNCHED=1: not what these check).
 */
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunSummary, loadMetadata, verifyDataset } from '../dist/src/index.js';
import { type CliResult, AS_OF, checksums, exists, laterAsOf, synthgen, withTempDir } from './helpers/cli.js';
import { type EngineRun, engineRun } from './helpers/engine.js';

type Summary = RunSummary;

const FIRST: EngineRun = { tables: ['users', 'products', 'orders'], rows: { users: 40, products: 10, orders: 60 }, seed: 1, asOf: AS_OF };
const SECOND: EngineRun = { tables: ['users', 'orders'], rows: { users: 5, orders: 30 }, seed: 2, asOf: laterAsOf(1) };

/** A run in `dir` where the CLI's defaults put it (./data, ./metadata.json); its summary, as `--json` prints it. */
async function generate(run: EngineRun, dir: string): Promise<Summary> {
  return engineRun(dir, { ...run, out: join(dir, 'data'), metadataPath: join(dir, 'metadata.json') });
}

function remove(args: readonly string[], dir: string): Promise<CliResult> {
  return synthgen(['remove', ...args], dir, { SYNTHGEN_RELAUNCHED: '1' });
}

/**
 * FIRST then SECOND, made once in one folder (a run with orders costs ~1.5 CPU-seconds however few its rows): the
 * next three tests take turns on it, in file order, each leaving it as the next expects, the dataset of two runs.
 * The first takes SECOND back and makes it again (`second` is then that run), the second leaves it as it found it,
 * the third takes SECOND back for good.
 */
let dir = '';
let first: Summary;
let second: Summary;
let afterFirst = '';
let filesAfterFirst: Record<string, string> = {};
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-test-'));
  first = await generate(FIRST, dir);
  afterFirst = await readFile(join(dir, 'metadata.json'), 'utf8');
  filesAfterFirst = await checksums(join(dir, 'data'));
  second = await generate(SECOND, dir);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('remove --last-run lists, then removes the last run; IDs continue as before it and the rerun is the same bytes', async () => {
  const secondFiles = Object.values(second.tables).flatMap((t) => t.files);
  const before = await checksums(dir);

  const dry = await remove(['--last-run'], dir);
  expect(dry.code).toBe(1);
  expect(dry.stderr).toBe('synthgen: nothing was removed: pass --yes to remove what is listed\n');
  for (const file of secondFiles) expect(dry.stdout).toContain(file.path);
  expect(dry.stdout).toContain(`run ${second.run_id}`);
  expect(await checksums(dir)).toEqual(before);

  const done = await remove(['--last-run', '--yes'], dir);
  expect(done.code, done.stderr).toBe(0);
  // Users, orders and the orders' lines.
  expect(done.stdout).toMatch(new RegExp(`removed run ${second.run_id}: 3 files`));
  expect(JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'))).toEqual(JSON.parse(afterFirst));
  expect(await checksums(join(dir, 'data'))).toEqual(filesAfterFirst);
  expect(await exists(join(dir, 'metadata.json.lock'))).toBe(false);

  // The same run again takes the same IDs and writes the same bytes.
  const again = await generate(SECOND, dir);
  second = again;
  expect(Object.values(again.tables).flatMap((t) => t.files.map((f) => f.sha256))).toEqual(secondFiles.map((f) => f.sha256));
  const { metadata } = await loadMetadata(join(dir, 'metadata.json'));
  expect((await verifyDataset({ root: join(dir, 'data'), metadata, metadataFolder: dir })).ok).toBe(true);
});

test('a run that is not the last, or that a later run references, is refused; so is a held lock', async () => {
  try {
    const before = await checksums(dir);
    const refused = await remove(['--run', first.run_id, '--yes'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^synthgen: run ${first.run_id} is not the last of users: run ${second.run_id} continued it; remove that run first\\n$`));
    const unknown = await remove(['--run', 'nope', '--yes'], dir);
    expect(unknown.stderr).toMatch(/^synthgen: no run nope in \.\/metadata\.json: synthgen runs lists them\n$/);
    await writeFile(join(dir, 'metadata.json.lock'), JSON.stringify({ pid: process.pid, host: hostname(), started_at: new Date().toISOString(), command: 'test', token: 't' }));
    const locked = await remove(['--last-run', '--yes'], dir);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toMatch(/^synthgen: another synthgen run is using metadata\.json/);
    expect(await checksums(dir)).toEqual({ ...before, 'metadata.json.lock': expect.any(String) as string });
  } finally {
    // The lock this test planted goes: the next test removes a run.
    await unlink(join(dir, 'metadata.json.lock')).catch(() => undefined);
  }
});

test('a file that no longer holds what the run wrote is left in place and named', async () => {
  const changed = second.tables.orders?.files[0]?.path ?? '';
  await writeFile(changed, 'not the run\'s bytes');
  const done = await remove(['--last-run', '--yes'], dir);
  expect(done.code, done.stderr).toBe(0);
  expect(done.stdout).toContain(`left ${changed} in place: it does not hold the bytes run ${second.run_id} wrote`);
  expect(await readFile(changed, 'utf8')).toBe('not the run\'s bytes');
  expect(await exists(second.tables.users?.files[0]?.path ?? '')).toBe(false);
});

test('a run whose rows a later run references is refused, even when it is the last of its own tables', async () => {
  await withTempDir(async (own) => {
    const parents = await generate({ tables: ['users', 'products'], rows: { users: 20, products: 20 }, seed: 1, asOf: AS_OF }, own);
    const orders = await generate({ tables: ['orders'], rows: { orders: 20 }, seed: 2, asOf: laterAsOf(1) }, own);
    const before = await checksums(own);
    const refused = await remove(['--run', parents.run_id, '--yes'], own);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^synthgen: run ${parents.run_id} made (users|products) that run ${orders.run_id}'s orders reference: remove that run first\\n$`));
    expect(await checksums(own)).toEqual(before);
  });
});
