/**
 * The rules for the commands' flag values, as parse functions that throw a one-line UserError naming the flag and
 * saying what to do; validators.ts makes them clipanion's option validators.
 */
import { CODECS, type Codec, isCodec, levelProblem, rowGroupProblem } from '../records/parquetFormat.js';
import { UserError } from '../errors/userError.js';
import { MAX_FILE_SIZE_MB } from '../run/runTypes.js';
import { BUILTIN_TABLES } from '../tables/index.js';

export function parseTableNames(value: string): string[] {
  const names = value.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  if (names.length === 0) throw new UserError(`--table-names is empty: name one or more of ${BUILTIN_TABLES.map((t) => t.name).join(', ')}`);
  const seen = new Set<string>();
  // Whether each exists is the engine's to say: it knows the --tables modules and what the metadata recorded.
  for (const name of names) {
    // Refused like a table given two counts in --num-rows: a repeat is a slip in the command, not a request.
    if (seen.has(name)) throw new UserError(`--table-names names ${name} twice: name each table once, e.g. --table-names ${[...new Set(names)].join(',')}`);
    seen.add(name);
  }
  return names;
}

/** A count as written: digits (`_` between them allowed), a decimal with a k/M/B suffix, or an exponent. */
const COUNT_SHAPE = /^(\d+(?:_\d+)*)(?:\.(\d+))?(?:([kmb])|e(\+?\d{1,4}|-\d{1,4}))?$/i;
const SUFFIX_POWERS: Readonly<Record<string, number>> = { k: 3, m: 6, b: 9 };

/**
 * The whole number `text` names exactly, or undefined: `1500`, `1_500`, `1.5k` (k thousand, M million, B billion,
 * either case), `1.5e3`. Worked out in decimal digits, not floating point, so `1.2345k` (1234.5) is no whole number
 * and `1.1e1` is 11 exactly.
 */
export function wholeCount(text: string): bigint | undefined {
  const match = COUNT_SHAPE.exec(text.trim());
  if (!match) return undefined;
  const [, whole = '', fraction = '', suffix, exponent] = match;
  const power = suffix !== undefined ? (SUFFIX_POWERS[suffix.toLowerCase()] ?? 0) : Number(exponent ?? '0');
  // The value is digits x 10^(power - decimals); a whole number when the digits cut off are all zeros.
  const digits = `${whole.replace(/_/g, '')}${fraction}`;
  const shift = power - fraction.length;
  if (shift >= 0) return BigInt(digits) * 10n ** BigInt(shift);
  const cut = digits.slice(digits.length + shift);
  if (!/^0*$/.test(cut)) return undefined;
  return BigInt(digits.slice(0, digits.length + shift) || '0');
}

const COUNT_FORMS = 'digits (1500000), a k/M/B suffix (1.5M) or an exponent (1.5e6)';

function positiveInteger(text: string, what: string): number {
  const count = wholeCount(text);
  if (count === undefined || count <= 0n) throw new UserError(`${what} must be a positive whole number: ${COUNT_FORMS}, got "${text}"`);
  if (count > BigInt(Number.MAX_SAFE_INTEGER)) throw new UserError(`${what} must be a positive whole number up to ${Number.MAX_SAFE_INTEGER}, got "${text}"`);
  return Number(count);
}

/**
 * A URL scheme at the start of a path (`duckdb://`, `s3://`, `file:///`): a folder named `duckdb:` would be made
 * of it. Two letters at least, so a Windows drive (`C:\data`) is a path.
 */
const URL_SHAPE = /^([a-z][a-z0-9+.-]+):\/\//i;

/**
 * A local path given to `flag` (`--out`, `--metadata`), refused when it looks like a URL; `what` is what the flag
 * takes ("a local folder", "a local file").
 */
export function parseLocalPath(value: string, flag: string, what: string): string {
  const scheme = URL_SHAPE.exec(value.trim())?.[1]?.toLowerCase();
  if (scheme === undefined) return value;
  if (scheme === 's3' && flag === '--out') {
    throw new UserError(`--out ${value} is a URL: to write to S3 pass --s3-bucket ${value.trim()} (--out is then the local staging folder)`);
  }
  throw new UserError(`${flag} ${value} is a URL: ${flag} takes ${what} path${flag === '--out' ? ', and synthgen writes Parquet files there or to S3 with --s3-bucket s3://bucket/prefix' : ''}; pass a path, e.g. ${flag === '--out' ? './data' : './metadata.json'}`);
}

