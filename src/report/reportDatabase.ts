/**
 * The in-memory DuckDB a report is computed in: one view per table of the dataset over its Parquet files, and
 * the small helpers the sections query it with. Files are listed, not globbed, so a folder whose name holds `*`,
 * `?` or `[` still names only itself; only regular files named `<name>.parquet` count (a run's hidden `.partial`
 * files and temporaries end otherwise).
 */
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { UserError } from '../errors/userError.js';
import type { Vocabulary } from '../errors/vocabulary.js';
import { isErrno } from '../errors/errno.js';
import { readerLimit } from '../errors/writeFailure.js';
import { quotedIdentifier, quotedString } from '../model/sql.js';
import { duckdbApi } from '../workers/duckdbApi.js';
import { type ReaderScratch, readerScratch } from '../workers/scratchFolder.js';
import { REPORT_TABLES, type ReportTable, type TableSummary } from './reportData.js';
import { type DatasetFile, unreadableFile } from './unreadableFile.js';

export type Row = Record<string, DuckDBValue>;

export class ReportDatabase {
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  /** The tables found, with their columns. */
  readonly #columns = new Map<ReportTable, ReadonlySet<string>>();
  readonly tables: Partial<Record<ReportTable, TableSummary>> = {};
  /** The dataset's other tables (a schema file's, a module's), by name, with their sizes. */
  readonly #own = new Map<string, TableSummary>();
  /** Every file read, for naming one DuckDB cannot read. */
  readonly #files: DatasetFile[] = [];

