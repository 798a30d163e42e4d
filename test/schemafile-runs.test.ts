/**
 * A schema file's tables (test/fixtures/schema/saas.yaml: every generator and option, a built-in parent, parent
 * values, children per parent with aggregates, rules) get what the built-in tables get: incremental runs whose keys
 * continue and whose references resolve, values that agree across tables without reading files, the same bytes at
 * any worker count, a resume after kill -9 that gives the uninterrupted run's bytes, and verify.
 */
import { spawn } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { WorkerPool } from '../dist/src/index.js';
import { AS_OF, CLI, count, exists, generate, laterAsOf, query, synthgen, tableContents, tableSql, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';
import { held, untilHeld } from './helpers/heldRun.js';
import { relaunchedChild } from './helpers/processes.js';
import { loadSchema, schemaProblem } from './helpers/schemaLoad.js';
import { verifySchemaDataset } from './helpers/schemaVerify.js';

const FIXTURE = resolve(import.meta.dirname, 'fixtures/schema/saas.yaml');
const TABLES = ['users', 'accounts', 'subscriptions', 'invoices'];
// Rows enough for what the first runs show (keys, references across runs, lines per invoice), ~16k rows in all: the
// size of a run is no part of these properties, and each thousand rows costs CPU in every test that makes them.
const FIRST = ['--table-names', TABLES.join(','), '--num-rows', 'users=600,accounts=400,subscriptions=1200,invoices=6000'];

/** FIRST's rows, for a run in this process. */
const FIRST_ROWS = { users: 600, accounts: 400, subscriptions: 1200, invoices: 6000 };

function run(dir: string, schema: string, extra: readonly string[], asOf = AS_OF): string[] {
  return ['--schema', schema, '--seed', '11', '--as-of', asOf, '--out', join(dir, 'data'), '--metadata', join(dir, 'metadata.json'), ...extra];
}

/** What a run in this process may set besides its rows: the CLI's --as-of, --file-size-limit and --workers. */
interface HereOptions {
  readonly asOf?: string;
  readonly fileSizeLimitMB?: number;
  /** A pool of its own (its threads the run's, as --workers gives them); else the tests' shared one. */
  readonly pool?: WorkerPool;
}

/**
 * A run of `schema` in this process, as `run(dir, schema, ...)` makes it through the CLI (seed 11, files under data/,
 * metadata.json), for the runs whose property is the engine's: the file loaded with the versions the metadata records,
 * and what the load has to say (a new version) said by the run, as the CLI passes it. Returns what the run said.
 */
async function runHere(dir: string, schema: string, rows: Record<string, number>, options: HereOptions = {}): Promise<string[]> {
  const metadataPath = join(dir, 'metadata.json');
  const { registry, notices } = await loadSchema([schema], metadataPath);
  const said: string[] = [];
  const { asOf = AS_OF, fileSizeLimitMB, pool } = options;
  await engineRun(dir, {
    registry,
    tables: Object.keys(rows),
    rows,
    seed: 11,
    asOf,
    metadataPath,
    notices,
    onProgress: (event) => (event.type === 'notice' ? said.push(event.message) : undefined),
    ...(fileSizeLimitMB === undefined ? {} : { fileSizeLimitMB }),
    ...(pool === undefined ? {} : { pool, threads: pool.threadBudget }),
  });
  return said;
}

async function verified(dir: string, schema: string): Promise<{ ok: boolean; checks: { check: string; result: string; detail: string }[] }> {
  const result = await synthgen(['verify', '--schema', schema, '--out', join(dir, 'data'), '--metadata', join(dir, 'metadata.json'), '--json'], dir);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { ok: boolean; checks: { check: string; result: string; detail: string }[] };
}

test('schema tables continue over runs, agree with their parents and children, and verify', { timeout: 240_000 }, async () => {
  await withTempDir(async (dir) => {
    const schema = join(dir, 'saas.yaml');
    await copyFile(FIXTURE, schema);
    const first = await generate(run(dir, schema, FIRST), dir);
    // The children table comes with its parent, and the summary says whose lines they are.
    expect(first.stdout).toMatch(/invoice_lines\s+[\d.]+k rows {2}lines of invoices 1-6000/);
    await runHere(dir, schema, { accounts: 100, subscriptions: 200, invoices: 2000 }, { asOf: laterAsOf(1) });
    const data = join(dir, 'data');
    const [users, accounts, subscriptions, invoices, lines] = await Promise.all(['users', 'accounts', 'subscriptions', 'invoices', 'invoice_lines'].map((t) => tableSql(data, t)));

    // Keys continue across runs; references resolve, and reach rows of the earlier run.
    const [keys] = await query(`SELECT count(*) AS n, count(DISTINCT invoice_id) AS d, min(invoice_id) AS lo, max(invoice_id) AS hi FROM ${invoices}`);
    expect(Object.values(keys ?? {}).map(Number)).toEqual([8000, 8000, 1, 8000]);
    expect(count(await query(`SELECT count(*) AS n FROM ${subscriptions} s ANTI JOIN ${accounts} a USING (account_id)`))).toBe(0);
    expect(count(await query(`SELECT count(*) AS n FROM ${subscriptions} WHERE subscription_id > 1200 AND account_id <= 400`))).toBeGreaterThan(0);

    // Parent values equal the parents' files: a built-in parent's, a schema parent's, a children table's parent's.
    expect(count(await query(`SELECT count(*) AS n FROM ${accounts} a JOIN ${users} u ON a.owner_id = u.user_id WHERE a.country IS DISTINCT FROM u.country`))).toBe(0);
    expect(count(await query(`SELECT count(*) AS n FROM ${subscriptions} s JOIN ${accounts} a USING (account_id) WHERE s.account_plan IS DISTINCT FROM a.plan OR s.started_at < a.created_at`))).toBe(0);
    expect(count(await query(`SELECT count(*) AS n FROM ${lines} l JOIN ${invoices} i USING (invoice_id) WHERE l.issued_at IS DISTINCT FROM i.issued_at`))).toBe(0);

    // A parent's aggregates equal what its children's files add up to, in both runs.
    const disagree = await query(
      `SELECT count(*) AS n FROM ${invoices} i LEFT JOIN (SELECT invoice_id, count(*) AS c, sum(amount) AS s FROM ${lines} GROUP BY invoice_id) l USING (invoice_id)
       WHERE i.lines <> coalesce(l.c, 0) OR i.subtotal <> coalesce(l.s, 0)`,
    );
    expect(count(disagree)).toBe(0);
    // Lines per invoice: 1 to 8, mean near the 2.5 asked (exponential, clamped).
    const [perInvoice] = await query(`SELECT min(lines) AS lo, max(lines) AS hi, avg(lines) AS mean FROM ${invoices}`);
    expect([Number(perInvoice?.lo), Number(perInvoice?.hi)]).toEqual([1, 8]);
    expect(Number(perInvoice?.mean)).toBeGreaterThan(2);
    expect(Number(perInvoice?.mean)).toBeLessThan(3.2);

    // verify in this process (its report is the engine's; the CLI's is read in the kill -9 test).
    const report = await verifySchemaDataset([schema], data, join(dir, 'metadata.json'));
    expect(report.checks.filter((c) => c.result !== 'ok' && c.result !== 'skipped')).toEqual([]);
    expect(report.ok).toBe(true);
    const names = report.checks.map((c) => c.check);
    for (const check of ['invoice_lines(invoice_id, line_number) unique', 'invoice_lines.line_number runs 1, 2, ... per invoices', 'accounts.slug unique', 'invoices: total is not above the subtotal', 'invoice_lines: amount is quantity times unit price']) {
      expect(names).toContain(check);
    }
  });
});

test('a schema table gives the same bytes at any worker count', { timeout: 240_000 }, async () => {
  await withTempDir(async (dir) => {
    // 60k invoices make about 150k lines: more than one file of 1 MB.
    const rows = { users: 3000, accounts: 2000, subscriptions: 6000, invoices: 60000 };
    // In this process, on a pool of its own of 1 and of 2 worker threads, as --workers 1 and 2 give a CLI run (the
    // bytes are the engine's; the file loaded as --schema loads it): no CLI start-up. Two independent runs: at once,
    // for the wall time.
    await Promise.all(
      [1, 2].map(async (workers) => {
        const pool = new WorkerPool(workers);
        try {
          await runHere(join(dir, `w${workers}`), FIXTURE, rows, { fileSizeLimitMB: 1, pool });
        } finally {
          await pool.destroy();
        }
      }),
    );
    for (const table of ['accounts', 'invoices', 'invoice_lines']) {
      const one = await tableContents(join(dir, 'w1'), table);
      expect(one.length).toBeGreaterThan(0);
      expect(await tableContents(join(dir, 'w2'), table)).toEqual(one);
    }
    expect((await tableContents(join(dir, 'w1'), 'invoice_lines')).length).toBeGreaterThan(1);
  });
});

test('a schema run killed with -9 and resumed gives the uninterrupted bytes, and verifies', { timeout: 300_000 }, async () => {
  await withTempDir(async (dir) => {
    const args = [...FIRST, '--file-size-limit', '1', '--workers', '2'];
    // The uninterrupted run, meanwhile, in this process (its bytes are the engine's, on two threads as --workers 2
    // gives the CLI's run): awaited below, where a failure of it is reported.
    const clean = runHere(join(dir, 'clean'), FIXTURE, FIRST_ROWS, { fileSizeLimitMB: 1 });
    clean.catch(() => undefined);
    const killed = join(dir, 'killed');
    // The run holds once two parts are written and recorded (the test-only hook, helpers/heldRun.ts): killed there,
    // it is under way with parts left to write, whatever the machine's speed, without a dataset big enough to race.
    const parent = spawn(process.execPath, [CLI, ...run(killed, FIXTURE, args)], { cwd: dir, env: held(2), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise((done) => parent.on('close', done));
    const child = await relaunchedChild(parent.pid ?? 0, 20);
    await untilHeld(() => stderr).catch((error: unknown) => {
      parent.kill('SIGKILL');
      process.kill(child, 'SIGKILL');
      throw error;
    });
    process.kill(child, 'SIGKILL');
    await closed;
    await clean;
    const all = [...TABLES, 'invoice_lines'];
    const files = async (at: string) => (await Promise.all(all.map((table) => tableContents(at, table).catch(() => [])))).flat().length;
    const written = await files(killed);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(await files(join(dir, 'clean')));
    expect(await exists(join(killed, 'metadata.json'))).toBe(false);
    const resumed = await synthgen(['--resume', '--schema', FIXTURE, '--metadata', join(killed, 'metadata.json')], dir);
    expect(resumed.stderr).not.toMatch(/Error|at .*\.js/);
    expect(resumed.code).toBe(0);
    for (const table of all) expect(await tableContents(killed, table)).toEqual(await tableContents(join(dir, 'clean'), table));
    expect((await verified(killed, FIXTURE)).ok).toBe(true);
  });
});

test('a changed column makes a new version; a changed key or parent is refused, changing nothing', { timeout: 240_000 }, async () => {
  await withTempDir(async (dir) => {
    const schema = join(dir, 'saas.yaml');
    await copyFile(FIXTURE, schema);
    await runHere(dir, schema, FIRST_ROWS);
    const original = await readFile(schema, 'utf8');
    const metadataPath = join(dir, 'metadata.json');

    // A new column and a changed one on accounts: version 2, allowed; subscriptions read only account.plan and
    // account.created_at, which did not change, so they may keep referencing version 1's accounts.
    const changed = original
      .replace('      is_verified: { bool: 0.7 }', '      is_verified: { bool: 0.9 }\n      industry: { choice: [software, retail, health] }');
    await writeFile(schema, changed);
    // In this process: the run says the new version, which the CLI prints (its stderr is schemafile-version-notice's).
    const second = await runHere(dir, schema, { accounts: 100, subscriptions: 300 }, { asOf: laterAsOf(1) });
    expect(second.join('\n')).toMatch(/accounts: its columns changed since version 1 \(is_verified, industry\), so its new rows are version 2/);
    const metadata = JSON.parse(await readFile(metadataPath, 'utf8')) as { tables: Record<string, { segments: { version: number }[]; versions?: { versions: Record<string, unknown> } }> };
    expect(metadata.tables.accounts?.segments.map((s) => s.version)).toEqual([1, 2]);
    expect(Object.keys(metadata.tables.accounts?.versions?.versions ?? {})).toEqual(['1', '2']);
    expect((await verifySchemaDataset([schema], join(dir, 'data'), metadataPath)).ok).toBe(true);

    // Changing a column that a child recomputes from version 1's rows is refused.
    const plan = changed.replace('plan: { choice: { free: 60, pro: 30, enterprise: 10 } }', 'plan: { choice: { free: 10, pro: 80, enterprise: 10 } }');
    const before = await readFile(metadataPath, 'utf8');
    await writeFile(schema, plan);
    const reads = await synthgen(run(dir, schema, ['--table-names', 'subscriptions', '--num-rows', '100'], laterAsOf(2)), dir);
    expect(reads.code).toBe(2);
    expect(reads.stderr.trim().split('\n')).toHaveLength(1);
    expect(reads.stderr).toMatch(/subscriptions reads accounts\.plan, which changed since accounts's rows of version 1/);

    // A table's key or parents changed under existing rows: one line naming its place, metadata unchanged (loaded in
    // this process as a run loads it; the CLI's printing of such a line, and its exit 2, are the refusal's above).
    for (const edit of [original.replace('key: account_id', 'key: account_no').replace('account_id: { key: true', 'account_no: { key: true').replace('-{account_id}"', '-{account_no}"'), original.replace('owner_id: { ref: { table: users, skew: 2, as: owner }', 'owner_id: { ref: { table: users, skew: 2, as: owner } }\n      first_product_id: { ref: products')]) {
      await writeFile(schema, edit);
      const refused = await schemaProblem([schema], metadataPath);
      expect(refused.split('\n'), refused).toHaveLength(1);
      expect(refused).toMatch(/saas\.yaml:\d+:\d+: .*(key, parents, children or arrivals of accounts changed|already has rows)/);
      expect(await readFile(metadataPath, 'utf8')).toBe(before);
    }
  });
});

test('init writes a starter that generates, never over a file; schema prints the file\'s dictionary', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    const starter = join(dir, 'starter.yaml');
    const init = await synthgen(['init', '--schema', starter], dir);
    expect(init.code).toBe(0);
    // Both commands only read the starter: at once, for the wall time.
    const [again, dictionary] = await Promise.all([synthgen(['init', '--schema', starter], dir), synthgen(['schema', '--schema', starter, '--json'], dir)]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(dictionary.code).toBe(0);
    const tables = (JSON.parse(dictionary.stdout) as { tables: { name: string; lines_of?: string; columns: { name: string; distribution: string }[] }[] }).tables;
    const own = tables.filter((t) => !['users', 'products', 'orders'].includes(t.name));
    expect(own.length).toBeGreaterThanOrEqual(3);
    for (const table of own) for (const column of table.columns) expect(column.distribution.length).toBeGreaterThan(0);
    // Children tables come with their parents and are not named.
    expect(own.some((t) => t.lines_of !== undefined)).toBe(true);
    const roots = own.filter((t) => t.lines_of === undefined).map((t) => t.name);
    // The starter generates: run in this process, loaded as `--schema` loads it, with nothing to say.
    const notices: string[] = [];
    const { registry } = await loadSchema([starter]);
    const names = ['users', ...roots];
    await engineRun(dir, { registry, tables: names, rows: Object.fromEntries(names.map((name) => [name, 300])), onProgress: (event) => (event.type === 'notice' ? notices.push(event.message) : undefined) });
    expect(notices.filter((notice) => /Error/.test(notice))).toEqual([]);
  });
});
