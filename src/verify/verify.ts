/**
 * `synthgen verify`: checks a dataset folder against the manifests of the runs that made it (runManifest.ts) and
 * against the tables' own invariants. Every file a manifest lists must be present with its size, SHA-256, row count
 * and ID range; no Parquet file may be missing from every manifest; primary keys must be unique and contiguous,
 * unique columns unique, foreign keys must resolve, no date or time may be after its run's as-of (unless its column
 * says it may), bounded numbers must lie within their bounds, and each table's rules (tableDefinition.ts) must hold;
 * a violation names the first few offending rows' keys. A schema file's table is checked row by row against the
 * version that made the row (versionScopes.ts). The engine knows no table: all of that comes from the definitions.
 *
 * One metadata file may record runs that wrote to different places (a folder, then a bucket): the runs whose
 * manifests are not here are said to be elsewhere, and references to their IDs are checked against the metadata.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { realpath } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors/userError.js';
import { LIBRARY_WORDS, type Vocabulary } from '../errors/vocabulary.js';
import { type IdRange, mergeRanges } from './idRanges.js';
import type { Metadata, RunRecord } from '../state/metadata.js';
import { RUNS_FOLDER, type RunManifest } from '../state/runManifest.js';
import type { S3Target } from '../records/s3Target.js';
import { isLegacy } from '../records/segment.js';
import { quotedIdentifier, quotedString } from '../model/sql.js';
import type { TableRegistry } from '../model/registry.js';
import { originPath } from '../records/tableOrigin.js';
import { checkTablesKnown } from '../state/checkTablesKnown.js';
import { checkListedFiles, loadManifests, unlistedFiles } from './verifyFiles.js';
import { duckdbApi } from '../workers/duckdbApi.js';
import { readerScratch } from '../workers/scratchFolder.js';
import { readerLimit } from '../errors/writeFailure.js';
import type { VerifyCheck, VerifyReport } from './verifyReport.js';
import { type TableScope, checkTable, withLegacyRows } from './verifyTables.js';
import type { RunAsOf } from './valueChecks.js';
import type { RecordedVersions, VersionRun } from './versionScopes.js';
import { sha256File } from '../files/fileChecksum.js';

export type { VerifyCheck, VerifyReport } from './verifyReport.js';

export interface VerifyOptions {
  /** The local folder holding the dataset (for S3, the folder it was downloaded into). */
  readonly root: string;
  /** How the report names the dataset; `root` by default. */
  readonly label?: string;
  readonly metadata?: Metadata;
  /** The S3 prefix the dataset was downloaded from: which of the metadata's runs are here is judged by it. */
  readonly s3?: S3Target;
  /** The tables the dataset may hold: the built-in ones and a user's modules', as the caller's door builds them. */
  readonly registry: TableRegistry;
  /** Findings made before the files were read (an object that was not downloaded, say), reported first. */
  readonly findings?: readonly VerifyCheck[];
  /** The metadata's folder: where it keeps the original tool's rows that other tables reference. */
  readonly metadataFolder?: string;
  /** Each DuckDB thread's memory limit in MB, when the caller sets one (the CLI: SYNTHGEN_WORKER_MEMORY_MB). */
  readonly memoryPerThreadMB?: number;
  /** The words findings name settings and next steps in (errors/vocabulary.ts): the library's unless given. */
  readonly words?: Vocabulary;
}

/** Runs elsewhere listed one by one up to this many; more are summed up in one line. */
const LISTED_ELSEWHERE = 10;

/** Whether a run record's manifest reference names this dataset's manifests folder. */
async function manifestFolderMatcher(options: VerifyOptions): Promise<(reference: string) => Promise<boolean>> {
  const { s3 } = options;
  if (s3) {
    const folder = `s3://${s3.bucket}/${s3.prefix}${RUNS_FOLDER}/`;
    return async (reference) => reference.startsWith(folder) && !reference.slice(folder.length).includes('/');
  }
  // Local references are absolute paths as the run resolved them; compare real paths so a symlinked --out matches.
  const real = (path: string) => realpath(path).catch(() => resolve(path));
  const here = await real(join(options.root, RUNS_FOLDER));
  const folders = new Map<string, Promise<string>>();
  return async (reference) => {
    if (reference.startsWith('s3://')) return false;
    const folder = dirname(resolve(reference));
    let resolved = folders.get(folder);
    if (!resolved) folders.set(folder, (resolved = real(folder)));
    return (await resolved) === here;
  };
}

/**
 * A violation for each run of the metadata whose manifest should be here and is not; a skipped line for the runs
 * whose manifests are elsewhere (summed up when there are many).
 */
