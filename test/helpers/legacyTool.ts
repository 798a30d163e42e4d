/**
 * A dataset as the original tool left it: its metadata (the last ID of each table) and its users and products as
 * Parquet files, written with DuckDB the way the tool wrote them (synthgen's column names and types, Faker-like
 * values: countries named every which way, creation times in no order, a few users deleted, prices in cents).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { query } from './cli.js';

export const LEGACY_USERS = 1000;
export const LEGACY_PRODUCTS = 50;

/** How the tool wrote countries, and the country synthgen gives each (none: synthgen does not model it). */
export const LEGACY_COUNTRIES: readonly (readonly [string | null, string | null])[] = [
  ['United States', 'United States'],
  ['United States of America', 'United States'],
  ['USA', 'United States'],
  ['Germany', 'Germany'],
  ['france', 'France'],
  ['United Kingdom', 'United Kingdom'],
  ['GB', 'United Kingdom'],
  ['Canada', 'Canada'],
  ['Australia', 'Australia'],
  ['Bhutan', null],
  [null, null],
];

const list = (values: readonly (string | null)[]) => `[${values.map((v) => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`)).join(', ')}]`;

/** SQL: the country the tool wrote for user `i`, and the name synthgen maps it to. */
export const legacyCountrySql = (i: string) => `${list(LEGACY_COUNTRIES.map(([written]) => written))}[1 + (hash(${i}, 11) % ${LEGACY_COUNTRIES.length})::INTEGER]`;
export const mappedCountrySql = (written: string) =>
  `CASE ${written} ${LEGACY_COUNTRIES.flatMap(([w, m]) => (w === null ? [] : [`WHEN '${w}' THEN ${m === null ? 'NULL' : `'${m}'`}`])).join(' ')} END`;

/** Writes `<dir>/metadata.json` and the users and products files under `<dir>/old/users` and `<dir>/old/products`. */
export async function writeLegacyDataset(dir: string): Promise<void> {
  await writeFile(join(dir, 'metadata.json'), JSON.stringify({ users: { last_id: LEGACY_USERS }, products: { last_id: LEGACY_PRODUCTS }, orders: { last_id: 7 } }));
  await mkdir(join(dir, 'old', 'users'), { recursive: true });
  await mkdir(join(dir, 'old', 'products'), { recursive: true });
  // Registered over the five years before 2026, in no order of ID; the last ten users were deleted.
  const users = (from: number, to: number) => `SELECT i AS user_id, 'Name' || i AS first_name, 'Family' AS last_name, 'user' || i || '@example.com' AS email,
      ${legacyCountrySql('i')} AS country, 'alpha' AS loyalty_tier,
      (TIMESTAMPTZ '2021-01-01 00:00:00+00' + to_microseconds((hash(i, 3) % 157680000000000)::BIGINT)) AS registration_date
    FROM range(${from}, ${to}) t(i)`;
  await query(`COPY (${users(1, 501)}) TO '${join(dir, 'old', 'users', 'part-0.parquet')}' (FORMAT parquet)`);
  await query(`COPY (${users(501, LEGACY_USERS - 9)}) TO '${join(dir, 'old', 'users', 'part-1.parquet')}' (FORMAT parquet)`);
  await query(`COPY (SELECT i AS product_id, 'Thing ' || i AS product_name,
      ['Electronics', 'Garden', 'Books', 'Clothing'][1 + (i % 4)::INTEGER] AS category,
      CAST(5 + (hash(i, 5) % 50000) / 100 AS DECIMAL(10,2)) AS price,
      (TIMESTAMP '2020-06-01 00:00:00' + to_microseconds((hash(i, 6) % 157680000000000)::BIGINT)) AS created_at
    FROM range(1, ${LEGACY_PRODUCTS + 1}) t(i)) TO '${join(dir, 'old', 'products', 'products.parquet')}' (FORMAT parquet)`);
}

/** A read_parquet() of the tool's files of a table. */
export const legacyTable = (dir: string, table: 'users' | 'products') => `read_parquet('${join(dir, 'old', table)}/*.parquet')`;
