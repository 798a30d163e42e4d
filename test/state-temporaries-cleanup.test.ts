/**
 * A kill or a full disk can leave the temporary files of atomicWrite and of the lock beside the metadata. The next
 * run removes them once it holds the lock (which proves no other run is writing them): exactly those names, and lock
 * temporaries only when the process that made them is gone. Nothing else is touched.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { acquireRunLock } from '../dist/src/state/runLock.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('leftover temporaries are removed when the lock is taken; everything else is left', async () => {
  const dead = spawnSync('true').pid;
  expect(dead).toBeGreaterThan(0);
  const removed = [
    'm.json.0a1b2c3d.tmp',
    'm.json.pending.json.deadbeef.tmp',
    `m.json.lock.${dead}.0a1b2c3d.tmp`,
    `m.json.lock.takeover.${dead}.0a1b2c3d.tmp`,
  ];
  const kept = [
    'm.json',
    'm.json.pending.json',
    'm.json.legacy.bak',
    `m.json.lock.${process.pid}.0a1b2c3d.tmp`, // its process is alive: it may be taking the lock right now
    'm.json.0a1b2c3.tmp',
    'm.json.0a1b2c3d0.tmp',
    'm.json.0A1B2C3D.tmp',
    'm.json.0a1b2c3d.tmp.keep',
    'mxjson.0a1b2c3d.tmp',
    'other.json.0a1b2c3d.tmp',
    'm.json.other.json.0a1b2c3d.tmp',
    `m.json.lock.${dead}x.0a1b2c3d.tmp`,
    'notes.tmp',
  ];
  for (const name of [...removed, ...kept]) await writeFile(join(dir, name), name === 'm.json' ? '{"users": [1]}' : '');
  await mkdir(join(dir, 'm.json.99999999.tmp'));

  const lock = await acquireRunLock({ metadataPath: join(dir, 'm.json'), command: 'test' });
  try {
    expect((await readdir(dir)).sort()).toEqual([...kept, 'm.json.99999999.tmp', 'm.json.lock'].sort());
  } finally {
    await lock.release();
  }
});

test('a metadata name with regular-expression characters matches only itself', async () => {
  await writeFile(join(dir, 'm+(1).json.0a1b2c3d.tmp'), '');
  await writeFile(join(dir, 'mm(1).json.0a1b2c3d.tmp'), '');
  const lock = await acquireRunLock({ metadataPath: join(dir, 'm+(1).json'), command: 'test' });
  try {
    expect((await readdir(dir)).sort()).toEqual(['m+(1).json.lock', 'mm(1).json.0a1b2c3d.tmp']);
  } finally {
    await lock.release();
  }
});
