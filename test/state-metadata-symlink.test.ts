/** Committing through a symlinked metadata path writes the file it points to and leaves the symlink in place. */
import { lstat, mkdir, mkdtemp, readFile, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type Metadata, commitMetadata, emptyMetadata, loadMetadata } from '../dist/src/state/metadata.js';

let dir = '';
beforeEach(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'synthgen-state-')));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const next: Metadata = {
  ...emptyMetadata(),
  tables: { users: { last_id: 10, segments: [{ first_id: 1, last_id: 10, seed: 1, as_of: '2026-01-01T00:00:00.000Z', version: 1, run_id: 'r1' }] } },
};

test('an existing metadata file behind a symlink is replaced, the symlink is kept', async () => {
  await mkdir(join(dir, 'store'));
  await writeFile(join(dir, 'store', 'm.json'), JSON.stringify(emptyMetadata()));
  await symlink('store/m.json', join(dir, 'link.json'));
  const loaded = await loadMetadata(join(dir, 'link.json'));
  expect(loaded.exists).toBe(true);
  await commitMetadata(join(dir, 'link.json'), next, loaded);
  expect((await lstat(join(dir, 'link.json'))).isSymbolicLink()).toBe(true);
  expect(JSON.parse(await readFile(join(dir, 'store', 'm.json'), 'utf8'))).toEqual(next);
  expect(await readdir(join(dir, 'store'))).toEqual(['m.json']);
});

test('a dangling symlink: the commit creates the file it points to (and its folder)', async () => {
  await symlink('new/m.json', join(dir, 'link.json'));
  const loaded = await loadMetadata(join(dir, 'link.json'));
  expect(loaded.exists).toBe(false);
  await commitMetadata(join(dir, 'link.json'), next, loaded);
  expect((await lstat(join(dir, 'link.json'))).isSymbolicLink()).toBe(true);
  expect(JSON.parse(await readFile(join(dir, 'new', 'm.json'), 'utf8'))).toEqual(next);
});

test('a legacy file behind a symlink is backed up beside the real file', async () => {
  await writeFile(join(dir, 'm.json'), JSON.stringify({ users: [1, 2, 3] }));
  await symlink('m.json', join(dir, 'link.json'));
  const loaded = await loadMetadata(join(dir, 'link.json'));
  await commitMetadata(join(dir, 'link.json'), next, loaded);
  expect((await lstat(join(dir, 'link.json'))).isSymbolicLink()).toBe(true);
  expect(await readFile(join(dir, 'm.json.legacy.bak'), 'utf8')).toBe(JSON.stringify({ users: [1, 2, 3] }));
  expect((await readdir(dir)).sort()).toEqual(['link.json', 'm.json', 'm.json.legacy.bak']);
});
