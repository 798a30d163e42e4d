/**
 * A hard link to the metadata file is a second name for it that the lock (keyed on the real path) does not see, and
 * every commit replaces the file by renaming a new one over its name, after which the other name still holds the old
 * IDs: runs through both names reserved the same IDs into one --out. A metadata file with more than one link is
 * refused, by every run through any of its names, before anything is written.
 */
import { link, readFile, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AS_OF, generate, laterAsOf, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';

const users = (asOf: string, metadata: string) => ['--table-names', 'users', '--num-rows', '500', '--seed', '1', '--as-of', asOf, '--out', 'data', '--metadata', metadata];

describe('a metadata file with a hard link', () => {
  test('is refused through either name with one line, exit 2, and nothing written; unlinked, runs go on', async () => {
    await withTempDir(async (dir) => {
      await generate(users(AS_OF, 'm.json'), dir);
      await link(join(dir, 'm.json'), join(dir, 'm2.json'));
      const before = await readFile(join(dir, 'm.json'), 'utf8');
      const files = await readdir(join(dir, 'data', 'users'));

      for (const [n, name] of [[1, 'm.json'], [2, 'm2.json']] as const) {
        const refused = await synthgen(users(laterAsOf(n), name), dir);
        expect(refused.code, refused.stderr).toBe(2);
        const lines = refused.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(new RegExp(`^synthgen: metadata file ${name.replace('.', '\\.')} has 2 hard links`));
        expect(lines[0]).toContain('-samefile');
      }
      expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(before);
      expect(await readFile(join(dir, 'm2.json'), 'utf8')).toBe(before);
      expect(await readdir(join(dir, 'data', 'users'))).toEqual(files);
      expect((await readdir(dir)).filter((name) => name.includes('.lock') || name.includes('pending')).sort()).toEqual([]);

      await unlink(join(dir, 'm2.json'));
      await generate(users(laterAsOf(3), 'm.json'), dir);
      const [keys] = await query(`SELECT count(*) AS n, count(DISTINCT user_id) AS d FROM ${await tableSql(join(dir, 'data'), 'users')}`);
      expect(keys).toEqual({ n: '1000', d: '1000' });
    });
  });
});
