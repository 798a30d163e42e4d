/**
 * --compression, --compression-level and --row-group-size: every codec writes what it says (read back from the
 * files' own metadata), row groups have the rows asked for, the format is recorded with the run (metadata, manifest,
 * summary, the reproducing line), bad values get one line and exit 2, and a resumed run keeps the format it started.
 * What the engine writes and records is checked through the run API in this process; the spawned CLI shows its
 * part: the flags read, the reproducing line (run again: the same bytes), the refusals' one line and exit code.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type CliResult, AS_OF, exists, parquetFiles, query, synthgen, withTempDir } from './helpers/cli.js';
import { engineResume, engineRun } from './helpers/engine.js';
import { engineInterruptedAfter } from './helpers/engineHold.js';

const USERS = ['--table-names', 'users', '--num-rows', '3000', '--seed', '5', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json', '--json'];
/** USERS, for the run API. */
const USERS_RUN = { tables: ['users'], rows: { users: 3000 }, seed: 5 };

// DuckDB writes LZ4 as LZ4_RAW, the Parquet codec for plain LZ4 blocks.
const CODECS = [
  ['zstd', 'ZSTD'],
  ['snappy', 'SNAPPY'],
  ['gzip', 'GZIP'],
  ['lz4', 'LZ4_RAW'],
  ['brotli', 'BROTLI'],
  ['uncompressed', 'UNCOMPRESSED'],
] as const;

/**
 * A run of the spawned CLI that must exit 0, without the relaunch (SYNTHGEN_RELAUNCHED=1): what these runs show is the
 * flags read and the summary and line printed, which the process running the command does; the relaunch is its own
 * tests' subject and would add a second process start to each run.
 */
async function generate(args: readonly string[], dir: string): Promise<CliResult> {
  const result = await synthgen(args, dir, { SYNTHGEN_RELAUNCHED: '1' });
  if (result.code !== 0) throw new Error(`synthgen ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return result;
}

async function codecsOf(file: string): Promise<string[]> {
  const rows = await query(`SELECT DISTINCT compression FROM parquet_metadata('${file}') ORDER BY 1`);
  return rows.map((row) => String(row.compression));
}

// The cases run at once, so that the spawned CLI's overlaps the in-process runs (which take their turns).
describe.concurrent('each codec writes what it says', () => {
  test.each(CODECS)('compression %s (in-process)', async (codec, inFile) => {
    await withTempDir(async (dir) => {
      const summary = await engineRun(dir, { ...USERS_RUN, format: { compression: codec } });
      const [file] = await parquetFiles(join(dir, 'data'), 'users');
      expect(await codecsOf(file ?? '')).toEqual([inFile]);
      expect(summary.parquet.compression).toBe(codec);
      expect(summary.parquet.compression_level).toBe(codec === 'zstd' ? 1 : undefined);
    });
  });

  // Through the CLI: the flag read, the summary it prints and its reproducing line, for a codec other than the
  // default (zstd's are the next test's, with a level).
  test.each(CODECS.filter(([codec]) => codec === 'gzip'))('--compression %s', async (codec, inFile) => {
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
    // The same rows at the default level 1, to compare with below: written in-process, in a folder of its own, while
    // the CLI writes level 9.
    const [{ stdout }] = await Promise.all([
      generate(args, dir),
      engineRun(dir, { ...USERS_RUN, rows: { users: 10000 }, format: { rowGroupSize: 4096 }, metadataPath: join(dir, 'm1.json'), out: join(dir, 'level1') }),
    ]);
    const [file] = await parquetFiles(join(dir, 'data'), 'users');
    const groups = await query(`SELECT row_group_id, any_value(row_group_num_rows) AS n FROM parquet_metadata('${file}') GROUP BY 1 ORDER BY 1`);
    expect(groups.map((g) => Number(g.n))).toEqual([4096, 4096, 1808]);
    // A higher level: smaller than the same rows at the default level 1.
    const [level1] = await parquetFiles(join(dir, 'level1'), 'users');
    const size = async (path: string) => Number((await query(`SELECT sum(total_compressed_size) AS n FROM parquet_metadata('${path}')`))[0]?.n);
    expect(await size(file ?? '')).toBeLessThan(await size(level1 ?? ''));

    const summary = JSON.parse(stdout) as { command: string; run_id: string };
    const recorded = { compression: 'zstd', compression_level: 9, row_group_size: 4096 };
    expect(summary.command).toContain('--compression zstd --compression-level 9 --row-group-size 4096');
    const metadata = JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')) as { format_version: number; runs: { parquet: unknown }[] };
    // 5: every run records its tables' versions (and, since 3, its Parquet format).
    expect(metadata.format_version).toBe(5);
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

// The CLI's own flags: each refusal a spawned CLI, without the relaunch (SYNTHGEN_RELAUNCHED=1: not what these check).
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
      const result = await synthgen([...USERS, ...flags], dir, { SYNTHGEN_RELAUNCHED: '1' });
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
    await engineRun(dir, { tables: ['products'], rows: { products: 2000 } });
    // Three parts or more; stopped as Ctrl-C stops it once the first is written (test/helpers/engineHold.ts). Users:
    // a run of theirs keeps its codec as any table's does, at a fifth of the cost per part of orders.
    const users = { tables: ['users'], rows: { users: 30000 }, fileSizeLimitMB: 1, seed: 2 };
    expect(await engineInterruptedAfter(dir, { ...users, format: { compression: 'snappy' } }, 1)).toMatchObject({ exitCode: 130 });
    // The refusal as the CLI words it (its flags), spawned; the resume itself is the engine's.
    const other = await synthgen(['--resume', '--metadata', 'm.json', '--compression', 'zstd'], dir, { SYNTHGEN_RELAUNCHED: '1' });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^synthgen: --resume finishes run \S+ as it was started \(.*\), which differs in --compression: drop the flag or pass --compression snappy --row-group-size 122880 \(snappy, 122,880-row groups\)\n$/);
    expect((await engineResume(dir)).resumed).toBe(true);
    const files = await parquetFiles(join(dir, 'data'), 'users');
    expect(files.length).toBeGreaterThan(2);
    const codecs = await query(`SELECT DISTINCT compression FROM parquet_metadata([${files.map((f) => `'${f}'`).join(', ')}])`);
    expect(codecs.map((c) => c.compression)).toEqual(['SNAPPY']);
  });
});
