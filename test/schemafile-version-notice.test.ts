/**
 * "its columns changed ..., so its new rows are version 2" is said by a run that makes those rows: a run refused
 * (here, an --as-of that is not after the table's last) prints its one line and nothing else, and the same change
 * run with a later as-of says it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, generate, laterAsOf, synthgen, withTempDir } from './helpers/cli.js';

const SCHEMA = `tables:
  accounts:
    key: account_id
    columns:
      account_id: { key: true }
      seats: { int: { min: 1, max: 50 } }
      created_at: { timestamp: { created: true } }
`;

test('the new-version notice is printed only by a run that is accepted', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    const run = (asOf: string) => ['--schema', 'bank.yaml', '--table-names', 'accounts', '--num-rows', '200', '--as-of', asOf, '--out', 'data', '--metadata', 'm.json'];
    await writeFile(join(dir, 'bank.yaml'), SCHEMA);
    await generate(run(AS_OF), dir);
    await writeFile(join(dir, 'bank.yaml'), SCHEMA.replace('max: 50', 'max: 80'));

    const refused = await synthgen(run(AS_OF), dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^synthgen: --as-of \S+ is not after the last as-of of accounts/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);

    const accepted = await synthgen(run(laterAsOf(1)), dir);
    expect(accepted.code).toBe(0);
    expect(accepted.stderr).toMatch(/accounts: its columns changed since version 1 \(seats\), so its new rows are version 2/);
  });
});
