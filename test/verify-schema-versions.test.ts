/**
 * verify checks each row of a schema table against the definition of the version that made it (docs/schema.md,
 * "Changing a file between runs"): after the documented "columns added" flow (a new bounded column, a new unique
 * column, a new rule over the new column) and a changed bound (`score` 0 to 10, then 0 to 5), the dataset verifies;
 * version 1's files, which lack the new columns, are read; a planted violation in a version-2 row of a new column is
 * found, and so is a version-1 row breaking version 1's own bound, while version-1 rows within it are not flagged by
 * version 2's narrower one. Where the metadata does not record an old version's definition (written by an earlier
 * synthgen), verify says which checks it could not make rather than making them against another version's.
 * The runs and the checks are the engine's, made in this process (helpers/engine.ts, helpers/schemaVerify.ts: as
 * `synthgen --schema` and `synthgen verify --schema` load the file, with the versions the metadata records); the
 * first verdict also through `synthgen verify`, for its exit code and a silent stderr.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { tmpdir } from 'node:os';
import { AS_OF, laterAsOf, query, synthgen, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';
import { loadSchema } from './helpers/schemaLoad.js';
import { verifySchemaDataset } from './helpers/schemaVerify.js';

const VERSION_1 = `tables:
  customers:
    key: customer_id
    columns:
      customer_id: { key: true }
      name: { faker: person.fullName }
      score: { int: { min: 0, max: 10 } }
      created_at: { timestamp: { created: true } }
    rules:
      - { name: score is not negative, check: "score >= 0" }
`;

/** Columns added (bounded, unique), a rule over the new column that version 1's rows (NULL there) would break, a bound narrowed. */
const VERSION_2 = `tables:
  customers:
    key: customer_id
    columns:
      customer_id: { key: true }
      name: { faker: person.fullName }
      score: { int: { min: 0, max: 5 } }
      loyalty_points: { int: { min: 0, max: 1000 } }
      code: { template: "C-{customer_id}", unique: true }
      created_at: { timestamp: { created: true } }
    rules:
      - { name: score is not negative, check: "score >= 0" }
      - { name: every customer has points, check: "loyalty_points IS NOT NULL AND loyalty_points <= 1000" }
`;

interface Check {
  check: string;
  result: string;
  detail: string;
  ids?: readonly number[];
}
interface Report {
  ok: boolean;
  checks: readonly Check[];
}

let dataset = '';

/** A run of 1,000 customers in `dir` (files under data/, metadata m.json) with its bank.yaml, as `synthgen --schema bank.yaml` makes it. */
async function run(dir: string, asOf: string): Promise<void> {
  const { registry } = await loadSchema([join(dir, 'bank.yaml')], join(dir, 'm.json'));
  await engineRun(dir, { registry, tables: ['customers'], rows: { customers: 1000 }, seed: 5, asOf });
}

async function verify(dir: string): Promise<Report> {
  return (await verifySchemaDataset([join(dir, 'bank.yaml')], join(dir, 'data'), join(dir, 'm.json'))) as Report;
}

/**
 * The table's Parquet files, version 1's first: ordered by their lowest key, since a file's name (the second it was
 * written, then a random part) does not order two runs made within the same second.
 */
async function files(dir: string): Promise<string[]> {
  const paths = (await readdir(join(dir, 'data', 'customers'))).filter((n) => n.endsWith('.parquet')).map((n) => join(dir, 'data', 'customers', n));
  const lowest = new Map<string, number>();
  for (const path of paths) lowest.set(path, Number((await query(`SELECT min(customer_id) AS id FROM read_parquet('${path}')`))[0]?.id));
  return paths.sort((a, b) => (lowest.get(a) ?? 0) - (lowest.get(b) ?? 0));
}

/** Rewrites one file with `select` ($FILE is the file) and updates its manifest entry, as a buggy generator would. */
async function plant(dir: string, path: string, select: string): Promise<void> {
  const replacement = `${path}.new.parquet`;
  await query(`COPY (${select.replaceAll('$FILE', `read_parquet('${path}')`)}) TO '${replacement}' (FORMAT parquet)`);
  await rm(path);
  await cp(replacement, path);
  await rm(replacement);
  const sha256 = createHash('sha256').update(await readFile(path)).digest('hex');
  const bytes = (await stat(path)).size;
  for (const name of await readdir(join(dir, 'data', '_runs'))) {
    const manifestPath = join(dir, 'data', '_runs', name);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { files: { path: string; bytes: number; sha256: string }[] };
    for (const file of manifest.files) if (join(dir, 'data', file.path) === path) Object.assign(file, { bytes, sha256 });
    await writeFile(manifestPath, JSON.stringify(manifest));
  }
}

beforeAll(async () => {
  dataset = await mkdtemp(join(tmpdir(), 'synthgen-verify-versions-'));
  await writeFile(join(dataset, 'bank.yaml'), VERSION_1);
  await run(dataset, AS_OF);
  await writeFile(join(dataset, 'bank.yaml'), VERSION_2);
  await run(dataset, laterAsOf(1));
}, 120_000);
afterAll(async () => {
  if (dataset) await rm(dataset, { recursive: true, force: true });
});

