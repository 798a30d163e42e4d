/**
 * --compression, --compression-level and --row-group-size: every codec writes what it says (read back from the
 * files' own metadata), row groups have the rows asked for, the format is recorded with the run (metadata, manifest,
 * summary, the reproducing line), bad values get one line and exit 2, and a resumed run keeps the format it started.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AS_OF, exists, generate, parquetFiles, query, synthgen, withTempDir } from './helpers/cli.js';
import { interruptedAfter } from './helpers/heldRun.js';

const USERS = ['--table-names', 'users', '--num-rows', '3000', '--seed', '5', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json', '--json'];

async function codecsOf(file: string): Promise<string[]> {
  const rows = await query(`SELECT DISTINCT compression FROM parquet_metadata('${file}') ORDER BY 1`);
  return rows.map((row) => String(row.compression));
}

describe.concurrent('each codec writes what it says', () => {
  // DuckDB writes LZ4 as LZ4_RAW, the Parquet codec for plain LZ4 blocks.
  test.each([
    ['zstd', 'ZSTD'],
    ['snappy', 'SNAPPY'],
    ['gzip', 'GZIP'],
    ['lz4', 'LZ4_RAW'],
    ['brotli', 'BROTLI'],
    ['uncompressed', 'UNCOMPRESSED'],
  ])('--compression %s', async (codec, inFile) => {
    await withTempDir(async (dir) => {
      const { stdout } = await generate([...USERS, '--compression', codec], dir);
      const [file] = await parquetFiles(join(dir, 'data'), 'users');
      expect(await codecsOf(file ?? '')).toEqual([inFile]);
      const summary = JSON.parse(stdout) as { parquet: { compression: string; compression_level?: number }; command: string };
      expect(summary.parquet.compression).toBe(codec);
      expect(summary.parquet.compression_level).toBe(codec === 'zstd' ? 1 : undefined);
      expect(summary.command).toContain(`--compression ${codec}`);
    });
  });
});

test('the level and row group size asked for are what the files hold, and are recorded with the run', async () => {
  await withTempDir(async (dir) => {
    const args = [...USERS.map((a) => (a === '3000' ? '10000' : a)), '--compression-level', '9', '--row-group-size', '4096'];
    const { stdout } = await generate(args, dir);
    const [file] = await parquetFiles(join(dir, 'data'), 'users');
    const groups = await query(`SELECT row_group_id, any_value(row_group_num_rows) AS n FROM parquet_metadata('${file}') GROUP BY 1 ORDER BY 1`);
    expect(groups.map((g) => Number(g.n))).toEqual([4096, 4096, 1808]);
    // A higher level: smaller than the same rows at the default level 1.
    await generate([...args.filter((a, i) => a !== '--compression-level' && args[i - 1] !== '--compression-level'), '--out', 'level1', '--metadata', 'm1.json'], dir);
    const [level1] = await parquetFiles(join(dir, 'level1'), 'users');
    const size = async (path: string) => Number((await query(`SELECT sum(total_compressed_size) AS n FROM parquet_metadata('${path}')`))[0]?.n);
    expect(await size(file ?? '')).toBeLessThan(await size(level1 ?? ''));

    const summary = JSON.parse(stdout) as { command: string; run_id: string };
    const recorded = { compression: 'zstd', compression_level: 9, row_group_size: 4096 };
    expect(summary.command).toContain('--compression zstd --compression-level 9 --row-group-size 4096');
    const metadata = JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')) as { format_version: number; runs: { parquet: unknown }[] };
    expect(metadata.format_version).toBe(3);
    expect(metadata.runs[0]?.parquet).toEqual(recorded);
    const manifest = JSON.parse(await readFile(join(dir, 'data', '_runs', `${summary.run_id}.json`), 'utf8')) as { parquet: unknown };
    expect(manifest.parquet).toEqual(recorded);
    // The reproducing line, run again from the same start, makes the same bytes.
    const again = summary.command.replace('--out data', '--out again').replace('--metadata m.json', '--metadata again.json').split(' ').slice(1);
    await generate(again, dir);
    const [copy] = await parquetFiles(join(dir, 'again'), 'users');
    expect(await readFile(copy ?? '')).toEqual(await readFile(file ?? ''));
  });
});

describe.concurrent('bad format values get one line, exit 2, and nothing written', () => {
  test.each([
    [['--compression', 'lzo'], /^synthgen: --compression must be one of zstd, snappy, gzip, lz4, brotli, uncompressed, got "lzo"$/],
    [['--compression-level', '23'], /^synthgen: --compression-level must be a whole number from 1 to 22 .*got 23$/],
    [['--compression-level', '0'], /^synthgen: --compression-level must be a whole number from 1 to 22/],
    [['--compression-level', 'high'], /^synthgen: --compression-level must be a whole number, got "high"$/],
    [['--compression', 'snappy', '--compression-level', '3'], /^synthgen: --compression-level is for zstd only .*pass --compression zstd$/],
    [['--row-group-size', '100'], /^synthgen: --row-group-size must be a whole number of rows from 2,048 to 100,000,000, got "100"$/],
    [['--row-group-size', '1e6'], /^synthgen: --row-group-size must be a whole number of rows/],
  ])('%j', async (flags, message) => {
    await withTempDir(async (dir) => {
      const metadata = '{"format":"synthgen-metadata","format_version":1,"tables":{},"runs":[]}\n';
      await writeFile(join(dir, 'm.json'), metadata);
      const result = await synthgen([...USERS, ...flags], dir);
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
      expect(result.stdout).toBe('');
      expect(await exists(join(dir, 'data'))).toBe(false);
      expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(metadata);
    });
  });
});

test('a resumed run keeps the codec it started with, and refuses another', async () => {
  await withTempDir(async (dir) => {
    await generate(['--table-names', 'users,products', '--num-rows', '2000', '--seed', '1', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'], dir);
    // Five parts; Ctrl-C once the first is written (SYNTHGEN_TEST_HOLD_AFTER_PARTS, test/helpers/heldRun.ts).
    const orders = ['--table-names', 'orders', '--num-rows', '60000', '--file-size-limit', '1', '--seed', '2', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];
    expect((await interruptedAfter(dir, [...orders, '--compression', 'snappy'], 1)).code).toBe(130);
    const other = await synthgen(['--resume', '--metadata', 'm.json', '--compression', 'zstd'], dir);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^synthgen: --resume finishes run \S+ as it was started \(.*\), which differs in --compression: drop the flag or pass --compression snappy --row-group-size 122880 \(snappy, 122,880-row groups\)\n$/);
    await generate(['--resume', '--metadata', 'm.json'], dir);
    const files = await parquetFiles(join(dir, 'data'), 'orders');
    expect(files.length).toBeGreaterThan(1);
    const codecs = await query(`SELECT DISTINCT compression FROM parquet_metadata([${files.map((f) => `'${f}'`).join(', ')}])`);
    expect(codecs.map((c) => c.compression)).toEqual(['SNAPPY']);
  });
});
