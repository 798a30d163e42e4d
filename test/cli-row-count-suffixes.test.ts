/**
 * `--num-rows 1M` and `1e6`: counts with k/M/B suffixes (any case; 1.5M is 1,500,000) and exact scientific notation
 * are read as the whole numbers they name; anything that is no whole number is one line, exit 2.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AS_OF, synthgen, withTempDir } from './helpers/cli.js';

/** The users a run made from `--num-rows <numRows>`, or how it was refused. */
async function rowsRead(numRows: string): Promise<{ code: number | null; stderr: string; rows?: string }> {
  return withTempDir(async (dir) => {
    const result = await synthgen(['--table-names', 'users', '--num-rows', numRows, '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'metadata.json', '--json'], dir);
    if (result.code !== 0) return { code: result.code, stderr: result.stderr };
    const metadata = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')) as { tables: { users: { last_id: number } } };
    return { code: 0, stderr: result.stderr, rows: String(metadata.tables.users.last_id) };
  });
}

describe.concurrent('counts with suffixes and exponents', () => {
  test.each([
    ['2k', '2000'],
    ['2K', '2000'],
    ['1.5k', '1500'],
    ['2e3', '2000'],
    ['1.5E3', '1500'],
    ['users=3k', '3000'],
  ])('--num-rows %s makes %s rows', async (given, expected) => {
    const { code, stderr, rows } = await rowsRead(given);
    expect(code, stderr).toBe(0);
    expect(rows).toBe(expected);
  });

  test.each(['1.2345k', '1e-3', '1.5', '0k', '2x', '1e', 'k', '1.5e0', '-1k', '1e400'])('--num-rows %s is refused in one line', async (given) => {
    const { code, stderr } = await rowsRead(given);
    expect(code).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^synthgen: --num-rows( for users)? must be a positive whole number/);
  });
});

test.concurrent.each(['1M', '1m', '1e6', '0.001B', '1_000k'])('--num-rows users=%s is read (the line refuses only the next count)', async (given) => {
  await withTempDir(async (dir) => {
    // A million rows are not generated to check it: the count after it is bad, and counts are read in order.
    const result = await synthgen(['--table-names', 'users,products', '--num-rows', `users=${given},products=x`, '--seed', '1', '--as-of', AS_OF], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^synthgen: --num-rows for products must be a positive whole number[^\n]*\n$/);
  });
});
