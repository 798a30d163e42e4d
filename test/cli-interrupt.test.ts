import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, CLI, generate, withTempDir } from './helpers/cli.js';

async function parquetCount(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.parquet')).length;
}

test('Ctrl-C mid-run: exit 130, the run’s files removed, metadata unchanged', async () => {
  await withTempDir(async (dir) => {
    await generate(['--table-names', 'users,products', '--num-rows', '2000', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'], dir);
    const before = await readFile(join(dir, 'm.json'), 'utf8');
    const child = spawn(
      process.execPath,
      [CLI, '--table-names', 'orders', '--num-rows', '3000000', '--file-size-limit', '2', '--seed', '2', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Wait until the run has finished some parts, then interrupt it.
    for (let i = 0; i < 600 && (await parquetCount(join(dir, 'data', 'orders'))) === 0; i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(await parquetCount(join(dir, 'data', 'orders'))).toBeGreaterThan(0);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted by SIGINT: nothing was committed/);
    expect(await readdir(join(dir, 'data', 'orders'))).toEqual([]);
    expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(before);
  });
});