  readonly #scratch: ReaderScratch;

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection, scratch: ReaderScratch) {
    this.#instance = instance;
    this.#connection = connection;
    this.#scratch = scratch;
  }

  /**
   * Opens the dataset at `root` (a folder of `<table>/*.parquet`); a missing folder or no table is a UserError.
   * `shop` names the built-in tables (ShopTables.names): those the charts read are not the dataset's own.
   */
  static async open(root: string, label: string, shop: readonly string[], memoryPerThreadMB?: number): Promise<ReportDatabase> {
    const found = await findTableFiles(root, label, new Set(REPORT_TABLES.filter((table) => shop.includes(table))));
    // Extensions cannot be downloaded here; parquet and icu (time zones) are built in.
    const scratch = await readerScratch('report', availableParallelism(), memoryPerThreadMB);
    const instance = await duckdbApi()
      .DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', ...scratch.duckdbSettings })
      .catch((error: unknown) => {
        scratch.remove();
        throw error;
      });
    const database = new ReportDatabase(instance, await instance.connect(), scratch);
    try {
      await database.run(`SET TimeZone = 'UTC'`);
      for (const files of [...found.builtin.values(), ...found.own.values()]) database.#files.push(...files);
      for (const [table, files] of found.builtin) await database.#addTable(table, files);
      for (const [table, files] of found.own) await database.#addOwnTable(table, files);
    } catch (error: unknown) {
      const explained = await database.explain(error);
      database.close();
      throw explained;
    }
    return database;
  }

  /**
   * A view of the table over its files, and its size. By column name: a table whose columns changed between runs
   * (a schema file's new column) has files of different columns, and every column of every file is in the view.
   */
  async #view(table: string, files: readonly DatasetFile[]): Promise<TableSummary> {
    const paths = files.map((file) => quotedString(file.path)).join(', ');
    await this.run(`CREATE VIEW ${quotedIdentifier(table)} AS SELECT * FROM read_parquet([${paths}], union_by_name = true)`);
    const [counted] = await this.rows(`SELECT count(*) AS n FROM ${quotedIdentifier(table)}`);
    return { files: files.length, rows: numberOf(counted?.n) };
  }

  async #addTable(table: ReportTable, files: readonly DatasetFile[]): Promise<void> {
    this.tables[table] = await this.#view(table, files);
    const described = await this.rows(`DESCRIBE ${quotedIdentifier(table)}`);
    this.#columns.set(table, new Set(described.map((row) => String(row.column_name))));
  }

  async #addOwnTable(table: string, files: readonly DatasetFile[]): Promise<void> {
    this.#own.set(table, await this.#view(table, files));
  }

  /** The names of the dataset's tables that are not built-in, sorted. */
  get ownTables(): readonly string[] {
    return [...this.#own.keys()];
  }

  summaryOf(table: string): TableSummary {
    const summary = this.#own.get(table);
    if (!summary) throw new Error(`the dataset has no table ${table}`);
    return summary;
  }

  has(table: ReportTable): boolean {
    return this.#columns.has(table);
  }

  /** Why a chart reading these columns of `table` cannot be drawn, or undefined when it can. */
  missing(table: ReportTable, columns: readonly string[]): string | undefined {
    const present = this.#columns.get(table);
    if (!present) return `the dataset has no ${table} table`;
    const absent = columns.filter((column) => !present.has(column));
    if (absent.length) return `the ${table} table has no ${absent.join(', ')} column${absent.length === 1 ? '' : 's'}`;
    if (this.tables[table]?.rows === 0) return `the ${table} table has no rows`;
    return undefined;
  }

  /**
   * What to throw for an error of a query over the dataset: a file DuckDB cannot read, named, as a UserError; any
   * other error as it was (a bug). A UserError is passed on untouched.
   */
  async explain(error: unknown): Promise<unknown> {
    if (error instanceof UserError) return error;
    const limit = readerLimit('report', error);
    if (limit) return limit;
    return (await unreadableFile(this.#files, (sql) => this.run(sql)).catch(() => undefined)) ?? error;
  }

  async run(sql: string): Promise<void> {
    await this.#connection.run(sql);
  }

  async rows(sql: string): Promise<Row[]> {
    const reader = await this.#connection.runAndReadAll(sql);
    return reader.getRowObjects();
  }

  close(): void {
    this.#connection.closeSync();
    this.#instance.closeSync();
    this.#scratch.remove();
  }
}

/** A count or measure DuckDB handed back (DOUBLE, INTEGER, BIGINT, ...) as a number; NULL is 0. */
export function numberOf(value: DuckDBValue | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new Error(`expected a number from DuckDB, got ${typeof value}`);
}

/** How the report names a path under the dataset: below the folder as given, or below s3://bucket/prefix/. */
const under = (label: string, ...parts: readonly string[]) => (label.endsWith('/') ? `${label}${parts.join('/')}` : join(label, ...parts));

/** A table folder's Parquet files, sorted: regular files named `<name>.parquet` (not a run's hidden ones). */
async function parquetIn(root: string, label: string, table: string): Promise<DatasetFile[]> {
  const entries = await readdir(join(root, table), { withFileTypes: true }).catch((error: unknown) => {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) return [];
    throw error;
  });
  const names = entries.filter((e) => e.isFile() && e.name.endsWith('.parquet') && !e.name.startsWith('.')).map((e) => e.name).sort();
  return names.map((name) => ({ path: join(root, table, name), shown: under(label, table, name), folder: `${under(label, table)}/` }));
}

/** A folder name that is a table's: what synthgen accepts as a table name (so never `_runs` or a hidden folder). */
const TABLE_FOLDER = /^[a-z][a-z0-9_]{0,62}$/;

/** The Parquet files of each table under `root`: the built-in ones the charts read (`shop`), and any other; tables with none are left out. */
async function findTableFiles(root: string, label: string, shop: ReadonlySet<string>): Promise<{ builtin: Map<ReportTable, DatasetFile[]>; own: Map<string, DatasetFile[]> }> {
  const where = (w: Vocabulary) => `point ${w.datasetFolder} at a folder synthgen generated into, or ${w.datasetS3} at a prefix`;
  const folder = await stat(root).catch((error: unknown) => {
    if (isErrno(error, 'ENOENT', 'ENOTDIR')) throw new UserError((w) => `no dataset at ${label}: there is no such folder; ${where(w)}`);
    throw error;
  });
  if (!folder.isDirectory()) throw new UserError((w) => `no dataset at ${label}: it is not a folder; ${where(w)}`);
  const builtin = new Map<ReportTable, DatasetFile[]>();
  const own = new Map<string, DatasetFile[]>();
  const names = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory() && TABLE_FOLDER.test(e.name)).map((e) => e.name).sort();
  for (const table of names) {
    const files = await parquetIn(root, label, table);
    if (!files.length) continue;
    if (shop.has(table)) builtin.set(table as ReportTable, files);
    else own.set(table, files);
  }
  if (builtin.size === 0 && own.size === 0) throw new UserError((w) => `no dataset at ${label}: no Parquet files under <table>/ folders (such as ${REPORT_TABLES.map((t) => `${t}/`).join(', ')}); ${where(w)}`);
  return { builtin, own };
}