async function placeRuns(options: VerifyOptions, label: string, names: ReadonlySet<string>, hereRuns: ReadonlySet<string>): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  const elsewhere: RunRecord[] = [];
  const pointsHere = await manifestFolderMatcher(options);
  for (const run of options.metadata?.runs ?? []) {
    // Runs from before manifests existed; and those whose manifest is here (an unreadable one is reported as such).
    if (!run.manifest || hereRuns.has(run.run_id) || names.has(`${run.run_id}.json`)) continue;
    if (await pointsHere(run.manifest)) {
      checks.push({ check: `run ${run.run_id}`, result: 'violation', detail: `its manifest ${run.manifest} is not in ${label}/${RUNS_FOLDER}` });
    } else {
      elsewhere.push(run);
    }
  }
  if (elsewhere.length <= LISTED_ELSEWHERE) {
    for (const run of elsewhere) {
      checks.push({
        check: `run ${run.run_id}`,
        result: 'skipped',
        detail: `its files are elsewhere (its manifest is ${run.manifest}); references to its IDs are checked against the metadata`,
      });
    }
  } else {
    const examples = elsewhere.slice(0, 3).map((run) => run.manifest);
    checks.push({
      check: `${elsewhere.length} runs elsewhere`,
      result: 'skipped',
      detail: `their files are not here (their manifests are ${examples.join(', ')} and others); references to their IDs are checked against the metadata`,
    });
  }
  return checks;
}

/** The ranges a table's IDs take by the manifests here, merged. */
function hereIdsOf(manifests: readonly RunManifest[]): (table: string) => IdRange[] {
  return (table) => {
    const ranges: IdRange[] = [];
    for (const manifest of manifests) {
      const range = manifest.tables[table];
      if (range) ranges.push(range);
    }
    return mergeRanges(ranges);
  };
}

/** The runs here that made each table's rows, with their as-of, by their manifests. */
function runsOf(manifests: readonly RunManifest[]): (table: string) => RunAsOf[] {
  return (table) => {
    const runs: RunAsOf[] = [];
    for (const manifest of manifests) {
      const range = manifest.tables[table];
      if (range) runs.push({ first_id: range.first_id, last_id: range.last_id, as_of: manifest.as_of });
    }
    return runs;
  };
}

/** The version a run made a table's rows as, by its manifest (which says it for every table it made). */
function versionIn(manifest: RunManifest, table: string): number | undefined {
  return Object.hasOwn(manifest.table_versions, table) ? manifest.table_versions[table] : undefined;
}

/** The runs here that made each table's rows, with the version each made them as, by their manifests. */
function versionRunsOf(manifests: readonly RunManifest[]): (table: string) => VersionRun[] {
  return (table) => {
    const runs: VersionRun[] = [];
    for (const manifest of manifests) {
      const range = manifest.tables[table];
      const version = versionIn(manifest, table);
      if (range) runs.push({ first_id: range.first_id, last_id: range.last_id, ...(version === undefined ? {} : { version }) });
    }
    return runs;
  };
}

/** The rows of Parquet files; those of a schema table's versions may differ in columns (one added, one removed): by name. */
function readFiles(paths: readonly string[], byName: boolean): string {
  return `read_parquet([${paths.map(quotedString).join(', ')}]${byName ? ', union_by_name = true' : ''})`;
}

/** See TableScope.relationOf: a version's files read apart, so their columns have that version's types. */
function relationOf(root: string, manifests: readonly RunManifest[], readable: ReadonlyMap<string, readonly string[]>, registry: TableRegistry): (table: string, versions?: readonly number[]) => string | undefined {
  return (table, versions) => {
    if (!versions) return readable.has(table) ? quotedIdentifier(table) : undefined;
    const here = new Set(readable.get(table) ?? []);
    const paths: string[] = [];
    for (const manifest of manifests) {
      if (!versions.includes(versionIn(manifest, table) ?? registry.get(table)?.version ?? 0)) continue;
      for (const file of manifest.files) if (file.table === table && here.has(join(root, file.path))) paths.push(join(root, file.path));
    }
    return paths.length > 0 ? `(SELECT * FROM ${readFiles([...new Set(paths)], true)})` : undefined;
  };
}

/** See TableScope.versionsOf: a schema table's record, as the file and the metadata give it. */
function versionsOf(registry: TableRegistry, metadata: Metadata | undefined): (table: string) => RecordedVersions | undefined {
  return (table) => {
    const origin = registry.originOf(table);
    const record = origin.kind === 'schema' ? origin.record : undefined;
    return record ? { record, inMetadata: metadata?.tables[table]?.versions !== undefined } : undefined;
  };
}

/** See TableScope.elsewhereIds. Legacy segments have no run and no manifest: their files are never here. */
function elsewhereIdsOf(metadata: Metadata | undefined, present: ReadonlySet<string>, hereRuns: ReadonlySet<string>): (table: string) => IdRange[] | undefined {
  const known = new Map<string, IdRange[] | undefined>();
  return (table) => {
    if (known.has(table)) return known.get(table);
    const state = metadata?.tables[table];
    const ranges = state
      ? mergeRanges(present.has(table) ? state.segments.filter((segment) => isLegacy(segment) || !hereRuns.has(segment.run_id)) : state.segments)
      : undefined;
    known.set(table, ranges);
    return ranges;
  };
}

