/**
 * What the metadata keeps of every table synthgen generates, whatever defines it (synthgen itself, a --tables
 * module, a --schema file): the identity of its rows (what decides which rows exist and when: key, parents,
 * children, arrivals; never to change under existing rows), and for each version of its columns a fingerprint of
 * each field. A later run whose definition computes a field otherwise makes the next version (versions/tableVersions.ts);
 * a child may keep reading an older version's rows only through fields no version changed.
 *
 * For a schema file's table each version also keeps what `synthgen verify` checks of its rows (its bounds, times held
 * to the as-of, unique columns and rules, as of the last run that made rows of it): verify holds each row to its own
 * version's definition, which the schema file no longer says once a later version changed it. A few hundred bytes a
 * version; versions come only from runs, so the record grows with runs that change a definition, never with rows.
 */
export interface VersionRecord {
  readonly identity: string;
  /** Version (as text) -> field -> fingerprint. */
  readonly versions: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Version (as text) -> what verify checks of its rows: a schema file's tables only, and not versions an earlier synthgen recorded. */
  readonly checks?: Readonly<Record<string, VersionChecks>>;
}

/** A parent a rule reads: joined by `alias` on this table's `column` = the parent's `key`. */
export interface RuleJoin {
  readonly alias: string;
  readonly table: string;
  readonly column: string;
  readonly key: string;
}

/** A rule as verify runs it: `check` with every column name already qualified ("table"."column", "alias"."column"). */
export interface RecordedRule {
  readonly name: string;
  readonly check: string;
  readonly joins: readonly RuleJoin[];
}

/** What verify checks of a version's rows, beside its keys and references (which the identity fixes). */
export interface VersionChecks {
  /** Numeric columns with a bound: [minimum, maximum], inclusive, null where there is none. */
  readonly bounds: Readonly<Record<string, readonly [number | null, number | null]>>;
  /** Date and time columns whose values may not lie after their run's as-of. */
  readonly as_of: readonly string[];
  /** Columns besides the key whose values never repeat. */
  readonly unique: readonly string[];
  readonly rules: readonly RecordedRule[];
}

const HEX = /^[0-9a-f]{64}$/;
const VERSION = /^[1-9]\d{0,8}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isTexts = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);
const isBound = (value: unknown): value is number | null => value === null || (typeof value === 'number' && Number.isFinite(value));

function parseBounds(value: unknown): Record<string, readonly [number | null, number | null]> | undefined {
  if (!isRecord(value)) return undefined;
  const bounds: [string, readonly [number | null, number | null]][] = [];
  for (const [column, pair] of Object.entries(value)) {
    if (!Array.isArray(pair) || pair.length !== 2 || !isBound(pair[0]) || !isBound(pair[1])) return undefined;
    bounds.push([column, [pair[0], pair[1]]]);
  }
  // fromEntries, not assignment: a column named "__proto__" stays a key.
  return Object.fromEntries(bounds);
}

function parseRule(value: unknown): RecordedRule | undefined {
  if (!isRecord(value) || !isText(value.name) || !isText(value.check) || !Array.isArray(value.joins)) return undefined;
  const joins: RuleJoin[] = [];
  for (const join of value.joins) {
    if (!isRecord(join) || !isText(join.alias) || !isText(join.table) || !isText(join.column) || !isText(join.key)) return undefined;
    joins.push({ alias: join.alias, table: join.table, column: join.column, key: join.key });
  }
  return { name: value.name, check: value.check, joins };
}

/** A version's checks, or undefined when `value` is not what synthgen writes. */
function parseChecks(value: unknown): VersionChecks | undefined {
  if (!isRecord(value) || !isTexts(value.as_of) || !isTexts(value.unique) || !Array.isArray(value.rules)) return undefined;
  const bounds = parseBounds(value.bounds);
  const rules = value.rules.map(parseRule);
  if (!bounds || rules.some((rule) => rule === undefined)) return undefined;
  return { bounds, as_of: [...value.as_of], unique: [...value.unique], rules: rules.filter((rule) => rule !== undefined) };
}

function parseVersions(value: unknown): Record<string, Record<string, string>> | undefined {
  if (!isRecord(value)) return undefined;
  const versions: Record<string, Record<string, string>> = {};
  for (const [version, fields] of Object.entries(value)) {
    if (!VERSION.test(version) || !isRecord(fields)) return undefined;
    const prints = Object.entries(fields);
    if (!prints.every(([, print]) => typeof print === 'string' && HEX.test(print))) return undefined;
    versions[version] = Object.fromEntries(prints) as Record<string, string>;
  }
  return Object.keys(versions).length > 0 ? versions : undefined;
}

/** The record, or undefined when `value` is not one synthgen writes. */
export function parseVersionRecord(value: unknown): VersionRecord | undefined {
  if (!isRecord(value) || typeof value.identity !== 'string' || !HEX.test(value.identity)) return undefined;
  const versions = parseVersions(value.versions);
  if (!versions) return undefined;
  if (value.checks === undefined) return { identity: value.identity, versions };
  if (!isRecord(value.checks)) return undefined;
  const checks: Record<string, VersionChecks> = {};
  for (const [version, entry] of Object.entries(value.checks)) {
    const parsed = parseChecks(entry);
    if (!Object.hasOwn(versions, version) || !parsed) return undefined;
    checks[version] = parsed;
  }
  return { identity: value.identity, versions, checks };
}
