/**
 * One metadata file may cover runs written to different places: users and products generated into ./data, then
 * users, products and orders into S3, then users and orders into ./data again. Each place holds only some runs'
 * files, so verifying it must check references to the other place's parent IDs against the metadata's ranges, not
 * count them as orphans, and must not call the other place's runs missing. References to IDs of a run that is
 * here still have to resolve to its files.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AS_OF, laterAsOf, synthgen, withTempDir } from './helpers/cli.js';
import { type Report, violations } from './helpers/report.js';
import { BUCKET, type S3Server, s3Env, startS3 } from './helpers/s3.js';

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
});

const common = ['--seed', '9', '--metadata', 'm.json'];
const target = `s3://${BUCKET}/mixed`;

/** One run; each on top of another passes a later as-of (a run continues its tables from their last as-of). */
async function run(dir: string, args: readonly string[], asOf: string): Promise<void> {
  const result = await synthgen([...args, ...common, '--as-of', asOf], dir, s3Env());
  expect(result.code, result.stderr).toBe(0);
}

async function verify(dir: string, where: readonly string[]): Promise<{ code: number | null; report: Report }> {
  const result = await synthgen(['verify', ...where, '--metadata', 'm.json', '--json'], dir, s3Env());
  expect(result.stderr).toBe('');
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

const byName = (report: Report, check: string) => report.checks.find((c) => c.check === check);

test('each place verifies clean, with references to the other place checked against the metadata', async () => {
  await withTempDir(async (dir) => {
    await run(dir, ['--table-names', 'users,products', '--num-rows', 'users=3000,products=500', '--out', 'data'], AS_OF);
    await run(dir, ['--table-names', 'users,products,orders', '--num-rows', 'users=2000,products=300,orders=6000', '--out', 'staging', '--s3-bucket', target, '--s3-endpoint', s3.endpoint], laterAsOf(1));
    await run(dir, ['--table-names', 'users,orders', '--num-rows', 'users=1000,orders=5000', '--out', 'data'], laterAsOf(2));
    const metadata = JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')) as { runs: { run_id: string; manifest: string }[] };
    const [first, second, third] = metadata.runs;

    const local = await verify(dir, ['--out', 'data']);
    expect(violations(local.report)).toEqual([]);
    expect(local.code).toBe(0);
    expect(byName(local.report, 'users.user_id contiguous')).toEqual({ check: 'users.user_id contiguous', result: 'ok', detail: 'IDs 1-3000, 5001-6000, none missing' });
    expect(byName(local.report, 'orders.user_id -> users')?.result).toBe('ok');
    expect(byName(local.report, 'orders.user_id -> users')?.detail).toMatch(/^every reference resolves: \d+ to users rows here, \d+ to users IDs of runs whose files are elsewhere \(by the metadata\)$/);
    expect(byName(local.report, 'order_items.product_id -> products')?.detail).toMatch(/^every reference resolves: \d+ to products rows here, \d+ to products IDs of runs whose files are elsewhere \(by the metadata\)$/);
    expect(byName(local.report, `run ${second?.run_id}`)).toEqual({
      check: `run ${second?.run_id}`,
      result: 'skipped',
      detail: `its files are elsewhere (its manifest is ${second?.manifest}); references to its IDs are checked against the metadata`,
    });

    const remote = await verify(dir, ['--s3-bucket', target, '--s3-endpoint', s3.endpoint]);
    expect(violations(remote.report)).toEqual([]);
    expect(remote.code).toBe(0);
    expect(byName(remote.report, 'users.user_id contiguous')?.detail).toBe('IDs 3001-5000, none missing');
    expect(byName(remote.report, 'orders.user_id -> users')?.detail).toMatch(/^every reference resolves: \d+ to users rows here, \d+ to users IDs of runs whose files are elsewhere \(by the metadata\)$/);
    for (const elsewhere of [first, third]) expect(byName(remote.report, `run ${elsewhere?.run_id}`)?.result).toBe('skipped');

    // A run that is here still answers for its IDs: without its users file, references to them are orphans.
    const thirdUsers = (JSON.parse(await readFile(join(dir, 'data', '_runs', `${third?.run_id}.json`), 'utf8')) as { files: { table: string; path: string }[] }).files.filter(
      (f) => f.table === 'users',
    );
    for (const file of thirdUsers) await rm(join(dir, 'data', file.path));
    const damaged = await verify(dir, ['--out', 'data']);
    expect(damaged.code).toBe(1);
    expect(byName(damaged.report, 'orders.user_id -> users')?.detail).toMatch(/^\d+ rows reference a users row that does not exist: order_id \d+(, \d+){4} and \d+ more$/);
    expect(byName(damaged.report, 'order_items.product_id -> products')?.result).toBe('ok');
  });
});
