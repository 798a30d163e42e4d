/**
 * The record of the original tool's rows of a table that synthgen read from its files (run/legacy/): a Parquet
 * snapshot beside the metadata holding what children need of them, named in the metadata with its SHA-256, so a copy
 * of the metadata with its snapshot beside it works anywhere, and an edited or missing snapshot is noticed.
 */
import { type Json, isCount, isRecord, need } from '../jsonChecks.js';

export interface LegacyRowsRecord {
  /** The snapshot's file name, in the metadata's folder. */
  readonly file: string;
  readonly sha256: string;
  /** Rows children may reference: those with every value they need. */
  readonly rows: number;
  /** Where they were read from (--legacy-files), said when the snapshot is missing. */
  readonly source: string;
}

/** Snapshot names as synthgen makes them: `<metadata file name>.legacy-<table>-<16 hex>.parquet`, one plain name. */
const SNAPSHOT_NAME = /^[^/\\\u0000]+\.legacy-[a-z][a-z0-9_]*-[0-9a-f]{16}\.parquet$/;

export function parseLegacyRows(value: Json, where: string): LegacyRowsRecord {
  need(isRecord(value), `${where} is not an object`);
  need(typeof value.file === 'string' && SNAPSHOT_NAME.test(value.file) && value.file !== '.' && !value.file.startsWith('..'), `${where}.file is not the name of a snapshot beside the metadata`);
  need(typeof value.sha256 === 'string' && /^[0-9a-f]{64}$/.test(value.sha256), `${where}.sha256 is not a SHA-256`);
  need(isCount(value.rows), `${where}.rows is not a row count`);
  need(typeof value.source === 'string', `${where}.source is not a string`);
  return { file: value.file, sha256: value.sha256, rows: value.rows, source: value.source };
}

/** The snapshot's name for a table, from the metadata file's name and the snapshot's SHA-256. */
export function snapshotName(metadataName: string, table: string, sha256: string): string {
  return `${metadataName}.legacy-${table}-${sha256.slice(0, 16)}.parquet`;
}