/** What --num-rows says on its own: one count for every table, or a count per table named (in the order given). */
export type RowCounts = { readonly every: number } | { readonly perTable: ReadonlyMap<string, number> };

/** `100000` (every table) or `users=1000,orders=5000` (each table once); which tables, rowsFor() checks. */
export function parseRowCounts(value: string): RowCounts {
  if (!value.includes('=')) return { every: positiveInteger(value, '--num-rows') };
  const perTable = new Map<string, number>();
  const entries = new Map<string, string>();
  for (const entry of value.split(',').map((e) => e.trim()).filter((e) => e.length > 0)) {
    const parts = entry.split('=').map((s) => s.trim());
    if (parts.length !== 2) throw new UserError(`--num-rows entry "${entry}" is not TABLE=COUNT: write e.g. users=1000, or one count for every table, e.g. --num-rows 1000`);
    const [table = '', count = ''] = parts;
    // Even the same count twice: which one was meant is the user's to say, and a repeat is usually a slip.
    const earlier = entries.get(table);
    if (earlier !== undefined) throw new UserError(`--num-rows gives ${table} twice (${earlier}, ${entry}): give each table one count`);
    entries.set(table, entry);
    perTable.set(table, positiveInteger(count, `--num-rows for ${table}`));
  }
  return { perTable };
}

/** The rows of each table in --table-names: per-table counts must name exactly those tables. */
export function rowsFor(counts: RowCounts, tables: readonly string[]): Record<string, number> {
  if ('every' in counts) return Object.fromEntries(tables.map((table) => [table, counts.every]));
  for (const table of counts.perTable.keys()) {
    if (!tables.includes(table)) {
      throw new UserError(`--num-rows names "${table}", which is not in --table-names (${tables.join(',')}): name the same tables in both`);
    }
  }
  const rows: Record<string, number> = {};
  const missing: string[] = [];
  for (const table of tables) {
    const count = counts.perTable.get(table);
    if (count === undefined) missing.push(table);
    else rows[table] = count;
  }
  if (missing.length > 0) throw new UserError(`--num-rows gives no count for ${missing.join(', ')}: add e.g. ${missing[0]}=1000`);
  return rows;
}

/** --workers: each worker is a thread on libuv's pool, which holds at most 1024. */
export const MOST_WORKERS = 1024;
/**
 * --upload-concurrency: files uploaded at once, each with its own sockets and buffers; past this it is a typo, not a
 * setting (an S3 client keeps a few dozen connections in any case).
 */
export const MOST_UPLOAD_CONCURRENCY = 1024;

/** A whole number from 1 to `most`, in plain digits (`_` allowed between them). */
export function parseBoundedInteger(value: string, flag: string, most: number): number {
  const trimmed = value.trim().replace(/_/g, '');
  const n = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || n < 1 || n > most) throw new UserError(`${flag} must be a whole number from 1 to ${most}, got "${value}"`);
  return n;
}

/**
 * MB in plain decimal digits, from 1 to 1 TB. Exponent and hex forms are refused rather than read: `1e308` would pass
 * as a number and overflow the plan, and `0x10` being 16 is a surprise nobody asks for.
 */
export function parseFileSizeLimit(value: string): number {
  const trimmed = value.trim();
  const mb = Number(trimmed);
  if (!/^\d+(\.\d+)?$/.test(trimmed) || !(mb >= 1 && mb <= MAX_FILE_SIZE_MB)) {
    throw new UserError(`--file-size-limit must be a number of MB from 1 to ${MAX_FILE_SIZE_MB} (1 TB) in plain digits, e.g. 128 or 64.5, got "${value}"`);
  }
  return mb;
}

export function parseSeed(value: string): number {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) {
    throw new UserError(`--seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got "${value}"`);
  }
  return Number(trimmed);
}

/** YYYY-MM-DD, optionally Thh:mm[:ss[.fff]] with a zone (Z or ±hh[:]mm): a time without a zone is ambiguous. */
const AS_OF_SHAPE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2})))?$/i;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface AsOfFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** East of UTC, in minutes. */
  readonly offset: number;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The UTC time of the fields, in ms. Not Date.UTC(), which reads years 0-99 as 1900-1999. */
function utcMillis(fields: AsOfFields): number {
  const date = new Date(0);
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  date.setUTCHours(fields.hour, fields.minute, fields.second, 0);
  return date.getTime() - fields.offset * 60_000;
}

const REAL_DATE = 'pass a real date and time, e.g. 2026-01-31T00:00:00Z';

