/**
 * `synthgen report`'s engine: the numbers behind every chart of a dataset, computed with DuckDB SQL over its
 * Parquet files in one in-memory database. A table the dataset lacks leaves its charts out with a note; no table
 * at all is a UserError. Nothing here prints or exits: the CLI command does.
 */
import { concentration, PRODUCTS, USERS } from './concentration.js';
import { customersByCountry, pricesByCategory, summaryOf } from './catalogSections.js';
import { REPORT_TABLES, type ReportCharts, type ReportTable, type ReportData, type ReportSummary, type ShopTables, type TableDescription, type TableSummary } from './reportData.js';
import { ReportDatabase } from './reportDatabase.js';
import { hourOfDay, ordersByMonth, ordersPerDay, weekday } from './timeSections.js';
import { tableProfiles } from './tableProfiles.js';

export interface ReportOptions {
  /** The local folder holding the dataset (for S3, the folder it was downloaded into). */
  readonly root: string;
  /** How the report names the dataset; `root` by default. */
  readonly label?: string;
  /** Notes made before the files were read (objects not downloaded, say), listed first. */
  readonly notes?: readonly string[];
  /** The report's time; now by default (tests pass one to compare two reports). */
  readonly now?: Date;
  /** What the schema files and modules given say of their tables (none by default: the files are enough). */
  readonly described?: readonly TableDescription[];
  /** What the shop's charts need of synthgen's built-in tables; without it every table gets a card of its own. */
  readonly shop?: ShopTables;
  /** Each DuckDB thread's memory limit in MB, when the caller sets one (the CLI: SYNTHGEN_WORKER_MEMORY_MB). */
  readonly memoryPerThreadMB?: number;
}

const NO_SHOP: ShopTables = { names: [], zones: [] };

/** What a reader should know that the charts do not say. */
function notesOf(db: ReportDatabase, charts: ReportCharts, summary: ReportSummary, described: readonly TableDescription[], shop: ShopTables): string[] {
  const notes: string[] = [];
  for (const { name, definedIn } of described) {
    if (!db.ownTables.includes(name)) notes.push(`${definedIn} defines table ${name}, but the dataset has no files of it: generate its rows, or report on the dataset that has them.`);
  }
  for (const table of shopTables(db, shop)) {
    if (!db.has(table)) notes.push(`The dataset has no ${table} table: the charts that need it are left out.`);
  }
  if (charts.hourOfDay.state === 'shown' && charts.hourOfDay.data.ordersWithoutZone > 0) {
    notes.push(
      `${charts.hourOfDay.data.ordersWithoutZone} orders are not in the local-time profiles: their user is not in the users table or lives in a country with no known time zone.`,
    );
  }
  const unzoned = summary.deliveries?.withoutOffset ?? 0;
  if (unzoned > 0) {
    const are = unzoned === 1 ? 'delivery is' : 'deliveries are';
    notes.push(`${unzoned} ${are} compared with their promised date by their UTC day: their shipping_country has no known time zone.`);
  }
  for (const [name, section] of [['orders per user', charts.ordersPerUser], ['orders per product', charts.ordersPerProduct]] as const) {
    if (section.state === 'shown' && !section.data.includesZero) notes.push(`The ${name} curve counts only those with orders: the parent table is not in the dataset.`);
  }
  return notes;
}

/**
 * The built-in tables the charts read that the report accounts for, present or not: none for a dataset of its own
 * tables only, which is not missing the shop's (it never had them).
 */
function shopTables(db: ReportDatabase, shop: ShopTables): ReportTable[] {
  const known = REPORT_TABLES.filter((table) => shop.names.includes(table));
  return known.some((table) => db.has(table)) || db.ownTables.length === 0 ? known : [];
}

/** Every table of the dataset with its rows and files: the shop's first (null where absent), then its own. */
function tablesOf(db: ReportDatabase, shop: ShopTables): Record<string, TableSummary | null> {
  const tables: Record<string, TableSummary | null> = {};
  for (const table of shopTables(db, shop)) tables[table] = db.tables[table] ?? null;
  for (const table of db.ownTables) tables[table] = db.summaryOf(table);
  return tables;
}

export async function buildReport(options: ReportOptions): Promise<ReportData> {
  const label = options.label ?? options.root;
  const db = await ReportDatabase.open(options.root, label, (options.shop ?? NO_SHOP).names, options.memoryPerThreadMB);
  try {
    return await reportOf(db, options);
  } catch (error: unknown) {
    // A file whose footer reads but whose pages do not fails only here, in the query that reads them.
    throw await db.explain(error);
  } finally {
    db.close();
  }
}

async function reportOf(db: ReportDatabase, options: ReportOptions): Promise<ReportData> {
  const shop = options.shop ?? NO_SHOP;
  // One after another: each query already uses every core.
  const charts: ReportCharts = {
    ordersPerDay: await ordersPerDay(db),
    hourOfDay: await hourOfDay(db, shop.zones),
    weekday: await weekday(db, shop.zones),
    ordersByMonth: await ordersByMonth(db),
    ordersPerUser: await concentration(db, USERS),
    ordersPerProduct: await concentration(db, PRODUCTS),
    customersByCountry: await customersByCountry(db),
    pricesByCategory: await pricesByCategory(db),
  };
  const summary = await summaryOf(db, shop.destinations ?? []);
  return {
    dataset: options.label ?? options.root,
    generatedAt: (options.now ?? new Date()).toISOString(),
    tables: tablesOf(db, shop),
    summary,
    notes: [...(options.notes ?? []), ...notesOf(db, charts, summary, options.described ?? [], shop)],
    charts,
    own: await tableProfiles(db, options.described ?? []),
  };
}
