/**
 * `synthgen runs` lists a dataset's runs from its metadata (and their manifests): run id, times, as-of, seed, and per
 * table rows, ID range, files and bytes; `--json` for scripts. The figures are the ones the runs reported.
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, generate, laterAsOf, synthgen, withTempDir } from './helpers/cli.js';

interface Summary {
  run_id: string;
  tables: Record<string, { rows: number; first_id: number; last_id: number; bytes: number; files: unknown[]; per_parent?: string }>;
}
interface Listing {
  metadata: string;
  runs: {
    run_id: string;
    as_of: string;
    seed: number;
    started_at: string;
    finished_at: string;
    manifest: string;
    tables: Record<string, { first_id: number; last_id: number; rows: number; files: number; bytes: number; per_parent?: string }>;
  }[];
}

test('runs lists each run with its tables, rows, IDs, files and bytes', async () => {
  await withTempDir(async (dir) => {
    const first = JSON.parse((await generate(['--table-names', 'users,products,orders', '--num-rows', 'users=40,products=10,orders=60', '--seed', '1', '--as-of', AS_OF, '--json'], dir)).stdout) as Summary;
    const second = JSON.parse((await generate(['--table-names', 'orders', '--num-rows', '25', '--seed', '2', '--as-of', laterAsOf(1), '--json'], dir)).stdout) as Summary;

    const json = await synthgen(['runs', '--json'], dir);
    expect(json.code, json.stderr).toBe(0);
    const listing = JSON.parse(json.stdout) as Listing;
    expect(listing.metadata).toBe(join(dir, 'metadata.json'));
    expect(listing.runs.map((r) => r.run_id)).toEqual([first.run_id, second.run_id]);
    for (const [run, summary] of [[listing.runs[0], first], [listing.runs[1], second]] as const) {
      expect(run?.manifest).toBe(join(dir, 'data', '_runs', `${summary.run_id}.json`));
      for (const [name, table] of Object.entries(summary.tables)) {
        // A children table's lines (order_items) say whose lines they are.
        const lines = table.per_parent === undefined ? {} : { per_parent: table.per_parent };
        expect(run?.tables[name]).toEqual({ first_id: table.first_id, last_id: table.last_id, rows: table.rows, files: table.files.length, bytes: table.bytes, ...lines });
      }
    }
    expect(listing.runs[1]?.as_of).toBe(laterAsOf(1));
    expect(listing.runs[1]?.seed).toBe(2);

    const text = await synthgen(['runs'], dir);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${first.run_id}  as-of ${AS_OF}  seed 1`, 'm'));
    expect(text.stdout).toMatch(new RegExp(`^${second.run_id}  as-of ${laterAsOf(1)}  seed 2`, 'm'));
    expect(text.stdout).toMatch(/^ {2}orders +25 rows +ids 61-85 +1 file +/m);
  });
});

test('runs of a metadata file that does not exist is one line', async () => {
  await withTempDir(async (dir) => {
    const result = await synthgen(['runs', '--metadata', 'none.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^synthgen: no metadata file none\.json: pass --metadata with the metadata file of the dataset\n$/);
  });
});
