/** A run's Parquet format (records/parquetFormat.ts) as the flags that ask for it. */
import type { ParquetFormat } from '../../records/parquetFormat.js';

/** The flags that ask for this format, as the line that reproduces a run names them. */
export function formatFlags(format: ParquetFormat): string[] {
  return [
    '--compression',
    format.compression,
    ...(format.level === undefined ? [] : ['--compression-level', String(format.level)]),
    '--row-group-size',
    String(format.rowGroupSize),
  ];
}
