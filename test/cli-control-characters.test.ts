/**
 * Whatever a message quotes (a path, a value, a module's error) is printed with its control and bidirectional
 * characters escaped: a right-to-left override or an escape sequence in input must not reorder or restyle the line.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { synthgen, withTempDir } from './helpers/cli.js';

/** C0 and C1 controls, DEL, and the bidi embeddings, overrides, isolates and marks. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

describe.concurrent('control characters in messages are escaped', () => {
  test('in a flag value', async () => {
    await withTempDir(async (dir) => {
      const result = await synthgen(['--table-names', 'users', '--num-rows', '1\u202Ek\u001b[31m'], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(UNSAFE);
      expect(result.stderr).toContain('\\u202E');
      expect(result.stderr).toContain('\\u001B');
      expect(result.stderr.split('\n')).toHaveLength(2);
    });
  });

  test("in a module's error", async () => {
    await withTempDir(async (dir) => {
      const module = join(dir, 'bad.mjs');
      await writeFile(module, `throw new Error('bad \\u202Egnp.exe \\u0007 \\u2067x');\n`);
      const result = await synthgen(['--tables', module, '--table-names', 'users', '--num-rows', '10'], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(UNSAFE);
      expect(result.stderr).toContain('bad \\u202Egnp.exe \\u0007 \\u2067x');
    });
  });

  test('in a path', async () => {
    await withTempDir(async (dir) => {
      const result = await synthgen(['verify', '--out', join(dir, 'x\u202Ey'), '--metadata', join(dir, 'm\u0008.json'), '--tables', join(dir, 'no\u202E.mjs')], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(UNSAFE);
      expect(result.stderr).toContain('no\\u202E.mjs');
    });
  });
});
