/**
 * After the quick start the README writes bare `synthgen`, which a clone does not put on PATH (and the package is not
 * in the npm registry, so `npx synthgen` elsewhere finds nothing). The README says once how to get the command, and
 * what it says works: `npm link` in the clone (into a temporary prefix here, not the machine's) puts a `synthgen` on
 * PATH that runs from any folder.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { withTempDir } from './helpers/cli.js';

const root = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

test('the README says how to get the synthgen command, right after the quick start, and npm link gives it', { timeout: 600_000 }, async () => {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
  const paragraphs = quickStart.split('\n\n');
  const last = paragraphs[paragraphs.length - 1] ?? '';
  expect(last).toMatch(/`npm link`/);
  expect(last).toMatch(/alias synthgen="node \$PWD\/dist\/src\/cli\/main\.js"/);
  expect(last).toMatch(/not published/);

  await withTempDir(async (dir) => {
    const prefix = join(dir, 'prefix');
    await run('npm', ['link', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, env: { ...process.env, NPM_CONFIG_PREFIX: prefix } });
    const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    const { stdout } = await run(join(prefix, 'bin', 'synthgen'), ['--version'], { cwd: dir });
    expect(stdout.trim()).toBe(version);
  });
});
