/** Parsing and checking the generate command's flag values: each error names the flag and says what to do. */
import { UserError } from '../engine/errors.js';
import { TABLES, tableNamed } from '../engine/tables/index.js';

export function parseTableNames(value: string): string[] {
  const names = value.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  if (names.length === 0) throw new UserError(`--table-names is empty: name one or more of ${TABLES.map((t) => t.name).join(', ')}`);
  for (const name of names) {
    if (!tableNamed(name)) {
      throw new UserError(`unknown table "${name}" in --table-names: choose from ${TABLES.map((t) => t.name).join(', ')}`);
    }
  }
  return [...new Set(names)];
}

function positiveInteger(text: string, what: string): number {
  const trimmed = text.trim().replace(/_/g, '');
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed)) || Number(trimmed) <= 0) {
    throw new UserError(`${what} must be a positive whole number, got "${text}"`);
  }
  return Number(trimmed);
}

/** `100000` (every table) or `users=1000,orders=5000` (each table named in --table-names). */
export function parseNumRows(value: string, tables: readonly string[]): Record<string, number> {
  if (!value.includes('=')) {
    const rows = positiveInteger(value, '--num-rows');
    return Object.fromEntries(tables.map((table) => [table, rows]));
  }
  const rows: Record<string, number> = {};
  for (const entry of value.split(',').filter((e) => e.trim().length > 0)) {
    const [table = '', count = ''] = entry.split('=').map((s) => s.trim());
    if (!tables.includes(table)) {
      throw new UserError(`--num-rows names "${table}", which is not in --table-names (${tables.join(',')}): name the same tables in both`);
    }
    rows[table] = positiveInteger(count, `--num-rows for ${table}`);
  }
  const missing = tables.filter((table) => rows[table] === undefined);
  if (missing.length > 0) throw new UserError(`--num-rows gives no count for ${missing.join(', ')}: add e.g. ${missing[0]}=1000`);
  return rows;
}

export function parsePositiveInteger(value: string, flag: string): number {
  return positiveInteger(value, flag);
}

export function parseFileSizeLimit(value: string): number {
  const mb = Number(value.trim());
  if (!Number.isFinite(mb) || mb <= 0) throw new UserError(`--file-size-limit must be a positive number of MB, got "${value}"`);
  if (mb < 1) throw new UserError(`--file-size-limit must be at least 1 (MB), got "${value}": smaller files are mostly Parquet overhead`);
  return mb;
}

export function parseSeed(value: string): number {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) {
    throw new UserError(`--seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got "${value}"`);
  }
  return Number(trimmed);
}

/** An ISO 8601 time with a zone (Z or ±hh:mm) or a date (taken as midnight UTC); normalised to whole UTC seconds. */
export function parseAsOf(value: string): string {
  const trimmed = value.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
  const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const millis = Date.parse(dateOnly ? `${trimmed}T00:00:00Z` : trimmed);
  if ((!dateOnly && !withZone) || Number.isNaN(millis)) {
    throw new UserError(`--as-of must be an ISO timestamp with a time zone, e.g. 2026-01-31T00:00:00Z, got "${value}"`);
  }
  const year = new Date(millis).getUTCFullYear();
  if (year < 1990 || year > 9999) throw new UserError(`--as-of must lie between 1990 and 9999, got "${value}"`);
  return new Date(Math.floor(millis / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `--s3-endpoint`: an http(s) URL. */
export function parseEndpoint(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return value;
  } catch {
    throw new UserError(`--s3-endpoint must be an http(s) URL, e.g. http://localhost:9000, got "${value}"`);
  }
}
