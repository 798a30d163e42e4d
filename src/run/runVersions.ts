/**
 * The versions a run's rows get (versions/tableVersions.ts), under the metadata's lock, before anything is reserved.
 * A schema file's tables were given theirs when the file was loaded (their origin carries the record, and the
 * loader's lines point into the file); every other table's definition is fingerprinted here, by the same rule.
 * A parent the run recomputes is fingerprinted too, so that no child recomputes a field its older rows lack.
 */
import type { Wording } from '../errors/userError.js';
import type { TableRegistry } from '../model/registry.js';
import { originSource } from '../records/tableOrigin.js';
import type { VersionRecord } from '../records/versionRecord.js';
import type { TableState } from '../state/metadata.js';
import { checkReadsAcrossVersions, checkRecordedReaders, parentReads } from '../versions/readsAcrossVersions.js';
import { type DefinitionPrint, type TableVersion, definitionPrint, versionNotice, versionOf } from '../versions/tableVersions.js';
import { isPackaged, packagedLineage } from '../model/packagedTables.js';
import { checkOriginsUnchanged } from './tableOrigins.js';

export interface RunVersions {
  /** The registry whose definitions carry the versions this run's rows get. */
  readonly registry: TableRegistry;
  /** Each table of the run's version record, as the metadata will keep it. */
  readonly records: Readonly<Record<string, VersionRecord>>;
  /** What the run should say: tables whose changed columns make a new version. */
  readonly notices: readonly string[];
}

/** How a refusal names where a table is defined: `--tables ./shop.mjs` to the CLI; nothing for synthgen's own. */
function whereOf(registry: TableRegistry, table: string): Wording | undefined {
  return originSource(registry.originOf(table));
}

/** A table's definition as versions compare it, with the fields of other tables it recomputes. */
interface Printed extends DefinitionPrint {
  readonly reads: Readonly<Record<string, readonly string[]>>;
}

const isTextRecord = (value: unknown): value is Record<string, string> => typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
const isPrinted = (value: unknown): value is Printed => {
  if (typeof value !== 'object' || value === null) return false;
  const { identity, prints, reads } = value as Record<string, unknown>;
  const lists = typeof reads === 'object' && reads !== null && Object.values(reads).every((list) => Array.isArray(list) && list.every((f) => typeof f === 'string'));
  return typeof identity === 'string' && isTextRecord(prints) && lists;
};

/**
 * A table's identity, fingerprints and reads. Compiling a table to fingerprint it costs ~0.1-0.2 CPU-seconds: for
 * the package's own tables, which only a new release changes, it is kept in the disk cache.
 */
async function printOf(registry: TableRegistry, table: string): Promise<Printed> {
  const definition = registry.get(table);
  if (!definition) throw new Error(`unknown table ${table}`);
  const origin = registry.originOf(table);
  // A schema file's tables were fingerprinted when it was loaded: their print is their record's.
  if (origin.kind === 'schema' && origin.record) {
    return { identity: origin.record.identity, prints: origin.record.versions[String(definition.version)] ?? {}, reads: parentReads(registry, table) };
  }
  const compute = async (): Promise<Printed> => ({ ...(await definitionPrint(registry, table)), reads: parentReads(registry, table) });
  return packagedLineage(registry, table) ? registry.cache.value(`table-print-${table}`, compute, isPrinted) : compute();
}

/** A table's version by the dataset's records: a schema file's as its loader decided, any other's fingerprinted now. */
async function versionNow(registry: TableRegistry, table: string, printed: Printed, state: TableState | undefined): Promise<TableVersion> {
  const origin = registry.originOf(table);
  const definition = registry.get(table);
  if (!definition) throw new Error(`unknown table ${table}`);
  if (origin.kind === 'schema' && origin.record) return { version: definition.version, record: origin.record };
  return versionOf({ where: whereOf(registry, table), table, kind: origin.kind, packaged: isPackaged(definition), declared: definition.version, print: printed, state });
}

/**
 * A parent outside the run whose rows were written before versions were recorded is trusted by its version number
 * (tableVersions.ts): if a file made them, its definition must also be the one the metadata's hash says, as the run's
 * own tables are checked (tableOrigins.ts).
 */
async function checkUnversionedModule(registry: TableRegistry, table: string, states: Readonly<Record<string, TableState>>): Promise<void> {
  const state = states[table];
  if (!state?.definition || state.versions || !registry.get(table)) return;
  checkOriginsUnchanged({ [table]: { ...state.definition, sha256: await registry.definitionHash(table) } }, states);
}

/** The tables whose rows `table`'s recompute: its parents, the other parents of its children, those it reads fields of. */
function recomputed(registry: TableRegistry, table: string, printed: Printed): string[] {
  const definition = registry.get(table);
  return [...new Set([...(definition?.parents.map((p) => p.table) ?? []), ...registry.prerequisites(table), ...Object.keys(printed.reads)])];
}

/**
 * The run's tables' versions, checked: no table of the run recomputes a field its parents' older rows were made
 * with otherwise, and no table with rows (loaded, or recorded as a reader) reads a field a new version changes.
 */
export async function runVersions(tables: readonly string[], registry: TableRegistry, states: Readonly<Record<string, TableState>>): Promise<RunVersions> {
  const printed = new Map<string, Printed>();
  const print = async (table: string): Promise<Printed> => {
    const known = printed.get(table) ?? (await printOf(registry, table));
    printed.set(table, known);
    return known;
  };
  const versions = new Map<string, TableVersion>();
  for (const table of tables) versions.set(table, await versionNow(registry, table, await print(table), states[table]));
  for (const table of tables) {
    for (const parent of recomputed(registry, table, await print(table))) {
      if (versions.has(parent)) continue;
      await checkUnversionedModule(registry, parent, states);
      versions.set(parent, await versionNow(registry, parent, await print(parent), states[parent]));
    }
  }
  for (const table of tables) checkReadsAcrossVersions(registry, table, (await print(table)).reads, whereOf(registry, table), versions, states);
  const changed = new Map(tables.flatMap((table) => (versions.get(table)?.changed ? [[table, versions.get(table) as TableVersion] as const] : [])));
  if (changed.size > 0) {
    const others = registry.names.filter((name) => !tables.includes(name) && (states[name]?.segments.length ?? 0) > 0);
    for (const reader of others) checkReadsAcrossVersions(registry, reader, (await print(reader)).reads, whereOf(registry, reader), changed, states);
    checkRecordedReaders(new Set(registry.names), (table) => whereOf(registry, table), changed, states);
  }
  const records = Object.fromEntries(tables.map((table) => [table, (versions.get(table) as TableVersion).record]));
  // A schema file's loader said its tables' notices already.
  const notices = tables.flatMap((table) => {
    const notice = registry.originOf(table).kind === 'schema' ? undefined : versionNotice(table, versions.get(table) as TableVersion);
    return notice ? [notice] : [];
  });
  const revised = tables.some((table) => versions.get(table)?.version !== registry.get(table)?.version);
  return { registry: revised ? reviseVersions(registry, versions, tables) : registry, records, notices };
}

/** The same registry with the run's tables at the versions their rows get. */
function reviseVersions(registry: TableRegistry, versions: ReadonlyMap<string, TableVersion>, tables: readonly string[]): TableRegistry {
  return registry.revised(
    registry.names.map((name) => {
      const definition = registry.get(name);
      if (!definition) throw new Error(`unknown table ${name}`);
      const version = tables.includes(name) ? versions.get(name)?.version : undefined;
      return { definition: version === undefined ? definition : { ...definition, version }, origin: registry.originOf(name) };
    }),
  );
}
