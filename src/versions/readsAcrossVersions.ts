/**
 * A table recomputes fields of its parents' rows (a picked customer's country, an order's total): across versions
 * of a parent, only fields that no version since computed otherwise give the values in the parent's files. A run
 * that would break that is refused before anything is written, for the tables it loads and for those the metadata
 * records as readers (TableOriginRecord.reads).
 */
import { UserError, type Wording, inWords } from '../errors/userError.js';
import type { Vocabulary } from '../errors/vocabulary.js';
import type { TableRegistry } from '../model/registry.js';
import { isPackaged } from '../model/packagedTables.js';
import { isLegacy } from '../records/segment.js';
import { originSource, recordedOrigin } from '../records/tableOrigin.js';
import type { TableState } from '../state/metadata.js';
import { type TableVersion, at } from './tableVersions.js';

/** What to do about a changed field: restore it in the user's file, or continue with the release that made the rows. */
function remedy(registry: TableRegistry, table: string, field: string): string {
  return isPackaged(registry.get(table)) ? `continue the dataset with the synthgen release that made ${table}'s rows` : `restore ${field} as it was, read another column`;
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
export function checkReadsAcrossVersions(
  registry: TableRegistry,
  table: string,
  reads: Readonly<Record<string, readonly string[]>>,
  where: Wording | undefined,
  versions: ReadonlyMap<string, TableVersion>,
  states: Readonly<Record<string, TableState>>,
): void {
  // A children table's rows are made in the same run as their group parent's, never over its older rows.
  const group = registry.get(table)?.children?.parent;
  for (const [parentName, fields] of Object.entries(reads)) {
    const parent = versions.get(parentName);
    if (!parent || parentName === group) continue;
    for (const field of fields) {
      const version = changedUnderRows(parent, parentName, field, states);
      if (version === undefined) continue;
      throw new UserError(
        (w) => `${at(where, w)}${table} reads ${parentName}.${field}, which changed since ${parentName}'s rows of version ${version} were generated: new ${table} rows referencing them would not agree with their files; ${remedy(registry, parentName, field)}, or start a new dataset with another ${w.metadata} and ${w.out}`,
      );
    }
  }
}

/**
 * The same for the readers the metadata records (TableOriginRecord.reads) that are not loaded now: a table of
 * another schema file or module that a run made earlier. Its next run would recompute the changed field.
 */
export function checkRecordedReaders(loaded: ReadonlySet<string>, whereOf: (table: string) => Wording | undefined, versions: ReadonlyMap<string, TableVersion>, states: Readonly<Record<string, TableState>>): void {
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
          (w) => `${at(whereOf(parentName), w)}${parentName}.${field} changed since ${parentName}'s rows of version ${version} were generated, and ${reader} (from ${flag(w)}, not loaded by this run) reads it: new ${reader} rows referencing them would not agree with their files; restore ${field} as it was, pass ${flag(w)} too if ${reader} no longer reads it, or start a new dataset with another ${w.metadata} and ${w.out}`,
        );
      }
    }
  }
}
