/**
 * `synthgen verify`: checks a dataset folder against the manifests of the runs that made it (runManifest.ts) and
 * against the tables' own invariants. Every file a manifest lists must be present with its size, SHA-256, row count
 * and ID range; no Parquet file may be missing from every manifest; primary keys must be unique and contiguous,
 * unique columns unique, foreign keys must resolve, and each table's rules (tableDefinition.ts) must hold. The
 * engine knows no table: all of that comes from the definitions.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { UserError } from './errors.js';
import { sha256File } from './fileChecksum.js';
import type { Metadata } from './metadata.js';
import { MANIFEST_FORMAT, RUNS_FOLDER, type ManifestFile, type RunManifest } from './runManifest.js';
import { quotedIdentifier, quotedString } from './sql.js';
import { TABLES, tableNamed } from './tables/index.js';

export interface VerifyCheck {
  readonly check: string;
  /** 'skipped' when what it needs is not there (a parent table's files, say). */
  readonly result: 'ok' | 'violation' | 'skipped';
  readonly detail: string;
}

export interface VerifyReport {
  readonly root: string;
  readonly ok: boolean;
  readonly runs: number;
  readonly files: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly violations: number;
  readonly checks: readonly VerifyCheck[];
}

async function loadManifests(root: string): Promise<{ manifests: RunManifest[]; checks: VerifyCheck[] }> {
  const folder = join(root, RUNS_FOLDER);
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  const manifests: RunManifest[] = [];
  const checks: VerifyCheck[] = [];
  for (const name of names) {
    try {
      const value = JSON.parse(await readFile(join(folder, name), 'utf8')) as RunManifest;
      if (value.format !== MANIFEST_FORMAT || !Array.isArray(value.files)) throw new Error('not a synthgen run manifest');
      manifests.push(value);
    } catch (error: unknown) {
      checks.push({ check: `manifest ${RUNS_FOLDER}/${name}`, result: 'violation', detail: `unreadable: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return { manifests, checks };
}

async function one(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  const reader = await connection.runAndReadAll(sql);
  return (reader.getRowObjectsJson()[0] ?? {}) as Record<string, unknown>;
}

const num = (value: unknown) => Number(value ?? 0);

/** Checks one listed file; true when it can be read as the table's rows. */
async function checkFile(connection: DuckDBConnection, root: string, file: ManifestFile, checks: VerifyCheck[]): Promise<boolean> {
  const path = join(root, file.path);
  const label = `file ${file.path}`;
  const size = await stat(path).then(
    (s) => s.size,
    () => undefined,
  );
  if (size === undefined) {
    checks.push({ check: label, result: 'violation', detail: 'missing' });
    return false;
  }
  const problems: string[] = [];
  if (size !== file.bytes) problems.push(`${size} bytes, the manifest says ${file.bytes}`);
  if ((await sha256File(path)) !== file.sha256) problems.push('SHA-256 differs from the manifest');
  const definition = tableNamed(file.table);
  let readable = false;
  if (definition) {
    try {
      const key = quotedIdentifier(definition.primaryKey);
      const row = await one(connection, `SELECT count(*) AS n, min(${key}) AS lo, max(${key}) AS hi FROM read_parquet(${quotedString(path)})`);
      readable = true;
      if (num(row.n) !== file.rows) problems.push(`${num(row.n)} rows, the manifest says ${file.rows}`);
      if (num(row.lo) !== file.first_id || num(row.hi) !== file.last_id) {
        problems.push(`IDs ${String(row.lo)}-${String(row.hi)}, the manifest says ${file.first_id}-${file.last_id}`);
      }
    } catch (error: unknown) {
      problems.push(`unreadable as Parquet (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`);
    }
  } else {
    problems.push(`unknown table ${file.table}`);
  }
  checks.push(
    problems.length
      ? { check: label, result: 'violation', detail: problems.join('; ') }
      : { check: label, result: 'ok', detail: `${file.rows} rows, IDs ${file.first_id}-${file.last_id}, SHA-256 matches` },
  );
  return readable;
}

async function count(connection: DuckDBConnection, sql: string): Promise<number> {
  return num((await one(connection, `SELECT count(*) AS n FROM ${sql}`)).n);
}

function tally(checks: VerifyCheck[], check: string, violations: number, what: string, fine: string): void {
  checks.push(violations === 0 ? { check, result: 'ok', detail: fine } : { check, result: 'violation', detail: `${violations} ${what}` });
}

export async function verifyDataset(options: { readonly root: string; readonly label?: string; readonly metadata?: Metadata }): Promise<VerifyReport> {
  const { root } = options;
  const label = options.label ?? root;
  const { manifests, checks } = await loadManifests(root);
  if (manifests.length === 0 && checks.length === 0) {
    throw new UserError(`no run manifests in ${label}/${RUNS_FOLDER}: point --out (or --s3-bucket) at a folder synthgen generated into`);
  }
  for (const run of options.metadata?.runs ?? []) {
    if (!run.manifest) continue; // runs from before manifests existed
    if (!manifests.some((m) => m.run_id === run.run_id)) {
      checks.push({ check: `run ${run.run_id}`, result: 'violation', detail: `its manifest ${run.manifest} is not in ${label}/${RUNS_FOLDER}` });
    }
  }

  const instance = await DuckDBInstance.create(':memory:', { threads: '2', autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    await connection.run(`SET TimeZone = 'UTC'`);
    const listed = new Set<string>();
    const readableByTable = new Map<string, string[]>();
    for (const manifest of manifests) {
      for (const file of manifest.files) {
        listed.add(file.path);
        if (await checkFile(connection, root, file, checks)) {
          readableByTable.set(file.table, [...(readableByTable.get(file.table) ?? []), join(root, file.path)]);
        }
      }
    }
    for (const definition of TABLES) {
      const names = (await readdir(join(root, definition.name)).catch(() => [] as string[])).filter((n) => n.endsWith('.parquet')).sort();
      for (const name of names.filter((n) => !listed.has(`${definition.name}/${n}`))) {
        checks.push({
          check: `file ${definition.name}/${name}`,
          result: 'violation',
          detail: 'in no run manifest (left by an interrupted run? see synthgen --resume and --discard-interrupted)',
        });
      }
    }

    const rows: Record<string, number> = {};
    const present = new Set<string>();
    for (const [table, files] of readableByTable) {
      await connection.run(`CREATE VIEW ${quotedIdentifier(table)} AS SELECT * FROM read_parquet([${files.map(quotedString).join(', ')}])`);
      present.add(table);
    }
    const t = (table: string) => quotedIdentifier(table);
    for (const definition of TABLES.filter((d) => present.has(d.name))) {
      const name = definition.name;
      const key = quotedIdentifier(definition.primaryKey);
      const stats = await one(connection, `SELECT count(*) AS n, count(DISTINCT ${key}) AS d, min(${key}) AS lo, max(${key}) AS hi FROM ${t(name)}`);
      const [n, distinct, lo, hi] = [num(stats.n), num(stats.d), num(stats.lo), num(stats.hi)];
      rows[name] = n;
      tally(checks, `${name}.${definition.primaryKey} unique`, n - distinct, 'duplicated IDs', `${n} rows, no ID twice`);
      const ranges = manifests.flatMap((m) => (m.tables[name] ? [m.tables[name]] : []));
      const first = Math.min(...ranges.map((r) => r.first_id));
      const last = Math.max(...ranges.map((r) => r.last_id));
      const missing = Math.max(0, last - first + 1 - distinct);
      checks.push(
        lo === first && hi === last && missing === 0
          ? { check: `${name}.${definition.primaryKey} contiguous`, result: 'ok', detail: `IDs ${lo}-${hi}, none missing` }
          : { check: `${name}.${definition.primaryKey} contiguous`, result: 'violation', detail: `IDs ${lo}-${hi} present with ${missing} missing; the manifests give ${first}-${last}` },
      );
      for (const column of definition.unique ?? []) {
        const c = quotedIdentifier(column);
        const dup = await one(connection, `SELECT count(${c}) - count(DISTINCT ${c}) AS n FROM ${t(name)}`);
        tally(checks, `${name}.${column} unique`, num(dup.n), 'repeated values', 'no value twice');
      }
      for (const parent of definition.parents) {
        const check = `${name}.${parent.column} -> ${parent.table}`;
        const parentDefinition = tableNamed(parent.table);
        const fk = quotedIdentifier(parent.column);
        if (present.has(parent.table) && parentDefinition) {
          const orphans = await count(
            connection,
            `${t(name)} c ANTI JOIN ${t(parent.table)} p ON c.${fk} = p.${quotedIdentifier(parentDefinition.primaryKey)}`,
          );
          tally(checks, check, orphans, `rows reference a ${parent.table} row that does not exist`, 'every reference resolves');
        } else if (options.metadata?.tables[parent.table]) {
          const last = options.metadata.tables[parent.table]?.last_id ?? 0;
          const orphans = await count(connection, `${t(name)} WHERE ${fk} IS NULL OR ${fk} < 1 OR ${fk} > ${last}`);
          tally(checks, check, orphans, `rows reference IDs the metadata never gave ${parent.table}`, `every reference is a ${parent.table} ID the metadata holds (its files are not here)`);
        } else {
          checks.push({ check, result: 'skipped', detail: `no ${parent.table} files here and no metadata to check against` });
        }
      }
      for (const rule of definition.rules ?? []) {
        const missing = (rule.reads ?? []).filter((other) => !present.has(other));
        if (missing.length) {
          checks.push({ check: `${name}: ${rule.description}`, result: 'skipped', detail: `needs ${missing.join(', ')} files here` });
          continue;
        }
        tally(checks, `${name}: ${rule.description}`, await count(connection, rule.violations(t)), 'rows break it', 'holds for every row');
      }
    }
    const violations = checks.filter((c) => c.result === 'violation').length;
    return {
      root: label,
      ok: violations === 0,
      runs: manifests.length,
      files: listed.size,
      rows,
      violations,
      checks,
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
