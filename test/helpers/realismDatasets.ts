/**
 * The datasets the realism tests read, each generated once per build (helpers/sharedDataset.ts) instead of once per
 * test file: generating them was most of these files' time (the shop alone ~60 s on this 2-core machine).
 *
 * - SHOP: a shop at realistic proportions, 100k users, 10k products and 600k orders (~1.3M lines) over three years to
 *   2026-12-01, seed 15. realism-behaviour's first run (it adds its second run to a copy), and what realism-delivery,
 *   -geography, -lines and -money measure (each had a smaller shop of its own, of other seeds, before).
 * - CATALOGUE: 200k products alone (issue 26's scale: whether names tell products apart depends on the catalogue's
 *   size), seed 26, for realism-catalogue and realism-products.
 */
import { join } from 'node:path';
import { AS_OF, query } from './cli.js';
import { sharedDataset } from './sharedDataset.js';

/** The shop's as-of: the end of its three years. */
export const SHOP_AS_OF = '2026-12-01';

/** sharedDataset()'s arguments for the shop (the rows are also the figures docs/realism.md quotes). */
export const SHOP = ['--table-names', 'users,products,orders', '--num-rows', 'users=100000,products=10000,orders=600000', '--seed', '15', '--as-of', SHOP_AS_OF] as const;

/** The catalogue's size: the tests that compare a count with a share of it read this. */
export const CATALOGUE_PRODUCTS = 200_000;

/** sharedDataset()'s arguments for the catalogue. */
export const CATALOGUE = ['--table-names', 'products', '--num-rows', `products=${CATALOGUE_PRODUCTS}`, '--seed', '26', '--as-of', AS_OF] as const;

/** The shop's files (read only: a test that changes files copies them first). */
export async function shopData(): Promise<string> {
  return join(await sharedDataset(SHOP), 'data');
}

/** The catalogue's files (read only). */
export async function catalogueData(): Promise<string> {
  return join(await sharedDataset(CATALOGUE), 'data');
}

/**
 * The relation `relation` (SQL, e.g. a subquery of joins) written once to `<dir>/<name>.parquet`, and a read of it:
 * for a join over the shop's 1.3M lines that several queries read, computed once instead of by each query.
 */
export async function materialized(dir: string, name: string, relation: string): Promise<string> {
  const file = join(dir, `${name}.parquet`);
  await query(`COPY (SELECT * FROM ${relation}) TO '${file}' (FORMAT parquet)`);
  return `read_parquet('${file}')`;
}