test('after columns are added and a bound narrowed between runs, the dataset verifies', { timeout: 120_000 }, async () => {
  // The narrowed bound matters: version 1 made scores above 5, which version 2's bound would call violations.
  const [above] = await query(`SELECT count(*) AS n FROM read_parquet('${(await files(dataset))[0]}') WHERE score > 5`);
  expect(Number(above?.n)).toBeGreaterThan(0);
  const report = await verify(dataset);
  expect(report.checks.filter((c) => c.result === 'violation')).toEqual([]);
  expect(report.ok).toBe(true);
  // Through the CLI: the same verdict, exit 0, nothing on stderr.
  const cli = await synthgen(['verify', '--schema', 'bank.yaml', '--out', 'data', '--metadata', 'm.json', '--json'], dataset);
  expect(cli.stderr).toBe('');
  expect(cli.code).toBe(0);
  expect((JSON.parse(cli.stdout) as Report).checks).toEqual(report.checks);
  const names = report.checks.map((c) => c.check);
  // Each check is made, on the rows of the versions that have it.
  expect(names).toEqual(expect.arrayContaining(['customers.code unique (rows of version 2)', 'customers: every customer has points (rows of version 2)', 'customers: score is not negative']));
  expect(names.filter((n) => n.startsWith('customers.loyalty_points 0 to 1000'))).toHaveLength(1);
  expect(names.filter((n) => n.startsWith('customers.score 0 to'))).toEqual(['customers.score 0 to 10 (rows of version 1)', 'customers.score 0 to 5 (rows of version 2)']);
});

test("a violation in a new column of a version-2 row, and a version-1 row outside version 1's bound, are found", { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    await cp(dataset, dir, { recursive: true });
    const [first, second] = await files(dir);
    // Version 1 (IDs 1-1000): 7 is fine by its bound (0 to 10), 11 is not. Version 2 (IDs 1001-2000): 7 is not.
    await plant(dir, first ?? '', `SELECT * REPLACE (CASE WHEN customer_id = 3 THEN 11 WHEN customer_id = 4 THEN 7 ELSE score END AS score) FROM $FILE ORDER BY customer_id`);
    await plant(
      dir,
      second ?? '',
      `SELECT * REPLACE (CASE WHEN customer_id = 1005 THEN 5000 ELSE loyalty_points END AS loyalty_points, CASE WHEN customer_id = 1010 THEN 7 ELSE score END AS score,
                         CASE WHEN customer_id = 1020 THEN 'C-1021' ELSE code END AS code) FROM $FILE ORDER BY customer_id`,
    );
    const report = await verify(dir);
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c) => c.result === 'violation').map((c) => [c.check, c.ids])).toEqual([
      ['customers.code unique (rows of version 2)', [1020, 1021]],
      ['customers.score 0 to 10 (rows of version 1)', [3]],
      ['customers.score 0 to 5 (rows of version 2)', [1010]],
      ['customers.loyalty_points 0 to 1000 (rows of version 2)', [1005]],
      ['customers: every customer has points (rows of version 2)', [1005]],
    ]);
  });
});

test('without a recorded definition of version 1, its rows are checked only where this file says the same, and verify says so', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    await cp(dataset, dir, { recursive: true });
    // What an earlier synthgen recorded: fingerprints of each version's columns, and nothing of what verify checks.
    const metadata = JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')) as { tables: Record<string, { versions?: Record<string, unknown> }> };
    const schema = metadata.tables.customers?.versions;
    expect(schema?.checks).toBeDefined();
    delete schema?.checks;
    await writeFile(join(dir, 'm.json'), JSON.stringify(metadata));
    const report = await verify(dir);
    // Version 2's narrower bound and its new rule are not held against version 1's rows.
    expect(report.checks.filter((c) => c.result === 'violation')).toEqual([]);
    expect(report.ok).toBe(true);
    // Columns this file computes as version 1 did are still checked on its rows: created_at against the as-of.
    expect(report.checks.find((c) => c.check === 'customers.created_at not after as-of')?.result).toBe('ok');
    const skipped = report.checks.find((c) => c.check === 'customers version 1');
    expect(skipped?.result).toBe('skipped');
    expect(skipped?.detail).toMatch(/not recorded/);
    expect(skipped?.detail).toMatch(/\bscore\b/);
    expect(skipped?.detail).toMatch(/score is not negative/);
  });
});

test("a column whose type changed, and one removed, are checked on their own version's rows", { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'bank.yaml'), VERSION_1.replace('      created_at:', '      tier: { int: { min: 1, max: 3 } }\n      created_at:'));
    await run(dir, AS_OF);
    // score becomes text, tier is removed.
    await writeFile(join(dir, 'bank.yaml'), VERSION_1.replace('score: { int: { min: 0, max: 10 } }', 'score: { choice: [low, high] }').replace(/    rules:\n.*\n/, ''));
    await run(dir, laterAsOf(1));
    const intact = await verify(dir);
    expect(intact.checks.filter((c) => c.result === 'violation')).toEqual([]);
    expect(intact.ok).toBe(true);

    const [first] = await files(dir);
    await plant(dir, first ?? '', `SELECT * REPLACE (CASE WHEN customer_id = 6 THEN 9 ELSE tier END AS tier, CASE WHEN customer_id = 7 THEN -1 ELSE score END AS score) FROM $FILE ORDER BY customer_id`);
    const planted = await verify(dir);
    expect(planted.checks.filter((c) => c.result === 'violation').map((c) => [c.check, c.ids])).toEqual([
      ['customers.score 0 to 10 (rows of version 1)', [7]],
      ['customers.tier 1 to 3 (rows of version 1)', [6]],
      ['customers: score is not negative (rows of version 1)', [7]],
    ]);
  });
});
