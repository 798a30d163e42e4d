/**
 * The advice an interrupted schema-file run prints names the flag that loads its tables: `--schema FILE`, not
 * `--tables FILE` (which would be refused as "a table module is a JavaScript ES module"). Ctrl-C prints it, another
 * run refused meanwhile prints it, and the command it gives finishes the run.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, synthgen, withTempDir } from './helpers/cli.js';
import { interruptedAfter } from './helpers/heldRun.js';

const SCHEMA = `tables:
  ledger:
    key: entry_id
    columns:
      entry_id: { key: true }
      memo: { faker: lorem.sentence }
      payee: { faker: company.name }
      amount: { decimal: { min: 0, max: 10000, precision: 12, scale: 2 } }
      booked_at: { timestamp: { created: true } }
`;

// Three parts; Ctrl-C once the first is written (SYNTHGEN_TEST_HOLD_AFTER_PARTS, test/helpers/heldRun.ts).
const RUN = ['--schema', 'bank.yaml', '--table-names', 'ledger', '--num-rows', '100000', '--file-size-limit', '1', '--seed', '3', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];

/** The resume command in a line of advice: `(or synthgen --resume ...)`, as arguments after `synthgen`. */
function advised(stderr: string): string[] {
  const command = /\(or synthgen (--resume[^)]*)\)/.exec(stderr)?.[1];
  expect(command, stderr).toBeDefined();
  return (command ?? '').split(' ');
}

test('Ctrl-C of a schema-file run advises --resume --schema FILE, and that command finishes it', { timeout: 600_000 }, async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'bank.yaml'), SCHEMA);
    const { code, stderr } = await interruptedAfter(dir, RUN, 1);
    expect(code).toBe(130);
    expect(stderr).toMatch(/stopped: interrupted by SIGINT/);
    const resume = advised(stderr);
    expect(resume).toContain('--schema');
    expect(resume).not.toContain('--tables');
    expect(resume[resume.indexOf('--schema') + 1]).toMatch(/bank\.yaml$/);

    // Another run meanwhile is refused, with the same advice.
    const other = await synthgen(['--schema', 'bank.yaml', '--table-names', 'ledger', '--num-rows', '10', '--out', 'data', '--metadata', 'm.json'], dir);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/an interrupted run \S+ is not finished/);
    expect(advised(other.stderr)).toEqual(resume);

    const finished = await synthgen(resume, dir);
    expect(finished.stderr).not.toMatch(/a table module is a JavaScript ES module/);
    expect(finished.code).toBe(0);
  });
});