/**
 * What makes the fields no real date or time, if anything, and what to pass instead. Date.parse() would roll them
 * over (February 30 into March 2, 24:00 into the next day), so a typo would silently become another as-of.
 */
function calendarProblem(f: AsOfFields, zone: string): string | undefined {
  const two = (n: number) => String(n).padStart(2, '0');
  if (f.month < 1 || f.month > 12) return `there is no month ${two(f.month)}; ${REAL_DATE}`;
  const days = daysInMonth(f.year, f.month);
  if (f.day < 1) return `there is no day 00; ${REAL_DATE}`;
  if (f.day > days) return `${MONTHS[f.month - 1]} ${f.year} has ${days} days; ${REAL_DATE}`;
  if (f.hour === 24 && f.minute === 0 && f.second === 0) {
    // ISO 8601 once allowed 24:00 for the end of a day; RFC 3339 and the 2019 ISO revision do not, and it reads two
    // ways. The next day's 00:00 is unambiguous.
    const next = new Date(utcMillis({ ...f, hour: 0, day: f.day + 1, offset: 0 })).toISOString().slice(0, 10);
    return `24:00 is not taken for the end of a day; pass 00:00 of the next day, ${next}T00:00:00${zone}`;
  }
  if (f.hour > 23) return `hour ${two(f.hour)} is not a time of day (00-23); ${REAL_DATE}`;
  if (f.minute > 59) return `minute ${two(f.minute)} does not exist (00-59); ${REAL_DATE}`;
  if (f.second > 59) return `second ${two(f.second)} does not exist (00-59; leap seconds are not taken); ${REAL_DATE}`;
  // Checked as written: +05:75 would otherwise pass as +06:15.
  const [, hours = '0', minutes = '0'] = /^[+-](\d{2}):?(\d{2})$/.exec(zone) ?? [];
  if (Number(hours) > 23 || Number(minutes) > 59) return `the zone offset ${zone} is not one (at most ±23:59); ${REAL_DATE}`;
  return undefined;
}

function asOfFields(match: RegExpExecArray): AsOfFields {
  const number = (index: number) => Number(match[index] ?? '0');
  const sign = match[8] === '-' ? -1 : 1;
  return {
    year: number(1),
    month: number(2),
    day: number(3),
    hour: number(4),
    minute: number(5),
    second: number(6),
    offset: sign * (number(9) * 60 + number(10)),
  };
}

/**
 * An ISO 8601 time with a zone (Z or ±hh:mm) or a date (taken as midnight UTC) given to `flag`; normalised to whole
 * UTC seconds.
 */
function parseTime(value: string, flag: string): string {
  const trimmed = value.trim();
  const match = AS_OF_SHAPE.exec(trimmed);
  if (!match) throw new UserError(`${flag} must be an ISO timestamp with a time zone, e.g. 2026-01-31T00:00:00Z, got "${value}"`);
  const fields = asOfFields(match);
  const problem = calendarProblem(fields, (match[7] ?? 'Z').toUpperCase());
  if (problem) throw new UserError(`${flag} "${value}": ${problem}`);
  const millis = utcMillis(fields);
  const year = new Date(millis).getUTCFullYear();
  if (year < 1990 || year > 9999) throw new UserError(`${flag} must lie between 1990 and 9999, got "${value}"`);
  return new Date(Math.floor(millis / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `--as-of`: the end of the run's window. */
export function parseAsOf(value: string): string {
  return parseTime(value, '--as-of');
}

/** `--since`: where the history of a table without rows starts. */
export function parseSince(value: string): string {
  return parseTime(value, '--since');
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

/** A codec DuckDB writes, by the name the flag takes. */
export function parseCompression(value: string): Codec {
  const name = value.trim().toLowerCase();
  if (!isCodec(name)) throw new UserError(`--compression must be one of ${CODECS.join(', ')}, got "${value}"`);
  return name;
}

/** ZSTD's level: a whole number, negative for its fast levels; which codec it goes with is checked with the run. */
export function parseCompressionLevel(value: string): number {
  const trimmed = value.trim();
  const level = Number(trimmed);
  const problem = /^-?\d+$/.test(trimmed) ? levelProblem('zstd', level) : () => `--compression-level must be a whole number, got "${value}"`;
  if (problem) throw new UserError(problem);
  return level;
}

export function parseRowGroupSize(value: string): number {
  const trimmed = value.trim().replace(/_/g, '');
  const rows = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  const problem = rowGroupProblem(rows);
  if (problem) throw new UserError((words) => problem(words).replace(/got .*$/, `got "${value}"`));
  return rows;
}
