/**
 * `synthgen remove --all --yes` removes a whole dataset: every file its runs' manifests list, the manifests and the
 * metadata file. Anything else in the folder (a file of the user's) stays.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, checksums, exists, generate, laterAsOf, synthgen, withTempDir } from './helpers/cli.js';

test('remove --all removes every run, the manifests and the metadata, and nothing else', async () => {
  await withTempDir(async (dir) => {
    await generate(['--table-names', 'users,products,orders', '--num-rows', '30', '--seed', '1', '--as-of', AS_OF], dir);
    await generate(['--table-names', 'orders', '--num-rows', '20', '--seed', '2', '--as-of', laterAsOf(1)], dir);
    await writeFile(join(dir, 'data', 'users', 'notes.txt'), 'mine');
    await mkdir(join(dir, 'data', 'other'));
    await writeFile(join(dir, 'data', 'other', 'x.parquet'), 'mine too');
    const before = await checksums(dir);

    const dry = await synthgen(['remove', '--all'], dir);
    expect(dry.code).toBe(1);
    expect(await checksums(dir)).toEqual(before);

    const done = await synthgen(['remove', '--all', '--yes'], dir);
    expect(done.code, done.stderr).toBe(0);
    // Users, products, orders and the orders' lines, then orders and their lines again.
    expect(done.stdout).toMatch(/removed 2 runs: 6 files/);
    expect(await exists(join(dir, 'metadata.json'))).toBe(false);
    expect(await checksums(dir)).toEqual({ 'data/users/notes.txt': before['data/users/notes.txt'], 'data/other/x.parquet': before['data/other/x.parquet'] });
    // Folders the runs made and left empty are gone too.
    expect((await readdir(join(dir, 'data'))).sort()).toEqual(['other', 'users']);
  });
});

test('remove with nothing recorded is one line', async () => {
  await withTempDir(async (dir) => {
    const result = await synthgen(['remove', '--all', '--yes'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^synthgen: no metadata file \.\/metadata\.json: /);
  });
});
