/**
 * A table defined outside the package (examples/reviews-tables.mjs, copied to a folder with no node_modules, as a
 * user's own file would be) gets what the built-in tables get: determinism at any worker count, incremental runs with
 * keys and foreign keys intact, values that agree with its parents, verify, schema; the metadata remembers which
 * module defined it; a changed field makes a new version, a changed key is refused.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, count, generate, laterAsOf, parquetFiles, query, synthgen, tableContents, tableSql, withTempDir } from './helpers/cli.js';

const EXAMPLE = resolve(import.meta.dirname, '../examples/reviews-tables.mjs');

function run(dir: string, module: string, extra: readonly string[], asOf = AS_OF): string[] {
  return ['--tables', module, '--seed', '5', '--as-of', asOf, '--out', join(dir, 'data'), '--metadata', join(dir, 'metadata.json'), ...extra];
}

test('a table module outside the package generates, continues, agrees with its parents and verifies, at any worker count', async () => {
  await withTempDir(async (dir) => {
    const module = join(dir, 'my-tables.mjs');
    await copyFile(EXAMPLE, module);
    const first = ['--table-names', 'users,products,reviews', '--num-rows', 'users=4000,products=600,reviews=80000', '--file-size-limit', '1'];
    // Two independent runs: at once, for the wall time.
    await Promise.all(['1', '2'].map((workers) => generate(run(join(dir, `w${workers}`), module, [...first, '--workers', workers]), dir)));
    const one = join(dir, 'w1');
    expect((await parquetFiles(join(one, 'data'), 'reviews')).length).toBeGreaterThan(1);
    expect(await tableContents(join(dir, 'w2'), 'reviews')).toEqual(await tableContents(one, 'reviews'));

    // Later runs (each after the last as-of): more users, then more reviews, which may reference them; IDs continue.
    const last = laterAsOf(2);
    await generate(run(one, module, ['--table-names', 'users', '--num-rows', '1000'], laterAsOf(1)), dir);
    await generate(run(one, module, ['--table-names', 'reviews', '--num-rows', '20000'], last), dir);
    const reviews = await tableSql(join(one, 'data'), 'reviews');
    const users = await tableSql(join(one, 'data'), 'users');
    const products = await tableSql(join(one, 'data'), 'products');
    const [keys] = await query(`SELECT count(*) AS n, count(DISTINCT review_id) AS d, min(review_id) AS lo, max(review_id) AS hi FROM ${reviews}`);
    expect(Object.values(keys ?? {}).map(Number)).toEqual([100000, 100000, 1, 100000]);
    expect(count(await query(`SELECT count(*) AS n FROM ${reviews} r ANTI JOIN ${users} u USING (user_id)`))).toBe(0);
    expect(count(await query(`SELECT count(*) AS n FROM ${reviews} r ANTI JOIN ${products} p USING (product_id)`))).toBe(0);
    expect(count(await query(`SELECT count(*) AS n FROM ${reviews} WHERE review_id > 80000 AND user_id > 4000`))).toBeGreaterThan(0);
    // Parent values recomputed inside the child equal the parents' files.
    const late = await query(
      `SELECT count(*) AS n FROM ${reviews} r JOIN ${users} u USING (user_id) JOIN ${products} p USING (product_id) WHERE r.reviewed_at < u.registration_date OR r.reviewed_at < p.created_at OR r.reviewed_at > TIMESTAMPTZ '${last}'`,
    );
    expect(count(late)).toBe(0);
    // The J-shaped rating docs/tables-as-code.md states: 56% five stars, more ones than twos.
    const [shares] = await query(`SELECT avg((rating = 5)::INT) AS five, avg((rating = 1)::INT) AS one_star, avg((rating = 2)::INT) AS two FROM ${reviews}`);
    expect(Number(shares?.five)).toBeCloseTo(0.56, 1);
    expect(Number(shares?.one_star)).toBeGreaterThan(Number(shares?.two));

    const verified = await synthgen(['verify', '--tables', module, '--out', join(one, 'data'), '--metadata', join(one, 'metadata.json'), '--json'], dir);
    expect(verified.stderr).toBe('');
    const report = JSON.parse(verified.stdout) as { ok: boolean; checks: { check: string; result: string }[] };
    expect(report.ok).toBe(true);
    expect(report.checks.filter((c) => c.check.startsWith('reviews') && c.result === 'ok').length).toBeGreaterThanOrEqual(4);

    const metadata = JSON.parse(await readFile(join(one, 'metadata.json'), 'utf8')) as { format_version: number; tables: Record<string, { definition?: { module: string; sha256: string } }> };
    // Version 5 (it records every table's versions; 2 and up record module tables): a synthgen from before refuses
    // the file rather than dropping the records.
    expect(metadata.format_version).toBe(5);
    expect(metadata.tables.reviews?.definition?.module).toBe(module);
    expect(metadata.tables.reviews?.definition?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(metadata.tables.users?.definition).toBeUndefined();
  });
}, 240_000);

test('schema lists a module’s tables (with --all, the built-in ones too); a later run without the module, or with the module changed, is one line and changes nothing', async () => {
  await withTempDir(async (dir) => {
    const module = join(dir, 'my-tables.mjs');
    await copyFile(EXAMPLE, module);
    // The three schema commands only read the module, and the first run writes only under dir: all at once, for the
    // wall time.
    const [schema, all, md] = await Promise.all([
      synthgen(['schema', '--tables', module, '--json'], dir),
      synthgen(['schema', '--tables', module, '--all', '--json'], dir),
      synthgen(['schema', '--tables', module, '--format', 'md'], dir),
      generate(run(dir, module, ['--table-names', 'users,products,reviews', '--num-rows', '500']), dir),
    ]);
    const tables = (JSON.parse(schema.stdout) as { tables: { name: string; columns: { name: string }[] }[] }).tables;
    expect(tables.map((t) => t.name)).toEqual(['reviews']);
    expect(tables[0]?.columns.map((c) => c.name)).toContain('rating');
    expect((JSON.parse(all.stdout) as { tables: { name: string }[] }).tables.map((t) => t.name)).toEqual(['users', 'products', 'orders', 'order_items', 'reviews']);
    expect(md.stdout).toContain('### reviews');
    const before = await readFile(join(dir, 'metadata.json'), 'utf8');

    // Both are refused as they check the tables the metadata records, verify taking no lock: at once.
    const [missing, verify] = await Promise.all([
      synthgen(['--table-names', 'reviews', '--num-rows', '10', '--out', join(dir, 'data'), '--metadata', join(dir, 'metadata.json')], dir),
      synthgen(['verify', '--out', join(dir, 'data'), '--metadata', join(dir, 'metadata.json')], dir),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`synthgen: table reviews is defined by ${module}, which is not loaded: pass --tables ${module}\n`);
    expect(verify.code).toBe(2);
    expect(verify.stderr).toBe(`synthgen: table reviews is defined by ${module}, which is not loaded: pass --tables ${module}\n`);

    // One weight changed: the fields it feeds make version 2 (rows already written keep version 1).
    const original = await readFile(module, 'utf8');
    await writeFile(module, original.replace('[5, 56]', '[5, 60]'));
    const changed = await synthgen(run(dir, module, ['--table-names', 'reviews', '--num-rows', '10'], laterAsOf(1)), dir);
    expect(changed.code).toBe(0);
    expect(changed.stderr).toMatch(/reviews: its columns changed since version 1 \(_rating, rating, title\), so its new rows are version 2;/);
    const versioned = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')) as { tables: Record<string, { segments: { version: number }[]; definition: unknown; versions: { versions: object } }> };
    expect(versioned.tables.reviews?.segments.map((s) => s.version)).toEqual([1, 2]);
    expect(Object.keys(versioned.tables.reviews?.versions.versions ?? {})).toEqual(['1', '2']);
    expect(versioned.tables.reviews?.definition).toMatchObject({ kind: 'module', module });

    // The key renamed: the identity of its rows changed, so the run is refused and nothing changes.
    const atVersion2 = await readFile(join(dir, 'metadata.json'), 'utf8');
    await writeFile(module, original.replaceAll("'review_id'", "'id'"));
    const rekeyed = await synthgen(run(dir, module, ['--table-names', 'reviews', '--num-rows', '10'], laterAsOf(2)), dir);
    expect(rekeyed.code).toBe(2);
    expect(rekeyed.stderr).toMatch(/^synthgen: --tables .*: the key, parents, children or arrivals of reviews changed since its rows were generated \(by .*\), so new rows would not continue them: restore them as they were, or start a new dataset with another --metadata and --out\n$/);
    expect(await readFile(join(dir, 'metadata.json'), 'utf8')).toBe(atVersion2);

    // Metadata an earlier synthgen wrote keeps no versions: a changed module is refused, as it was then.
    const earlier = JSON.parse(before) as { format_version: number; tables: Record<string, { versions?: unknown }> };
    earlier.format_version = 4;
    for (const state of Object.values(earlier.tables)) delete state.versions;
    await writeFile(join(dir, 'metadata.json'), JSON.stringify(earlier));
    const unversioned = await readFile(join(dir, 'metadata.json'), 'utf8');
    await writeFile(module, original.replace('[5, 56]', '[5, 60]'));
    const refused = await synthgen(run(dir, module, ['--table-names', 'reviews', '--num-rows', '10'], laterAsOf(1)), dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^synthgen: the definition of reviews \(in .*, as this synthgen compiles it\) changed since its rows were generated .*: restore the module as it was, or start a new dataset with another --metadata and --out\n$/);
    expect(await readFile(join(dir, 'metadata.json'), 'utf8')).toBe(unversioned);
  });
}, 120_000);
