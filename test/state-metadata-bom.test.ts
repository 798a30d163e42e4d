/** Editors on some systems save JSON with a UTF-8 byte order mark; it is not corruption. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { emptyMetadata, loadMetadata } from '../dist/src/state/metadata.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('current-format metadata with a BOM loads', async () => {
  await writeFile(join(dir, 'm.json'), `\uFEFF${JSON.stringify({ ...emptyMetadata(), tables: { users: { last_id: 5, segments: [] } } })}`);
  const loaded = await loadMetadata(join(dir, 'm.json'));
  expect(loaded.metadata.tables.users?.last_id).toBe(5);
  expect(loaded.legacy).toBe(false);
});

test('legacy metadata with a BOM is migrated', async () => {
  await writeFile(join(dir, 'm.json'), `\uFEFF${JSON.stringify({ users: [1, 2, 3] })}`);
  const loaded = await loadMetadata(join(dir, 'm.json'));
  expect(loaded.legacy).toBe(true);
  expect(loaded.metadata.tables.users?.last_id).toBe(3);
});

test('a BOM anywhere but the start is still corruption', async () => {
  await writeFile(join(dir, 'm.json'), `{\uFEFF"users": [1]}`);
  await expect(loadMetadata(join(dir, 'm.json'))).rejects.toThrow(/is corrupt: not valid JSON/);
});
