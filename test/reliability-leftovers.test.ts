/**
 * What a killed attempt leaves (a half-written manifest, the sizing scratch folder, partial files) is removed when
 * the run is finished, and only what carries that run's id: another run's temporaries stay.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, exists, generate, withTempDir } from './helpers/cli.js';
import { interruptedAfter } from './helpers/heldRun.js';

test('finishing a run removes its own leftovers and nothing else', async () => {
  await withTempDir(async (dir) => {
    // Four parts; Ctrl-C once the first is written (SYNTHGEN_TEST_HOLD_AFTER_PARTS, test/helpers/heldRun.ts).
    const args = ['--table-names', 'users', '--num-rows', '40000', '--file-size-limit', '1', '--seed', '2', '--as-of', AS_OF, '--out', 'data', '--metadata', 'm.json'];
    expect((await interruptedAfter(dir, args, 1)).code).toBe(130);
    const { run_id: runId, stamp } = JSON.parse(await readFile(join(dir, 'm.json.pending.json'), 'utf8')) as { run_id: string; stamp: string };

    // As a kill -9 would leave them: a manifest half written, a scratch folder, a worker's partial file.
    const runs = join(dir, 'data', '_runs');
    await mkdir(runs, { recursive: true });
    const ownManifest = join(runs, `${runId}.json.0123abcd.tmp`);
    const otherManifest = join(runs, '20200101000000-ffffffff.json.0123abcd.tmp');
    const ownScratch = join(tmpdir(), `synthgen-run-${runId}-deadbeef`);
    const ownPartial = join(dir, 'data', 'users', `.${stamp}_part_003.parquet.99999.partial`);
    const otherPartial = join(dir, 'data', 'users', '.20200101000000-ffffffff.parquet.99999.partial');
    for (const path of [ownManifest, otherManifest, ownPartial, otherPartial]) await writeFile(path, '');
    await mkdir(ownScratch);

    await generate(['--resume', '--metadata', 'm.json'], dir);
    expect(await exists(ownManifest)).toBe(false);
    expect(await exists(ownScratch)).toBe(false);
    expect(await exists(ownPartial)).toBe(false);
    expect(await exists(otherManifest)).toBe(true);
    expect(await exists(otherPartial)).toBe(true);
  });
});
