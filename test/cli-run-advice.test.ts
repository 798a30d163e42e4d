/**
 * The engine says which run stopped and what a resume loads (ResumableRunError); the CLI words the advice in its own
 * commands (cli/render/runAdvice.ts), as every release has: the lines below are the ones users see.
 */
import { expect, test } from 'vitest';
import { ResumableRunError } from '../dist/src/errors/resumableRunError.js';
import { stoppedRunText } from '../dist/src/cli/render/runAdvice.js';

const run = { runId: '20260102030405-0a1b2c3d', metadataPath: 'm.json', modules: ['/t/reviews.mjs', '/t/reviews.mjs'], schemas: ['/t/bank.yaml'] };

test('a stopped run: finish it with the same command or --resume loading its definitions, or discard it', () => {
  const error = new ResumableRunError('run X stopped: interrupted by SIGINT. Nothing was committed.', run, { kind: 'finish-or-discard' }, 130);
  expect(error.exitCode).toBe(130);
  expect(stoppedRunText(error)).toBe(
    'run X stopped: interrupted by SIGINT. Nothing was committed. Run the same command again (or synthgen --resume --tables /t/reviews.mjs --schema /t/bank.yaml --metadata m.json) to finish it, or synthgen --discard-interrupted --metadata m.json to remove what it wrote.',
  );
});

test('the default metadata file is not named', () => {
  const error = new ResumableRunError('R.', { ...run, metadataPath: './metadata.json', modules: [], schemas: [] }, { kind: 'finish-or-discard' });
  expect(stoppedRunText(error)).toBe('R. Run the same command again (or synthgen --resume) to finish it, or synthgen --discard-interrupted to remove what it wrote.');
});

test("a table's query that fails: fix the definition, discard, and run again", () => {
  const error = new ResumableRunError('run X stopped: boom. Nothing was committed and the metadata is unchanged', run, { kind: 'fix-and-discard' });
  expect(error.exitCode).toBe(2);
  expect(stoppedRunText(error)).toBe(
    "run X stopped: boom. Nothing was committed and the metadata is unchanged: fix the table's definition, remove what the run wrote with synthgen --discard-interrupted --metadata m.json, and run again",
  );
});

test('a run with objects in S3 is not discarded: finish it, or delete its objects and then its record', () => {
  const error = new ResumableRunError('run X already put 2 objects in s3://b/p/, which discarding would leave behind', { ...run, modules: [] }, { kind: 'finish-or-delete', objects: 's3://b/p/users/S*', record: '/d/m.json.pending.json' });
  expect(stoppedRunText(error)).toBe(
    'run X already put 2 objects in s3://b/p/, which discarding would leave behind: finish it with synthgen --resume --schema /t/bank.yaml --metadata m.json, or delete its objects (s3://b/p/users/S*) and then /d/m.json.pending.json',
  );
});

test('a resume asking for another setting than the run was started with: the flag to drop, or the run’s own to pass', async () => {
  const { ResumeDiffers } = await import('../dist/src/run/spec/resumeDiffers.js');
  const { resumeDiffersText } = await import('../dist/src/cli/render/runAdvice.js');
  const spec = {
    runId: 'R',
    startedAt: '2026-01-02T03:04:05.000Z',
    stamp: 'R',
    seed: 7,
    asOf: '2026-01-01T00:00:00Z',
    tables: ['users', 'orders'],
    rows: { users: 10, orders: 20 },
    fileSizeLimitMB: 64,
    format: { compression: 'zstd' as const, level: 3, rowGroupSize: 122880 },
    out: '/d',
    command: 'synthgen --table-names users,orders',
  };
  const text = (setting: ConstructorParameters<typeof ResumeDiffers>[1], run = spec) => resumeDiffersText(new ResumeDiffers(run, setting));
  const started = '--resume finishes run R as it was started (synthgen --table-names users,orders), which differs in';
  expect(text('tables')).toBe(`${started} --table-names: drop the flag or pass --table-names users,orders`);
  expect(text('rows')).toBe(`${started} --num-rows: drop the flag or pass --num-rows users=10,orders=20`);
  expect(text('fileSizeLimit')).toBe(`${started} --file-size-limit: drop the flag or pass --file-size-limit 64`);
  expect(text('seed')).toBe(`${started} --seed: drop the flag or pass --seed 7`);
  expect(text('asOf')).toBe(`${started} --as-of: drop the flag or pass --as-of 2026-01-01T00:00:00Z`);
  expect(text('since')).toBe(`${started} --since: drop the flag`);
  expect(text('since', { ...spec, since: '2024-01-01T00:00:00Z' } as typeof spec)).toBe(`${started} --since: drop the flag or pass --since 2024-01-01T00:00:00Z`);
  expect(text('format')).toBe(`${started} --compression: drop the flag or pass --compression zstd --compression-level 3 --row-group-size 122880 (zstd level 3, 122,880-row groups)`);
});
