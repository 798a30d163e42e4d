/**
 * `synthgen --help`, the first thing a newcomer runs: every command (resume included) with readable placeholders,
 * the flags as they are typed (`--no-s3-checksums`), examples, and the file names a run writes.
 */
import { expect, test } from 'vitest';
import { synthgen, withTempDir } from './helpers/cli.js';

test('the top-level help names every command, shows examples and no clipanion placeholders', async () => {
  await withTempDir(async (dir) => {
    const { code, stdout, stderr } = await synthgen(['--help'], dir);
    expect(code, stderr).toBe(0);
    expect(stdout).not.toMatch(/#\d/);
    for (const command of ['generate', 'resume', 'schema', 'verify', 'report', 'init', 'runs', 'remove']) {
      expect(stdout, command).toMatch(new RegExp(`synthgen \\[?${command}\\b`));
    }
    expect(stdout).toContain('--no-s3-checksums');
    expect(stdout).not.toMatch(/(?<!no-)--s3-checksums/);
    expect(stdout).toMatch(/Examples/);
    expect(stdout).toMatch(/\$ synthgen --table-names users,products,orders --num-rows /);
    expect(stdout).toContain('<YYYYMMDDHHMMSS>-<run>.parquet');
  });
});

test.each(['generate', 'schema', 'verify', 'report', 'init'])('synthgen %s --help has named placeholders, not #0', async (command) => {
  await withTempDir(async (dir) => {
    const { code, stdout, stderr } = await synthgen([command, '--help'], dir);
    expect(code, stderr).toBe(0);
    expect(stdout).not.toMatch(/#\d/);
    expect(stdout).toMatch(/Examples/);
    expect(stdout).not.toMatch(/(?<!no-)--s3-checksums/);
    expect(stdout).not.toMatch(/<YYYYMMDDHHMMSS>\.parquet/);
  });
});