/**
 * The original tool's rows that other tables reference (state/legacy/legacyRows.ts): for each table synthgen read
 * them for, a view of its rows here and those kept beside the metadata, under the table's own column names, which the
 * other tables' cross-table rules read instead of the table alone. An order of an old customer is then checked as any
 * other. Creates the views; returns the tables that have one. A snapshot missing or changed is a violation, and no view.
 */
async function legacyViews(connection: DuckDBConnection, registry: TableRegistry, metadata: Metadata | undefined, folder: string | undefined, present: ReadonlySet<string>, checks: VerifyCheck[]): Promise<Set<string>> {
  const viewed = new Set<string>();
  if (!metadata || folder === undefined) return viewed;
  for (const [table, state] of Object.entries(metadata.tables)) {
    const record = state.legacy_rows;
    const spec = registry.legacyLayout(table);
    if (!record || !spec) continue;
    const path = join(folder, record.file);
    const check = `${table} of the original tool`;
    const sha = await sha256File(path).catch(() => undefined);
    if (sha !== record.sha256) {
      checks.push({ check, result: 'violation', detail: `${path}, which the metadata records, is ${sha === undefined ? 'missing' : 'not what it records (another SHA-256)'}: rules over them are not checked` });
      continue;
    }
    const theirs = spec.asTable(`read_parquet(${quotedString(path)})`);
    const rows = present.has(table) ? `SELECT * FROM ${quotedIdentifier(table)} UNION ALL BY NAME ${theirs}` : theirs;
    await connection.run(`CREATE VIEW ${quotedIdentifier(withLegacyRows(table))} AS ${rows}`);
    checks.push({ check, result: 'ok', detail: `${record.rows} rows read from ${record.source}, kept in ${path}: other tables' rules read them with ${table}` });
    viewed.add(table);
  }
  return viewed;
}

/** push(...more) would overflow the stack with a few hundred thousand lines (unlisted files, say). */
function append(checks: VerifyCheck[], more: readonly VerifyCheck[]): void {
  for (const check of more) checks.push(check);
}

export async function verifyDataset(options: VerifyOptions): Promise<VerifyReport> {
  const { root } = options;
  const label = options.label ?? root;
  const loaded = await loadManifests(root);
  if (loaded.manifests.length === 0 && loaded.checks.length === 0) {
    throw new UserError((w) => `no run manifests in ${label}/${RUNS_FOLDER}: point ${w.datasetFolder} (or ${w.datasetS3}) at a folder synthgen generated into`);
  }
  const { registry } = options;
  // A table of a user's module is checked against its definitions: without the module, say which to pass. Any
  // other unknown table (a foreign or doctored manifest) is a finding of the report.
  const recorded = options.metadata?.tables ?? {};
  checkTablesKnown(Object.keys(recorded).filter((name) => recorded[name]?.definition !== undefined), registry, recorded);
  const checks: VerifyCheck[] = [...(options.findings ?? []), ...loaded.checks];
  const hereRuns = new Set(loaded.manifests.map((m) => m.run_id));
  append(checks, await placeRuns(options, label, loaded.names, hereRuns));

  const scratch = await readerScratch('verify', 2, options.memoryPerThreadMB);
  const instance = await duckdbApi()
    .DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', ...scratch.duckdbSettings })
    .catch((error: unknown) => {
      scratch.remove();
      throw error;
    });
  const connection = await instance.connect();
  try {
    await connection.run(`SET TimeZone = 'UTC'`);
    const files = await checkListedFiles(connection, root, loaded.manifests, checks, registry.lookup);
    append(checks, await unlistedFiles(root, files.listed, registry.definitions, options.words ?? LIBRARY_WORDS));
    for (const [table, paths] of files.readable) {
      await connection.run(`CREATE VIEW ${quotedIdentifier(table)} AS SELECT * FROM ${readFiles(paths, registry.originOf(table).kind === 'schema')}`);
    }
    const present = new Set(files.readable.keys());
    const withLegacy = await legacyViews(connection, registry, options.metadata, options.metadataFolder, present, checks);
    const scope: TableScope = {
      withLegacy,
      connection,
      tables: registry.lookup,
      originOf: (table) => originPath(registry.originOf(table)),
      present,
      hereIds: hereIdsOf(loaded.manifests),
      elsewhereIds: elsewhereIdsOf(options.metadata, present, hereRuns),
      runsOf: runsOf(loaded.manifests),
      versionRunsOf: versionRunsOf(loaded.manifests),
      versionsOf: versionsOf(registry, options.metadata),
      relationOf: relationOf(root, loaded.manifests, files.readable, registry),
    };
    const rows: Record<string, number> = {};
    for (const definition of registry.definitions) {
      if (present.has(definition.name)) rows[definition.name] = await checkTable(scope, definition, checks);
    }
    const violations = checks.filter((c) => c.result === 'violation').length;
    return { root: label, ok: violations === 0, runs: loaded.manifests.length, files: files.listed.size, rows, violations, checks };
  } catch (error: unknown) {
    throw readerLimit('verify', error) ?? error;
  } finally {
    connection.closeSync();
    instance.closeSync();
    scratch.remove();
  }
}
