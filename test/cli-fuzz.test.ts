/**
 * Fuzzing the command line and the metadata parser with garbled input (seeded, so a failure can be replayed): every
 * case must exit non-zero with one line on stderr, no stack trace, no file written and the metadata file unchanged.
 * The command lines are the CLI's own, so each is a spawned CLI. A garbled metadata file is the engine's to refuse:
 * each is run in-process (a UserError, which the CLI prints as its one line after `synthgen: `, never a stack), and
 * some of them also through the spawned CLI, for the one line on stderr and the non-zero exit.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { printableLine } from '../dist/src/cli/render/printable.js';
import { UserError } from '../dist/src/index.js';
import { AS_OF, laterAsOf, seededRandom, synthgen, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

/** Values each flag must refuse. */
const BAD_VALUES: Record<string, readonly string[]> = {
  '--table-names': ['userz', '', ',', 'users,,orders', 'users;drop', 'ÜSERS', 'x'.repeat(5000), 'users,users'],
  '--num-rows': ['-1', '0', 'abc', '1e400', '1.5', 'users=', 'users=-3', 'orders=5', '9007199254740993', '', 'users=1=2', 'users=5,users=6', 'users=5,7'],
  '--file-size-limit': ['0', '-5', 'x', 'NaN', 'Infinity', '', '1e308', '0x10', '1000001'],
  '--workers': ['0', '-2', '1.5', 'many', '100000', '1025', '1e2'],
  '--seed': ['abc', '1.5', '-1', '99999999999999999999', ''],
  '--as-of': ['yesterday', '2026-13-45T00:00:00Z', '', '1e9', 'T', '2026-02-30', '2026-01-01T24:00:00Z', '2026-01-01T23:59:60Z'],
  '--upload-concurrency': ['0', 'x'],
  '--s3-bucket': ['UPPER', 'a', 's3://', 'bad_bucket!'],
  '--s3-endpoint': ['ftp://x', 'not a url'],
};

/** A valid command with one or more of its parts garbled. */
function garbled(next: () => number): string[] {
  const args: Record<string, string> = { '--table-names': 'users', '--num-rows': '50', '--seed': '1', '--as-of': AS_OF };
  const mutations = 1 + Math.floor(next() * 2);
  const extra: string[] = [];
  const dangling: string[] = [];
  for (let m = 0; m < mutations; m += 1) {
    const kind = next();
    if (kind < 0.6) {
      const flag = pick(next, Object.keys(BAD_VALUES));
      args[flag] = pick(next, BAD_VALUES[flag] ?? ['']);
    } else if (kind < 0.7) {
      extra.push(pick(next, ['--frobnicate', '-x', '--tablenames', '--num_rows=5', '---']));
    } else if (kind < 0.8) {
      extra.push(pick(next, ['stray', 'users', '5', 'générer']));
    } else if (kind < 0.9) {
      delete args[pick(next, ['--table-names', '--num-rows'])];
      args['--seed'] = pick(next, BAD_VALUES['--seed'] ?? ['']);
    } else {
      dangling.push(pick(next, ['--out', '--workers', '--metadata', '--seed']));
    }
  }
  // A flag without its value is only garbled at the very end (elsewhere it would take the next word as its value).
  return [...Object.entries(args).flatMap(([flag, value]) => [flag, value]), ...extra, ...dangling.slice(0, 1)];
}

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true }).catch(() => [] as string[])).sort();
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Which garbled metadata files also go through a spawned CLI (every one of them is refused in-process): 1 spawns
 * every case, as this test did before its cases ran in-process.
 */
const SPAWN_EVERY = 6;

function expectOneCleanLine(stderr: string, label: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines, `${label}: ${stderr}`).toHaveLength(1);
  expect(lines[0], label).toMatch(/^synthgen: /);
  expect(stderr, label).not.toMatch(/internal error|\n\s+at |TypeError|ReferenceError/);
}

