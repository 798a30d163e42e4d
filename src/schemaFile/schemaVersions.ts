/**
 * Versions of a schema file's tables across runs. A table's rows are told apart by their identity (key, parents,
 * children, arrivals: which rows exist and when they were created), which never changes under existing rows, and
 * by a fingerprint of each field (its compiled SQL, the fields it reads and the pools' values): a run whose file
 * changed a field makes the table's next version. Older rows stay as they were written; a child may still
 * reference them, but may recompute through them only fields that no version since changed.
 */
import { createHash } from 'node:crypto';
import { UserError, type Wording, inWords } from '../errors/userError.js';
import type { TableRegistry } from '../model/registry.js';
import { originSource, recordedOrigin } from '../records/tableOrigin.js';
import type { Vocabulary } from '../errors/vocabulary.js';
import { poolValues } from '../model/poolValues.js';
import type { TableState } from '../state/metadata.js';
import { isLegacy } from '../records/segment.js';
import type { SchemaRecord, VersionChecks } from '../records/schemaRecord.js';
import type { TableSpec } from './format/schemaFormat.js';

/** The pseudo-field standing for the whole query (a children count, say, is in no field). */
const WHOLE = '(query)';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** What decides which rows a table has and when they were created. */
export function identityOf(spec: TableSpec): string {
  const refs = spec.columns
    .filter((c) => c.generator === 'ref')
    .map((c) => [c.name, typeof c.options === 'string' ? c.options : (c.options as { table: string }).table])
    .sort();
  return sha(JSON.stringify({ key: spec.key, parents: refs, children: spec.children?.of ?? null, arrivals: spec.arrivals ?? 'even' }));
}

/** Each field's fingerprint, by name, as the stand-in compile of the table has it. */
export async function fingerprints(registry: TableRegistry, table: string): Promise<Record<string, string>> {
  const compiled = registry.compileForCheck(table);
  const pools = new Map<string, string>();
  for (const pool of compiled.pools) pools.set(pool.name, sha(JSON.stringify(await poolValues(pool, registry.poolCache(pool)))));
  const memo = new Map<string, string>();
  const printOf = (node: string): string => {
    const known = memo.get(node);
    if (known) return known;
    const read = compiled.reads.get(node);
    if (!read) return node; // the row's own source (its ID, a line number, an aggregate): fixed by the identity
    memo.set(node, 'cycle');
    const inputs = read.inputs.map((input) => (input.startsWith('pool ') ? `${input}:${pools.get(input.slice(5)) ?? ''}` : input));
    const print = sha(JSON.stringify([read.sql, inputs, read.fields.map(printOf)]));
    memo.set(node, print);
    return print;
  };
  const definition = registry.get(table);
  const prints: Record<string, string> = { [WHOLE]: sha(compiled.select(1, 1000)) };
  for (const field of [...(definition?.helpers ?? []), ...(definition?.columns ?? [])]) {
    const column = definition?.columns.find((c) => c.name === field.name);
    prints[field.name] = sha(`${printOf(field.name)}:${column?.type ?? ''}`);
  }
  return prints;
}

