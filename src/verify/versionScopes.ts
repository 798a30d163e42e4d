/**
 * Which definition each row of a table is checked against. A schema file's table changes between runs by versions
 * (schemaVersions.ts): a row is held to the bounds, times, unique columns and rules of the version that made it,
 * which the metadata records (versionRecord.ts), never to a later version's. The manifests here say which run, and so
 * which version, made which file: a check of some versions reads their files alone. A check that several versions share is made once over all their rows; one that only
 * some versions have names them ("(rows of version 1)"). Where no definition of a version is recorded (metadata
 * of an earlier synthgen, or none), its rows are checked only where the file computes them as that version did, and
 * the report says what was not checked. Every other table has one definition: all its rows are checked against it.
 */
import type { Rule, TableDefinition } from '../model/tableDefinition.js';
import { ruleOf } from '../schemaFile/compile/rules.js';
import { checksOf } from '../schemaFile/versionChecks.js';
import type { VersionRecord, VersionChecks } from '../records/versionRecord.js';
import { type IdRange, describeRanges, mergeRanges } from './idRanges.js';
import type { VerifyCheck } from './verifyReport.js';

/** The rows a check applies to: those of the files of some versions, read apart, so in those versions' types. */
export interface RowScope {
  /** The versions whose rows it applies to; absent: every row. */
  readonly versions?: readonly number[];
  /** Appended to the check's name: empty for every row, ` (rows of version 1)` for some. */
  readonly label: string;
}

export type ColumnCheck =
  | { readonly kind: 'as-of'; readonly column: string; readonly scope: RowScope }
  | { readonly kind: 'bounds'; readonly column: string; readonly low: number | null; readonly high: number | null; readonly scope: RowScope };

export interface TableChecks {
  /** In column order; a column's check per version after the first only where it differs. */
  readonly values: readonly ColumnCheck[];
  readonly unique: readonly { readonly column: string; readonly scope: RowScope }[];
  readonly rules: readonly { readonly rule: Rule; readonly scope: RowScope }[];
  /** What could not be checked, and why. */
  readonly notes: readonly VerifyCheck[];
}

/** A run's IDs of a table here and the version it made them as (by its manifest). */
export interface VersionRun {
  readonly first_id: number;
  readonly last_id: number;
  readonly version?: number;
}

/** How verify knows a schema table's versions: its record, and whether the dataset's metadata holds it. */
export interface RecordedVersions {
  readonly record: VersionRecord;
  /** False when the metadata does not record the table: the record is only what the file says now. */
  readonly inMetadata: boolean;
}

const ALL: RowScope = { label: '' };

type Unscoped<T> = T extends unknown ? Omit<T, 'scope'> : never;

/** The checks of a table with one definition: every row is checked against it. */
function unversioned(definition: TableDefinition): TableChecks {
  const checks = checksOf(definition);
  return {
    values: columnChecks(checks, ALL, definition.columns.map((c) => c.name)),
    unique: checks.unique.map((column) => ({ column, scope: ALL })),
    rules: (definition.rules ?? []).map((rule) => ({ rule, scope: ALL })),
    notes: [],
  };
}

/** Each column's as-of check, then its bounds, in `order`. */
function columnChecks(checks: VersionChecks, scope: RowScope, order: readonly string[]): ColumnCheck[] {
  return order.flatMap((column): ColumnCheck[] => {
    const bounds = Object.hasOwn(checks.bounds, column) ? checks.bounds[column] : undefined;
    return [
      ...(checks.as_of.includes(column) ? [{ kind: 'as-of' as const, column, scope }] : []),
      ...(bounds ? [{ kind: 'bounds' as const, column, low: bounds[0], high: bounds[1], scope }] : []),
    ];
  });
}

function scopeOf(versions: readonly number[], here: readonly number[]): RowScope {
  if (here.every((v) => versions.includes(v))) return ALL;
  const sorted = [...versions].sort((a, b) => a - b);
  return { versions: sorted, label: ` (rows of version${sorted.length === 1 ? '' : 's'} ${sorted.join(', ')})` };
}

/** Adds `item` to the versions sharing it, by `key`, in first-seen order. */
function gather<T>(groups: Map<string, { item: T; versions: number[] }>, key: string, item: T, version: number): void {
  const group = groups.get(key);
  if (group) group.versions.push(version);
  else groups.set(key, { item, versions: [version] });
}

interface VersionDefinition {
  readonly checks: VersionChecks;
  readonly note?: VerifyCheck;
}