// The two tests run at once: the second's refusals in this process (engine runs take turns: helpers/engine.ts) beside
// the first's CLIs.
describe.concurrent('garbled input never gets past the door', () => {
  test('60 garbled command lines, each distinct one run once: one line, non-zero exit, nothing written, metadata untouched', { timeout: 300_000 }, async () => {
    await withTempDir(async (dir) => {
      await engineRun(dir, { tables: ['users'], rows: { users: 100 }, metadataPath: join(dir, 'metadata.json') });
      const metadata = await readFile(join(dir, 'metadata.json'), 'utf8');
      const before = await filesUnder(dir);
      const next = seededRandom(424242);
      // The draws repeat a few command lines (5 of 60 with this seed): the CLI refuses the same words the same way, so
      // each distinct one is spawned once.
      const drawn = Array.from({ length: 60 }, () => garbled(next));
      const cases = [...new Map(drawn.map((args) => [JSON.stringify(args), args])).values()];
      // Two at a time, one per core; after each pair, nothing in the folder may have changed.
      for (let i = 0; i < cases.length; i += 2) {
        const pair = cases.slice(i, i + 2);
        const label = pair.map((args, j) => `case ${i + j}: synthgen ${JSON.stringify(args)}`).join(' / ');
        const results = await Promise.all(pair.map((args) => synthgen(args, dir, { SYNTHGEN_RELAUNCHED: '1' })));
        results.forEach((result, j) => {
          const one = `case ${i + j}: synthgen ${JSON.stringify(pair[j])}`;
          expect(result.code, `${one}: ${result.stderr}`).not.toBe(0);
          expectOneCleanLine(result.stderr, one);
        });
        expect(await readFile(join(dir, 'metadata.json'), 'utf8'), label).toBe(metadata);
        expect(await filesUnder(dir), label).toEqual(before);
      }
    });
  });

  test('40 garbled metadata files: reported in one line, never overwritten, nothing generated', { timeout: 300_000 }, async () => {
    await withTempDir(async (dir) => {
      await engineRun(dir, { tables: ['users', 'products'], rows: { users: 100, products: 100 }, metadataPath: join(dir, 'good.json') });
      const good = await readFile(join(dir, 'good.json'), 'utf8');
      const parsed = JSON.parse(good) as { tables: Record<string, { last_id: unknown; segments: Record<string, unknown>[] }>; runs: unknown[] };
      const next = seededRandom(777);
      const variants: [string, string][] = [
        ['empty', ''],
        ['binary', '\u0000\u0001\u00ff{'],
        ['null', 'null'],
        ['array', '[1, 2, 3]'],
        ['string', '"metadata"'],
        ['format only', '{"format": "synthgen-metadata"}'],
        ['future version', JSON.stringify({ ...parsed, format_version: 99 })],
        ['last_id text', JSON.stringify({ ...parsed, tables: { ...parsed.tables, users: { ...parsed.tables.users, last_id: '100' } } })],
        ['last_id negative', JSON.stringify({ ...parsed, tables: { ...parsed.tables, users: { ...parsed.tables.users, last_id: -1 } } })],
        ['segments object', JSON.stringify({ ...parsed, tables: { ...parsed.tables, users: { ...parsed.tables.users, segments: {} } } })],
        ['segment without seed', JSON.stringify({ ...parsed, tables: { ...parsed.tables, users: { ...parsed.tables.users, segments: [{ first_id: 1, last_id: 100 }] } } })],
        ['overlapping segments', JSON.stringify({ ...parsed, tables: { ...parsed.tables, users: { last_id: 100, segments: [...(parsed.tables.users?.segments ?? []), ...(parsed.tables.users?.segments ?? [])] } } })],
        ['runs not a list', JSON.stringify({ ...parsed, runs: 5 })],
        ['run without id', JSON.stringify({ ...parsed, runs: [42] })],
        ['legacy garbage', '{"users": "lots"}'],
      ];
      // Truncations anywhere but the trailing newline, and junk spliced in at random places.
      const body = good.trimEnd();
      for (let i = 0; variants.length < 40; i += 1) {
        const at = 1 + Math.floor(next() * (body.length - 2));
        variants.push(i % 2 === 0 ? [`truncated at ${at}`, body.slice(0, at)] : [`junk at ${at}`, `${body.slice(0, at)}${pick(next, ['{', '"', ']', '\u0000', ',,', '}}'])}${body.slice(at)}`]);
      }
      for (const [index, [name, text]] of variants.entries()) {
        // A splice can land inside a string and leave valid JSON (and valid metadata): only broken JSON counts there.
        if (name.startsWith('junk at') && parsesAsJson(text)) continue;
        await writeFile(join(dir, 'm.json'), text);
        const before = await filesUnder(join(dir, 'data'));
        const label = `metadata ${name}`;
        // A later as-of than the good metadata's, as the CLI's line below (now): only the garbling can refuse the run.
        const refusal = await engineRun(dir, { tables: ['users'], rows: { users: 10 }, asOf: laterAsOf(1) }).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(refusal, label).toBeInstanceOf(UserError);
        const message = refusal instanceof Error ? refusal.message : '';
        expect(refusal instanceof UserError ? refusal.exitCode : 0, label).not.toBe(0);
        expect(message, label).not.toBe('');
        expect(message, label).not.toMatch(/internal error|\n\s+at |TypeError|ReferenceError/);
        expect(await readFile(join(dir, 'm.json'), 'utf8'), label).toBe(text);
        expect(await filesUnder(join(dir, 'data')), label).toEqual(before);
        // Every SPAWN_EVERY-th case, and any whose message the CLI must escape into one line, through the CLI too.
        if (index % SPAWN_EVERY !== 0 && printableLine(message) === message) continue;
        const result = await synthgen(['--table-names', 'users', '--num-rows', '10', '--out', 'data', '--metadata', 'm.json'], dir, { SYNTHGEN_RELAUNCHED: '1' });
        expect(result.code, `${label}: ${result.stderr}`).not.toBe(0);
        expectOneCleanLine(result.stderr, label);
        expect(await readFile(join(dir, 'm.json'), 'utf8'), label).toBe(text);
        expect(await filesUnder(join(dir, 'data')), label).toEqual(before);
      }
    });
  });
});
