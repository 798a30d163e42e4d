/**
 * `synthgen init` writes a modeline pointing editors (yaml-language-server) at synthgen's JSON Schema. It must name
 * the file shipped with the installed package, which an editor can read offline, from wherever init was run: a path
 * relative to the written file when the package is beside it, else an absolute one.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { synthgen, withTempDir } from './helpers/cli.js';

const SHIPPED = resolve(import.meta.dirname, '../schema/synthgen.schema.json');

/** Where the modeline of `file` points, resolved as yaml-language-server does: relative to the file's folder. */
async function schemaOf(file: string): Promise<string> {
  const first = (await readFile(file, 'utf8')).split('\n')[0] ?? '';
  const match = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
  expect(match, first).not.toBeNull();
  const link = match?.[1] ?? '';
  expect(link).not.toMatch(/^https?:/);
  return isAbsolute(link) ? link : resolve(dirname(file), link);
}

test('the modeline names the JSON Schema shipped with the package, from another folder', async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, 'nested'));
    const result = await synthgen(['init', '--schema', 'nested/saas.yaml'], dir);
    expect(result.code, result.stderr).toBe(0);
    const target = await schemaOf(join(dir, 'nested', 'saas.yaml'));
    expect(target).toBe(SHIPPED);
    expect(await readFile(target, 'utf8')).toBe(await readFile(SHIPPED, 'utf8'));
  });
});

test('a file written beside the package links it relatively, so the link holds wherever the project is cloned', async () => {
  await withTempDir(async (dir) => {
    // Run from a temporary folder, writing into the package's own examples folder (removed after).
    const file = resolve(import.meta.dirname, `../examples/init-link-${process.pid}.yaml`);
    try {
      const result = await synthgen(['init', '--schema', file], dir);
      expect(result.code, result.stderr).toBe(0);
      const first = (await readFile(file, 'utf8')).split('\n')[0];
      expect(first).toBe('# yaml-language-server: $schema=../schema/synthgen.schema.json');
      expect(await schemaOf(file)).toBe(SHIPPED);
    } finally {
      await rm(file, { force: true });
    }
  });
});
