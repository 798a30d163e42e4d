/**
 * The original tool's rows that other tables reference (state/legacyRows.ts) as verify sees them: for each table
 * synthgen read them for, a view of its rows here and those kept beside the metadata, under the table's own column
 * names, which the other tables' cross-table rules read instead of the table alone. An order of an old customer is
 * then checked as any other: placed after the registration, shipped to the country, at the product's price.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import { sha256File } from '../files/fileChecksum.js';
import { quotedIdentifier, quotedString } from '../schema/sql.js';
import type { Metadata } from '../state/metadata.js';
import { LEGACY_TABLES } from '../tables/legacy/legacyColumns.js';
import type { VerifyCheck } from './verifyReport.js';

/** The view of a table's rows with the original tool's: what other tables' rules read as the table. */
export function withLegacyRows(table: string): string {
  return `${table} with the original tool's`;
}

/** Creates the views; returns the tables that have one. A snapshot missing or changed is a violation, and no view. */
export async function legacyViews(connection: DuckDBConnection, metadata: Metadata | undefined, folder: string | undefined, present: ReadonlySet<string>, checks: VerifyCheck[]): Promise<Set<string>> {
  const viewed = new Set<string>();
  if (!metadata || folder === undefined) return viewed;
  for (const [table, state] of Object.entries(metadata.tables)) {
    const record = state.legacy_rows;
    const spec = LEGACY_TABLES[table];
    if (!record || !spec || !Object.hasOwn(LEGACY_TABLES, table)) continue;
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