/** What a version without a recorded definition is still checked for: what the file computes as it did. */
function partial(table: string, version: number, ranges: readonly IdRange[], file: VersionChecks, then: Readonly<Record<string, string>> | undefined, now: Readonly<Record<string, string>>, why: string): VersionDefinition {
  const same = (column: string) => then?.[column] !== undefined && then[column] === now[column];
  // A column the version did not have has nothing to check; unknown without its fingerprints.
  const left = (column: string) => !same(column) && (then === undefined || then[column] !== undefined);
  const keep = <T>(entries: readonly [string, T][]) => entries.filter(([column]) => same(column));
  const checks: VersionChecks = {
    bounds: Object.fromEntries(keep(Object.entries(file.bounds))),
    as_of: file.as_of.filter(same),
    unique: file.unique.filter(same),
    rules: [],
  };
  const unchecked = [
    ...Object.entries(file.bounds).filter(([column]) => left(column)).map(([column, [low, high]]) => `${column} ${describeBounds(low, high)}`),
    ...file.as_of.filter(left).map((column) => `${column} not after as-of`),
    ...file.unique.filter(left).map((column) => `${column} unique`),
    ...file.rules.map((rule) => `rule "${rule.name}"`),
  ];
  const detail = `${why}: its rows (IDs ${describeRanges(ranges)}) are checked against this file only where it computes them as version ${version} did${unchecked.length ? `; not checked on them: ${unchecked.join(', ')}` : ''}`;
  return { checks, note: { check: `${table} version ${version}`, result: 'skipped', detail } };
}

/** `0 to 10`, `at least 0`, `at most 5`. */
export function describeBounds(low: number | null, high: number | null): string {
  if (low !== null && high !== null) return `${low} to ${high}`;
  return low !== null ? `at least ${low}` : `at most ${high ?? ''}`;
}

/** The definition rows of `version` are checked against. */
function definitionOf(definition: TableDefinition, recorded: RecordedVersions, version: number, fileVersion: number, ranges: readonly IdRange[]): VersionDefinition {
  const { record, inMetadata } = recorded;
  const file = record.checks?.[String(definition.version)] ?? checksOf(definition);
  if (version === fileVersion) return { checks: file };
  const kept = inMetadata ? record.checks?.[String(version)] : undefined;
  if (kept) return { checks: kept };
  const then = inMetadata ? record.versions[String(version)] : undefined;
  const now = record.versions[String(definition.version)] ?? {};
  const why = !inMetadata
    ? `the metadata does not record ${definition.name}, so this file is taken as the definition of version ${fileVersion}, the latest here, and version ${version}'s is not recorded`
    : then
      ? `its definition is not recorded in the metadata (written by an earlier synthgen)`
      : `the metadata records no version ${version} of ${definition.name}, so its definition is not recorded`;
  return partial(definition.name, version, ranges, file, then, now, why);
}

/** The checks of each row of `definition`, by the version that made it; `runs` are the runs here that made its rows. */
export function tableChecks(definition: TableDefinition, recorded: RecordedVersions | undefined, runs: readonly VersionRun[]): TableChecks {
  if (!recorded) return unversioned(definition);
  // Loops, not spreads: a table may have hundreds of thousands of runs.
  const byVersion = new Map<number, IdRange[]>();
  for (const run of runs) {
    const version = run.version ?? definition.version;
    const ranges = byVersion.get(version) ?? [];
    if (ranges.length === 0) byVersion.set(version, ranges);
    ranges.push(run);
  }
  const here = [...byVersion.keys()].sort((a, b) => a - b);
  const fileVersion = recorded.inMetadata ? definition.version : Math.max(...here, 1);
  const values = new Map<string, { item: Unscoped<ColumnCheck>; versions: number[] }>();
  const unique = new Map<string, { item: string; versions: number[] }>();
  const rules = new Map<string, { item: Rule; versions: number[] }>();
  const notes: VerifyCheck[] = [];
  const order = definition.columns.map((c) => c.name);
  for (const version of here) {
    const { checks, note } = definitionOf(definition, recorded, version, fileVersion, mergeRanges(byVersion.get(version) ?? []));
    if (note) notes.push(note);
    for (const column of [...Object.keys(checks.bounds), ...checks.as_of]) if (!order.includes(column)) order.push(column);
    for (const { scope: _all, ...item } of columnChecks(checks, ALL, order)) gather(values, JSON.stringify(item), item, version);
    for (const column of checks.unique) gather(unique, column, column, version);
    for (const rule of checks.rules) gather(rules, JSON.stringify(rule), ruleOf(definition.name, definition.primaryKey, rule), version);
  }
  if (recorded.inMetadata && !here.includes(definition.version)) {
    const made = here.length ? `; rows here are checked against the versions that made them (${here.join(', ')})` : '';
    notes.push({ check: `${definition.name} version ${definition.version}`, result: 'skipped', detail: `no rows here are of version ${definition.version}, this file's definition of ${definition.name}${made}` });
  }
  const columnOrder = (check: ColumnCheck) => order.indexOf(check.column);
  return {
    values: [...values.values()]
      .map(({ item, versions }, i) => ({ check: { ...item, scope: scopeOf(versions, here) }, i }))
      .sort((a, b) => columnOrder(a.check) - columnOrder(b.check) || a.i - b.i)
      .map(({ check }) => check),
    unique: [...unique.values()].map(({ item, versions }) => ({ column: item, scope: scopeOf(versions, here) })),
    rules: [...rules.values()].map(({ item, versions }) => ({ rule: item, scope: scopeOf(versions, here) })),
    notes,
  };
}
