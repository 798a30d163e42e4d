/**
 * A column change is refused when a table recomputes that column from rows made before it (docs/schema.md,
 * "Changing a file between runs"), wherever that reader is defined, as the metadata records it: in a module
 * (--tables) that a run made rows of earlier, or in a table no longer in the file being run, and not only in the
 * tables this run loads. The refusal is one line, exit 2, and changes nothing; a change nobody reads is still a new
 * version.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, generate, laterAsOf, synthgen, withTempDir } from './helpers/cli.js';

const ACCOUNTS = `tables:
  accounts:
    key: account_id
    columns:
      account_id: { key: true }
      plan: { choice: { free: 60, pro: 30, enterprise: 10 } }
      created_at: { timestamp: { created: true } }
`;

const SUBSCRIPTIONS = `
  subscriptions:
    key: subscription_id
    columns:
      subscription_id: { key: true }
      account_id: { ref: accounts }
      account_plan: { parent: account.plan }
      started_at: { timestamp: { created: true } }
`;

/** A module's table that recomputes each account's plan. */
const MODULE = `import { defineTable } from 'synthgen';
const c = (name, type, sql) => ({ name, type, description: 'd', distribution: 'd', sql });
export const seats = defineTable({
  name: 'seats', description: 'd', version: 1, primaryKey: 'seat_id', pools: [], helpers: [],
  parents: [{ table: 'accounts', column: 'account_id', skew: 1 }],
  columns: [
    c('seat_id', 'BIGINT', ({ row }) => row.id),
    c('account_id', 'BIGINT', ({ parent }) => parent('accounts').id),
    c('account_plan', 'VARCHAR', ({ parent }) => parent('accounts').value('plan')),
  ],
});
`;

const CHANGED_PLAN = ACCOUNTS.replace('free: 60, pro: 30', 'free: 20, pro: 70');
const common = ['--out', 'data', '--metadata', 'm.json', '--seed', '4'];
const accountsRun = ['--schema', 'accounts.yaml', '--table-names', 'accounts', '--num-rows', '100', '--as-of', laterAsOf(1), ...common];

/** Runs `accountsRun`, expecting one line on stderr, exit 2, and no change to the metadata or the files. */
async function refused(dir: string): Promise<string> {
  const metadata = await readFile(join(dir, 'm.json'), 'utf8');
  const files = async () => (await readdir(join(dir, 'data', 'accounts'))).sort();
  const before = await files();
  const result = await synthgen(accountsRun, dir);
  expect(result.code).toBe(2);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(await readFile(join(dir, 'm.json'), 'utf8')).toBe(metadata);
  expect(await files()).toEqual(before);
  return result.stderr;
}

test("changing a column a module's table recomputes is refused in a run without that module", { timeout: 240_000 }, async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'accounts.yaml'), ACCOUNTS);
    await writeFile(join(dir, 'seats.mjs'), MODULE);
    await generate(['--schema', 'accounts.yaml', '--tables', 'seats.mjs', '--table-names', 'accounts,seats', '--num-rows', 'accounts=500,seats=1000', '--as-of', AS_OF, ...common], dir);

    await writeFile(join(dir, 'accounts.yaml'), CHANGED_PLAN);
    expect(await refused(dir)).toMatch(/^synthgen: accounts\.yaml:\d+:\d+: accounts\.plan changed since accounts's rows of version 1 were generated, and seats \(from --tables \S*seats\.mjs, not loaded by this run\) reads it/);

    // A column nobody reads may change: a new version.
    await writeFile(join(dir, 'accounts.yaml'), ACCOUNTS.replace('      created_at:', '      tier: { int: { min: 1, max: 3 } }\n      created_at:'));
    const accepted = await synthgen(accountsRun, dir);
    expect(accepted.stderr).toMatch(/accounts: its columns changed since version 1 \(tier\), so its new rows are version 2/);
    expect(accepted.code).toBe(0);
  });
});

test('changing a column that a table since removed from the file recomputes is refused', { timeout: 240_000 }, async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'accounts.yaml'), ACCOUNTS + SUBSCRIPTIONS);
    await generate(['--schema', 'accounts.yaml', '--table-names', 'accounts,subscriptions', '--num-rows', 'accounts=500,subscriptions=1000', '--as-of', AS_OF, ...common], dir);
    // subscriptions left the file (for now), and plan changed: putting them back would make them disagree.
    await writeFile(join(dir, 'accounts.yaml'), CHANGED_PLAN);
    expect(await refused(dir)).toMatch(/^synthgen: accounts\.yaml:\d+:\d+: accounts\.plan changed since accounts's rows of version 1 were generated, and subscriptions \(from --schema \S*accounts\.yaml, not loaded by this run\) reads it/);
  });
});
