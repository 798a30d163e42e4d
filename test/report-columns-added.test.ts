/**
 * A table whose columns changed between runs (a schema file's column added, as docs/schema.md describes) has files
 * of different columns. The report reads them by column name: the new column is in the table's profile, NULL in
 * the rows of the older run, and every row of both runs is counted.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, generate, laterAsOf, withTempDir } from './helpers/cli.js';
import { reportJson } from './helpers/reportRun.js';

const BEFORE = `tables:
  members:
    key: member_id
    columns:
      member_id: { key: true }
      joined_at: { timestamp: { created: true } }
      tier: { choice: { basic: 80, plus: 20 } }
`;
const AFTER = `${BEFORE}      loyalty_points: { int: { min: 0, max: 1000 } }
`;

test('a column added between runs is in the report, NULL in the older rows', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'club.yaml'), BEFORE);
    await generate(['--schema', 'club.yaml', '--table-names', 'members', '--num-rows', '300', '--seed', '2', '--as-of', AS_OF], dir);
    await writeFile(join(dir, 'club.yaml'), AFTER);
    await generate(['--schema', 'club.yaml', '--table-names', 'members', '--num-rows', '100', '--seed', '2', '--as-of', laterAsOf(1)], dir);
    const report = await reportJson(['--schema', 'club.yaml', '--file', 'report.html'], dir);
    const members = report.own.find((table) => table.name === 'members');
    expect(members?.rows).toBe(400);
    expect(members?.files).toBe(2);
    expect(members?.columns.map((c) => c.name)).toEqual(['member_id', 'joined_at', 'tier', 'loyalty_points']);
    expect(members?.columns.find((c) => c.name === 'loyalty_points')?.nullShare).toBeCloseTo(300 / 400, 6);
  });
});
