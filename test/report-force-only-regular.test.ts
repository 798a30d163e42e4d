/**
 * `report --force` replaces only a regular file. A FIFO, a socket, a character device, a folder or a symbolic link
 * at --file (even one pointing at a regular file) is one line and exit 2, with or without --force, and is left as it
 * was: same kind, same target, same content, no temporary file beside it. The device is made with mknod in a
 * temporary folder (major 1, minor 3: what /dev/null is), only when the test runs as root; the real /dev/null is
 * never touched. The last test replaces a regular file with a FIFO between the check and the write, and the write
 * still refuses it.
 */
import { execFile } from 'node:child_process';
import { type Stats, mkdirSync } from 'node:fs';
import { lstat, mkdtemp, readFile, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { synthgen } from './helpers/cli.js';
import { tinyDataset } from './helpers/reportRun.js';
import { UserError } from '../dist/src/errors/userError.js';
import { checkReportPath, writeReportFile } from '../dist/src/report/writeReportFile.js';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-report-force-'));
  await tinyDataset(dir);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What is at a path, as the test compares it before and after: its kind, device numbers, link target, mode and inode. */
async function identity(path: string): Promise<string> {
  const stats: Stats = await lstat(path);
  const target = stats.isSymbolicLink() ? await readlink(path) : '';
  return JSON.stringify({ ino: stats.ino, mode: stats.mode, rdev: stats.rdev, size: stats.isFile() ? stats.size : 0, target });
}

/** Runs `report --file <name>` with and without --force: each is refused in one line naming the kind, nothing changes. */
async function expectRefused(folder: string, name: string, kind: RegExp): Promise<void> {
  const path = join(folder, name);
  const before = await identity(path);
  for (const force of [true, false]) {
    const result = await synthgen(['report', '--out', join(dir, 'data'), '--file', path, ...(force ? ['--force'] : [])], dir);
    expect(result.code, result.stderr).toBe(2);
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^synthgen: cannot write \S+: it is an? /);
    expect(lines[0]).toMatch(kind);
    expect(lines[0]).toMatch(/only a regular file/);
    expect(result.stderr).not.toMatch(/internal error|\bat .*\.js:\d+/);
    expect(result.stdout).toBe('');
    expect(await identity(path), `${name} changed (force: ${force})`).toBe(before);
  }
  expect((await readdir(folder)).filter((entry) => entry.endsWith('.tmp'))).toEqual([]);
}

/** A fresh folder for one case, inside the test's folder. */
async function caseFolder(name: string): Promise<string> {
  const folder = join(dir, name);
  mkdirSync(folder);
  return folder;
}

describe('--force replaces only a regular file', () => {
  test('a FIFO is refused and stays a FIFO', async () => {
    const folder = await caseFolder('fifo');
    await run('mkfifo', [join(folder, 'report.html')]);
    await expectRefused(folder, 'report.html', /FIFO/);
    expect((await lstat(join(folder, 'report.html'))).isFIFO()).toBe(true);
  });

  test('a symbolic link to a regular file is refused: neither the link nor the file it points at changes', async () => {
    const folder = await caseFolder('link');
    await writeFile(join(folder, 'mine.html'), 'my own page\n');
    await symlink('mine.html', join(folder, 'report.html'));
    await expectRefused(folder, 'report.html', /symbolic link/);
    expect(await readFile(join(folder, 'mine.html'), 'utf8')).toBe('my own page\n');
    expect(await readlink(join(folder, 'report.html'))).toBe('mine.html');
  });

  test('a dangling symbolic link is refused and left dangling', async () => {
    const folder = await caseFolder('dangling');
    await symlink(join(folder, 'nowhere.html'), join(folder, 'report.html'));
    await expectRefused(folder, 'report.html', /symbolic link/);
    expect(await readdir(folder)).toEqual(['report.html']);
  });

  test('a socket is refused and stays a socket', async () => {
    const folder = await caseFolder('socket');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(folder, 'report.html'), resolve));
    try {
      await expectRefused(folder, 'report.html', /socket/);
      expect((await lstat(join(folder, 'report.html'))).isSocket()).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test.skipIf(!isRoot)('a character device (made with mknod in a temporary folder, as root) is refused and stays one', async () => {
    const folder = await caseFolder('device');
    await run('mknod', ['-m', '666', join(folder, 'null'), 'c', '1', '3']);
    await expectRefused(folder, 'null', /character device/);
    expect((await lstat(join(folder, 'null'))).isCharacterDevice()).toBe(true);
  });

  test('a regular file is still replaced with --force', async () => {
    const folder = await caseFolder('regular');
    await writeFile(join(folder, 'report.html'), 'an older report\n');
    const result = await synthgen(['report', '--out', join(dir, 'data'), '--file', join(folder, 'report.html'), '--force'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect((await readFile(join(folder, 'report.html'), 'utf8')).startsWith('<!doctype html>')).toBe(true);
  });
});

test('a FIFO put at the path after the check is refused by the write itself', async () => {
  const folder = await caseFolder('race');
  const path = join(folder, 'report.html');
  await writeFile(path, 'an older report\n');
  await checkReportPath(path, true);
  await rm(path);
  await run('mkfifo', [path]);
  const refusal = await writeReportFile(path, '<!doctype html>\n', true).catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(UserError);
  expect((refusal as UserError).message).toMatch(/it is a FIFO \(named pipe\)/);
  expect((await lstat(path)).isFIFO()).toBe(true);
  expect((await readdir(folder)).sort()).toEqual(['report.html']);
});
