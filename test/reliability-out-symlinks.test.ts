/**
 * A run writes only into real folders inside --out: with `<out>/_runs` a symbolic link the manifest went wherever it
 * pointed (`/etc`), with `<out>/<table>` one the Parquet files did (and verify then rejected the dataset). A run
 * refuses either, with one line and exit code 2, before it writes anything; an S3 run's staging folder (--out) too.
 */
import { mkdir, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AS_OF, exists, synthgen, withTempDir } from './helpers/cli.js';
import { BUCKET, type S3Server, s3Env, startS3 } from './helpers/s3.js';

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3.close();
});

const USERS = ['--table-names', 'users', '--num-rows', '200', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];

/** Every file and folder under `dir`, as paths relative to it (symbolic links not followed). */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

/** Runs `args` in `dir` with `<out>/<folder>` a symlink to an empty folder elsewhere: refused, nothing written. */
async function refusedThroughLink(dir: string, folder: string, args: readonly string[], env: Record<string, string> = {}): Promise<void> {
  const elsewhere = join(dir, 'elsewhere');
  await mkdir(elsewhere);
  await mkdir(join(dir, 'data'));
  await symlink(elsewhere, join(dir, 'data', folder));
  const before = await tree(dir);
  const result = await synthgen(args, dir, env);
  expect(result.code, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^synthgen: output folder data/${folder} is a symbolic link \\(to ${elsewhere.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\): .*pass another --out`));
  expect(await readdir(elsewhere)).toEqual([]);
  expect(await tree(dir)).toEqual(before);
  expect(await exists(join(dir, 'm.json'))).toBe(false);
}

describe('a run refuses symbolic links inside --out', () => {
  test('<out>/_runs', async () => {
    await withTempDir((dir) => refusedThroughLink(dir, '_runs', USERS));
  });

  test('<out>/<table>', async () => {
    await withTempDir((dir) => refusedThroughLink(dir, 'users', USERS));
  });

  test('a dangling <out>/_runs is refused too, not created through', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'data'));
      await symlink(join(dir, 'nowhere'), join(dir, 'data', '_runs'));
      const result = await synthgen(USERS, dir);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/output folder data\/_runs is a symbolic link/);
      expect(await exists(join(dir, 'nowhere'))).toBe(false);
    });
  });

  test("an S3 run's staging folders", async () => {
    const s3Args = [...USERS, '--s3-bucket', `s3://${BUCKET}/links`, '--s3-endpoint', s3.endpoint];
    await withTempDir((dir) => refusedThroughLink(dir, 'users', s3Args, s3Env()));
    await withTempDir((dir) => refusedThroughLink(dir, '_runs', s3Args, s3Env()));
  });

  test('a run goes on when --out itself is a symbolic link to a folder', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'real'));
      await symlink(join(dir, 'real'), join(dir, 'data'));
      const result = await synthgen(USERS, dir);
      expect(result.code, result.stderr).toBe(0);
      expect((await readdir(join(dir, 'real', 'users'))).filter((name) => name.endsWith('.parquet'))).toHaveLength(1);
      expect(await readdir(join(dir, 'real', '_runs'))).toHaveLength(1);
    });
  });
});
