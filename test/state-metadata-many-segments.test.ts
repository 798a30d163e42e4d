/**
 * A table may have hundreds of thousands of segments (one per run). Reading and committing such a file must not
 * spread them into a call (Math.max(...segments)) or recurse over them: both overflow the stack.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type Metadata, commitMetadata, emptyMetadata, loadMetadata } from '../dist/src/state/metadata.js';
import type { Segment } from '../dist/src/records/segment.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('200,000 segments load and commit', async () => {
  const segments: Segment[] = [];
  for (let i = 0; i < 200_000; i += 1) segments.push({ first_id: 2 * i + 1, last_id: 2 * i + 2, seed: i, as_of: '2026-01-01T00:00:00.000Z', version: 1, run_id: `r${i}` });
  const metadata: Metadata = { ...emptyMetadata(), tables: { users: { last_id: 400_000, segments } } };
  const path = join(dir, 'm.json');
  await writeFile(path, JSON.stringify(metadata));
  const loaded = await loadMetadata(path);
  expect(loaded.metadata.tables.users?.segments).toHaveLength(200_000);
  expect(loaded.metadata.tables.users?.segments[199_999]).toEqual(segments[199_999]);
  await commitMetadata(path, loaded.metadata, loaded);
  expect((await loadMetadata(path)).metadata).toEqual(metadata);
});
