/** The README's Quick start runs `npx synthgen` in a fresh clone: the built CLI must be there and executable. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '..');

test('npx synthgen runs the built CLI from the project folder', async () => {
  const { version } = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8')) as { version: string };
  const { stdout } = await promisify(execFile)('npx', ['--no-install', 'synthgen', '--version'], { cwd: root });
  expect(stdout.trim()).toBe(version);
});