function sameFields(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export interface TableVersion {
  readonly version: number;
  readonly record: SchemaRecord;
  /** Set when the fields changed since the last version: which ones. */
  readonly changed?: readonly string[];
}

/** The file's definition of a table: the identity of its rows, its fields' fingerprints, and what verify checks. */
export interface FileDefinition {
  readonly identity: string;
  readonly prints: Record<string, string>;
  readonly checks: VersionChecks;
}

/**
 * The version this run's rows of a table get, or one line saying why its rows cannot continue. The version's
 * checks are the file's: for a version that exists, the rows are made by the same fields, and what the file now says
 * of them (a rule added, say) holds for them all.
 */
export function versionOf(where: string, table: string, file: FileDefinition, state: TableState | undefined): TableVersion {
  const { identity, prints, checks } = file;
  const recorded = state?.definition;
  const rows = (state?.segments.length ?? 0) > 0;
  if (!recorded?.schema) {
    if (rows) {
      const by = recorded ? `by ${recorded.module}` : 'by synthgen itself';
      throw new UserError((w) => `${where}: table ${table} already has rows, made ${by}, not by a schema file: rename the table, or start a new dataset with another ${w.metadata} and ${w.out}`);
    }
    return { version: 1, record: { identity, versions: { '1': prints }, checks: { '1': checks } } };
  }
  if (recorded.schema.identity !== identity) {
    throw new UserError(
      (w) => `${where}: the key, parents, children or arrivals of ${table} changed since its rows were generated (from ${recorded.module}), so new rows would not continue them: restore them as they were, or start a new dataset with another ${w.metadata} and ${w.out}`,
    );
  }
  const latest = Math.max(...Object.keys(recorded.schema.versions).map(Number));
  const before = recorded.schema.versions[String(latest)] ?? {};
  const version = sameFields(before, prints) ? latest : latest + 1;
  const record: SchemaRecord = {
    identity,
    versions: { ...recorded.schema.versions, [String(version)]: prints },
    checks: { ...recorded.schema.checks, [String(version)]: checks },
  };
  if (version === latest) return { version, record };
  const changed = Object.keys({ ...before, ...prints }).filter((field) => field !== WHOLE && before[field] !== prints[field]);
  return { version, record, changed };
}

/** The versions of `parent` that rows exist of, besides the one this run's rows get. */
function olderVersions(parent: string, version: number, states: Readonly<Record<string, TableState>>): Set<number> {
  return new Set((states[parent]?.segments ?? []).flatMap((segment) => (isLegacy(segment) || segment.version === version ? [] : [segment.version])));
}

/** The first older version of `parent` with rows whose `field` its new version computes otherwise, if any. */
function changedUnderRows(parent: TableVersion, parentName: string, field: string, states: Readonly<Record<string, TableState>>): number | undefined {
  const now = parent.record.versions[String(parent.version)]?.[field];
  for (const version of olderVersions(parentName, parent.version, states)) {
    const then = parent.record.versions[String(version)]?.[field];
    if (then !== undefined && then !== now) return version;
  }
  return undefined;
}

/** The fields of other tables that `table`'s query recomputes from their rows, by table. */
export function parentReads(registry: TableRegistry, table: string): Record<string, string[]> {
  const reads = new Map<string, Set<string>>();
  for (const read of registry.compileForCheck(table).reads.values()) {
    if (read.engine || read.table === table) continue;
    const fields = reads.get(read.table) ?? new Set<string>();
    reads.set(read.table, fields.add(read.field));
  }
  return Object.fromEntries([...reads].sort(([a], [b]) => a.localeCompare(b)).map(([parent, fields]) => [parent, [...fields].sort()]));
}

/**
 * Refuses a table that recomputes a field of a parent's rows of an older version which that version computed
 * otherwise: its values would disagree with the parent's files.
 */
export function checkReadsAcrossVersions(registry: TableRegistry, table: string, where: Wording, versions: ReadonlyMap<string, TableVersion>, states: Readonly<Record<string, TableState>>): void {
  for (const [parentName, fields] of Object.entries(parentReads(registry, table))) {
    const parent = versions.get(parentName);
    if (!parent) continue;
    for (const field of fields) {
      const version = changedUnderRows(parent, parentName, field, states);
      if (version === undefined) continue;
      throw new UserError(
        (w) => `${inWords(where, w)}: ${table} reads ${parentName}.${field}, which changed since ${parentName}'s rows of version ${version} were generated: new ${table} rows referencing them would not agree with their files; restore ${field} as it was, read another column, or start a new dataset with another ${w.metadata} and ${w.out}`,
      );
    }
  }
}

/**
 * The same for the readers the metadata records (TableOriginRecord.reads) that are not loaded now: a table of
 * another schema file or module that a run made earlier. Its next run would recompute the changed field.
 */
export function checkRecordedReaders(loaded: ReadonlySet<string>, whereOf: (table: string) => string, versions: ReadonlyMap<string, TableVersion>, states: Readonly<Record<string, TableState>>): void {
  for (const [reader, state] of Object.entries(states)) {
    const origin = state.definition;
    if (!origin?.reads || loaded.has(reader)) continue;
    for (const [parentName, fields] of Object.entries(origin.reads)) {
      const parent = versions.get(parentName);
      if (!parent) continue;
      for (const field of fields) {
        const version = changedUnderRows(parent, parentName, field, states);
        if (version === undefined) continue;
        const source = originSource(recordedOrigin(origin));
        const flag = (w: Vocabulary) => source?.(w) ?? '';
        throw new UserError(
          (w) => `${whereOf(parentName)}: ${parentName}.${field} changed since ${parentName}'s rows of version ${version} were generated, and ${reader} (from ${flag(w)}, not loaded by this run) reads it: new ${reader} rows referencing them would not agree with their files; restore ${field} as it was, pass ${flag(w)} too if ${reader} no longer reads it, or start a new dataset with another ${w.metadata} and ${w.out}`,
        );
      }
    }
  }
}
