/**
 * Parquet codecs per table: what one worker (one DuckDB thread, the workers' DuckDB settings) spends computing the
 * engine's own query for a part and writing it with each codec, every other Parquet setting the parts' own
 * (PARQUET_OPTIONS with its COMPRESSION clause replaced); CPU time, interleaved rounds (every other one in reverse
 * order), medians; time against ZSTD level 3 taken within each round. The default codec is chosen from this table.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Bench } from 'tinybench';
import { sha256File } from '../../src/files/fileChecksum.js';
import { memoryLimitPerWorker } from '../../src/run/runGeneration.js';
import type { TableDefinition } from '../../src/model/tableDefinition.js';
import { BUILTIN_TABLES as TABLES } from '../../src/tables/index.js';
import { openWorkerDuckDB } from '../../src/workers/duckdb.js';
import { PARQUET_OPTIONS } from '../../src/workers/generatePart.js';
import { collectGarbage, cpuMs, fixed, median, perRoundMedian } from '../cli.js';
import { engineRows, preparePools } from '../engineMethod.js';
import { CODEC_ROWS, REPEATS } from '../settings.js';

/** The variants, in the order the report lists them; more can be added here. */
export const CODECS: readonly { readonly codec: string; readonly clause: string }[] = [
  { codec: 'ZSTD 1', clause: 'COMPRESSION zstd, COMPRESSION_LEVEL 1' },
  { codec: 'ZSTD 3', clause: 'COMPRESSION zstd, COMPRESSION_LEVEL 3' },
  { codec: 'Snappy', clause: 'COMPRESSION snappy' },
  { codec: 'uncompressed', clause: 'COMPRESSION uncompressed' },
];
/** What bytes and time are relative to: DuckDB's default ZSTD level. */
export const BASELINE = 'ZSTD 3';

/** The parts' Parquet options with `clause` for their COMPRESSION (and COMPRESSION_LEVEL, if they have one). */
export function withCompression(options: string, clause: string): string {
  const withoutLevel = options.replace(/,\s*COMPRESSION_LEVEL\s+-?\d+/i, '');
  const codec = /\bCOMPRESSION\s+\w+/i;
  if (!codec.test(withoutLevel)) throw new Error(`the parts' Parquet options have no COMPRESSION clause to replace: ${options}`);
  return withoutLevel.replace(codec, clause);
}

export interface CodecRow {
  readonly table: string;
  readonly codec: string;
  readonly rows_per_s: number;
  readonly bytes: number;
  readonly bytes_per_row: number;
  readonly bytes_vs_zstd3: number;
  readonly time_vs_zstd3: number;
}

export interface CodecsResult {
  readonly rows: number;
  /** The parts' options the variants are built from. */
  readonly parquet_options: string;
  readonly variants: Record<string, string>;
  /** Per table, the variant whose file is byte-identical to what the engine's own options write, or null. */
  readonly engine_writes: Record<string, string | null>;
  readonly results: CodecRow[];
  /** The three tables together (the same rows of each): bytes summed, time as the sum of the tables' medians. */
  readonly all_tables: CodecRow[];
}

