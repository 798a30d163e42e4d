/** Running `synthgen report` in tests: a small dataset to report on, and the report's JSON as tests read it. */
import type { ReportData } from '../../dist/src/report/reportData.js';
import { AS_OF, synthgen } from './cli.js';
import { sharedDatasetCopy } from './sharedDataset.js';

/** What `synthgen report --json` prints: the numbers, and the file it wrote. */
export type ReportJson = ReportData & { readonly file: { readonly path: string; readonly bytes: number } };

export const SMALL_ROWS = { users: 20_000, products: 2_000, orders: 60_000 } as const;

/** sharedDataset()'s arguments for the dataset the late-deliveries and reorders tests read: generated once for both. */
export const TILES_DATASET = ['--table-names', 'users,products,orders', '--num-rows', 'users=10000,products=1000,orders=60000', '--seed', '26', '--as-of', '2026-12-01'];

/**
 * The small dataset under `<dir>/data` (metadata `<dir>/metadata.json`): a copy of one generated once for every test
 * file that reports on it (helpers/sharedDataset.ts), which each may change.
 */
export async function smallDataset(dir: string): Promise<void> {
  const rows = `users=${SMALL_ROWS.users},products=${SMALL_ROWS.products},orders=${SMALL_ROWS.orders}`;
  await sharedDatasetCopy(['--table-names', 'users,products,orders', '--num-rows', rows, '--seed', '7', '--as-of', AS_OF], dir, 'metadata.json');
}

/** A few hundred rows a table under `<dir>/data` (metadata `<dir>/metadata.json`), made once as smallDataset is. */
export async function tinyDataset(dir: string): Promise<void> {
  await sharedDatasetCopy(['--table-names', 'users,products,orders', '--num-rows', 'users=300,products=30,orders=600', '--seed', '5', '--as-of', AS_OF], dir, 'metadata.json');
}

/** Runs `synthgen report ... --json` and parses what it printed; fails the test unless it exits 0. */
export async function reportJson(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<ReportJson> {
  const result = await synthgen(['report', ...args, '--json'], cwd, env);
  if (result.code !== 0) throw new Error(`synthgen report ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as ReportJson;
}

/** The section's numbers, failing the test when the chart was left out. */
export function shown<T>(section: { readonly state: 'shown'; readonly data: T } | { readonly state: 'omitted'; readonly reason: string }): T {
  if (section.state !== 'shown') throw new Error(`chart left out: ${section.reason}`);
  return section.data;
}
