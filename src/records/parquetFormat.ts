/**
 * How a run's Parquet files are encoded: the codec, its level and the rows per row group. Part of the output format,
 * so part of determinism: recorded with the run (its record, its manifest, the metadata's run list and the line
 * that reproduces it) and kept by a resumed run, so every file of a run is written alike.
 */
import { UserError } from '../errors/userError.js';
import type { Vocabulary } from '../errors/vocabulary.js';

/** A problem with a setting, in the words of whoever reads it (errors/vocabulary.ts). */
export type Problem = (words: Vocabulary) => string;

export const CODECS = ['zstd', 'snappy', 'gzip', 'lz4', 'brotli', 'uncompressed'] as const;
export type Codec = (typeof CODECS)[number];

export interface ParquetFormat {
  readonly compression: Codec;
  /** ZSTD's level; the other codecs DuckDB writes have none. */
  readonly level?: number;
  readonly rowGroupSize: number;
}

/** What a run record, a manifest and the metadata hold: the same, as JSON names it. */
export interface ParquetRecord {
  readonly compression: Codec;
  readonly compression_level?: number;
  readonly row_group_size: number;
}

/**
 * DuckDB's own row group size, which is also the rows of one morsel of the table the part's IDs come from: a part
 * can keep one DuckDB thread busy per 122,880 rows.
 */
export const DUCKDB_ROW_GROUP_ROWS = 122_880;

const DEFAULT_CODEC: Codec = 'zstd';
/**
 * ZSTD level 1, not DuckDB's default 3: measured by `npm run bench -- --only=codecs` (500k rows of each table, the
 * engine's own query, interleaved rounds, CPU time), level 1 computes and writes the three tables in 0.89-0.91x the
 * time of level 3 (two runs of the suite) for 1.02x the bytes (users 1.05x, products 1.01x, orders 1.02x). Snappy
 * took 0.85x the time for 1.44x the bytes: more to store and to move to S3 than the time it saves.
 */
export const DEFAULT_ZSTD_LEVEL = 1;
export const DEFAULT_ROW_GROUP_SIZE = DUCKDB_ROW_GROUP_ROWS;

export const DEFAULT_FORMAT: ParquetFormat = { compression: DEFAULT_CODEC, level: DEFAULT_ZSTD_LEVEL, rowGroupSize: DEFAULT_ROW_GROUP_SIZE };

const MIN_ZSTD_LEVEL = -131_072;
const MAX_ZSTD_LEVEL = 22;
const MIN_ROW_GROUP_SIZE = 2_048;
const MAX_ROW_GROUP_SIZE = 100_000_000;

export function isCodec(value: unknown): value is Codec {
  return typeof value === 'string' && (CODECS as readonly string[]).includes(value);
}

/** Why a level cannot go with a codec, or undefined when it can. */
export function levelProblem(compression: Codec, level: number | undefined): Problem | undefined {
  if (level === undefined) return undefined;
  if (compression !== 'zstd') return (w) => `${w.compressionLevel} is for zstd only (DuckDB writes ${compression} at its one level): drop it, or pass ${w.compression} zstd`;
  if (!Number.isSafeInteger(level) || level < MIN_ZSTD_LEVEL || level > MAX_ZSTD_LEVEL || level === 0) {
    return (w) => `${w.compressionLevel} must be a whole number from 1 to ${MAX_ZSTD_LEVEL} (or a fast level from -1 to ${MIN_ZSTD_LEVEL}), got ${level}`;
  }
  return undefined;
}

export function rowGroupProblem(rows: number | undefined): Problem | undefined {
  if (rows === undefined) return undefined;
  if (!Number.isSafeInteger(rows) || rows < MIN_ROW_GROUP_SIZE || rows > MAX_ROW_GROUP_SIZE) {
    return (w) => `${w.rowGroupSize} must be a whole number of rows from ${MIN_ROW_GROUP_SIZE.toLocaleString('en-US')} to ${MAX_ROW_GROUP_SIZE.toLocaleString('en-US')}, got ${rows}`;
  }
  return undefined;
}

/** What a run may ask of the format, each part optional. */
export interface FormatAsked {
  readonly compression?: Codec;
  readonly level?: number;
  readonly rowGroupSize?: number;
}

/** What is wrong with the parts of a format asked for (a level with no zstd to go with it counts), if anything. */
export function askedProblem(given: FormatAsked): Problem | undefined {
  const { compression } = given;
  if (compression !== undefined && !isCodec(compression)) return (w) => `${w.compression} must be one of ${CODECS.join(', ')}, got ${String(compression)}`;
  return levelProblem(given.compression ?? DEFAULT_CODEC, given.level) ?? rowGroupProblem(given.rowGroupSize);
}

/** The format a run asks for, its left-out parts the defaults; a UserError for a combination that cannot be. */
export function resolveFormat(given: FormatAsked): ParquetFormat {
  const problem = askedProblem(given);
  if (problem) throw new UserError(problem);
  const compression = given.compression ?? DEFAULT_CODEC;
  const level = compression === 'zstd' ? (given.level ?? DEFAULT_ZSTD_LEVEL) : undefined;
  return { compression, ...(level === undefined ? {} : { level }), rowGroupSize: given.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE };
}

/**
 * The COPY options. DICTIONARY_SIZE_LIMIT 10000 (DuckDB's default is a tenth of the row group, 12288): columns with
 * more distinct values than that per row group (emails, phones, street lines, names) are written plain at once
 * instead of filling a dictionary that ends up discarded. Measured in one run with 5 interleaved repeats: COPY 13-24%
 * less CPU, file sizes within 2%.
 */
export function copyOptions(format: ParquetFormat): string {
  const level = format.level === undefined ? '' : `, COMPRESSION_LEVEL ${format.level}`;
  return `FORMAT parquet, COMPRESSION ${format.compression}${level}, ROW_GROUP_SIZE ${format.rowGroupSize}, DICTIONARY_SIZE_LIMIT 10000`;
}

export function formatRecord(format: ParquetFormat): ParquetRecord {
  return { compression: format.compression, ...(format.level === undefined ? {} : { compression_level: format.level }), row_group_size: format.rowGroupSize };
}

export function formatOfRecord(record: ParquetRecord): ParquetFormat {
  return { compression: record.compression, ...(record.compression_level === undefined ? {} : { level: record.compression_level }), rowGroupSize: record.row_group_size };
}

/** Why `value` (from a file) is not a ParquetRecord, or undefined when it is one. */
export function recordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not an object';
  const { compression, compression_level: level, row_group_size: rows } = value as Record<string, unknown>;
  if (!isCodec(compression)) return `.compression is not one of ${CODECS.join(', ')}`;
  if (level !== undefined && (typeof level !== 'number' || levelProblem(compression, level))) return '.compression_level is not a level of its codec';
  if (compression === 'zstd' && level === undefined) return '.compression_level is missing';
  if (typeof rows !== 'number' || rowGroupProblem(rows)) return '.row_group_size is not a row group size';
  return undefined;
}

/** For one-line messages: `zstd level 1, 122,880-row groups`. */
export function describeFormat(format: ParquetFormat): string {
  const level = format.level === undefined ? '' : ` level ${format.level}`;
  return `${format.compression}${level}, ${format.rowGroupSize.toLocaleString('en-US')}-row groups`;
}