export async function codecs(scratch: string): Promise<CodecsResult> {
  const { instance, connection } = await openWorkerDuckDB(memoryLimitPerWorker(1));
  const variants = Object.fromEntries(CODECS.map(({ codec, clause }) => [codec, withCompression(PARQUET_OPTIONS, clause)]));
  const results: CodecRow[] = [];
  const medians: { table: string; codec: string; ms: number }[] = [];
  const engineWrites: Record<string, string | null> = {};
  try {
    for (const definition of TABLES) {
      await preparePools(connection, definition, scratch);
      const table = await tableCodecs(connection, definition, scratch, variants);
      results.push(...table.rows);
      medians.push(...table.medians);
      engineWrites[definition.name] = table.engineWrites;
      console.error(`codecs ${definition.name}: ${JSON.stringify(table.rows)}`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { rows: CODEC_ROWS, parquet_options: PARQUET_OPTIONS, variants, engine_writes: engineWrites, results, all_tables: allTables(results, medians) };
}

/** CPU ms per codec and round, after a warm-up round. */
async function codecSamples(connection: DuckDBConnection, definition: TableDefinition, variants: Record<string, string>, path: (codec: string) => string) {
  const samples = new Map<string, number[]>(CODECS.map(({ codec }) => [codec, []]));
  for (let round = 0; round <= REPEATS; round += 1) {
    const bench = new Bench({ iterations: 1, time: 0, warmup: false, throws: true, now: cpuMs });
    // Every other round in reverse: memory one write frees is given back while the next one runs, and charged to it.
    const order = round % 2 === 1 ? [...CODECS].reverse() : CODECS;
    for (const { codec } of order) bench.add(codec, async () => engineRows(connection, definition, CODEC_ROWS, path(codec), variants[codec]));
    await bench.run();
    collectGarbage();
    if (round === 0) continue; // warm-up round
    for (const task of bench.tasks) samples.get(task.name)?.push(task.result?.latency.p50 ?? Number.NaN);
  }
  return samples;
}

async function tableCodecs(connection: DuckDBConnection, definition: TableDefinition, scratch: string, variants: Record<string, string>) {
  const path = (codec: string) => join(scratch, `codec-${definition.name}-${codec.replace(/\W+/g, '_')}.parquet`);
  const samples = await codecSamples(connection, definition, variants, path);
  const enginePath = join(scratch, `codec-${definition.name}-engine.parquet`);
  await engineRows(connection, definition, CODEC_ROWS, enginePath);
  const engineHash = await sha256File(enginePath);
  let engineWrites: string | null = null;
  const bytes = new Map<string, number>();
  for (const { codec } of CODECS) {
    bytes.set(codec, (await stat(path(codec))).size);
    if (engineWrites === null && (await sha256File(path(codec))) === engineHash) engineWrites = codec;
  }
  const base = samples.get(BASELINE) ?? [];
  const baseBytes = bytes.get(BASELINE) ?? Number.NaN;
  const rows = CODECS.map(({ codec }): CodecRow => {
    const own = samples.get(codec) ?? [];
    const size = bytes.get(codec) ?? Number.NaN;
    return {
      table: definition.name,
      codec,
      rows_per_s: Math.round(CODEC_ROWS / (median(own) / 1000)),
      bytes: size,
      bytes_per_row: fixed(size / CODEC_ROWS, 1),
      bytes_vs_zstd3: fixed(size / baseBytes, 3),
      time_vs_zstd3: fixed(perRoundMedian(own, base, (a, b) => a / b), 3),
    };
  });
  const medians = CODECS.map(({ codec }) => ({ table: definition.name, codec, ms: median(samples.get(codec) ?? []) }));
  return { rows, medians, engineWrites };
}

function allTables(results: CodecRow[], medians: { codec: string; ms: number }[]): CodecRow[] {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const bytesOf = (codec: string) => sum(results.filter((r) => r.codec === codec).map((r) => r.bytes));
  const msOf = (codec: string) => sum(medians.filter((m) => m.codec === codec).map((m) => m.ms));
  const tables = new Set(results.map((r) => r.table)).size;
  return CODECS.map(({ codec }) => ({
    table: 'all',
    codec,
    rows_per_s: Math.round((tables * CODEC_ROWS) / (msOf(codec) / 1000)),
    bytes: bytesOf(codec),
    bytes_per_row: fixed(bytesOf(codec) / (tables * CODEC_ROWS), 1),
    bytes_vs_zstd3: fixed(bytesOf(codec) / bytesOf(BASELINE), 3),
    time_vs_zstd3: fixed(msOf(codec) / msOf(BASELINE), 3),
  }));
}
