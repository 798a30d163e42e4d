/**
 * A query DuckDB fails inside a worker while another worker is still busy (sizing samples every table at once) is
 * one line naming the schema file as `--schema`, exit 2, the lock released: never a native abort ("terminate called
 * after throwing an instance of 'Napi::Error'", exit 134), which is what ending the pool while a thread still ran a
 * query did.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, exists, synthgen, withTempDir } from './helpers/cli.js';

// score binds (its types fit), but its values past ID 715 do not fit an INTEGER: only running it finds out. slow's
// sample keeps the other worker in its query meanwhile (2,000 rows of 20,000 hashes each).
const SCHEMA = `tables:
  slow:
    key: slow_id
    columns:
      slow_id: { key: true }
      busy: { sql: "list_sum(list_transform(range(0, 20000), lambda x: (hash(x, slow_id) % 7)::BIGINT))", type: BIGINT }
  cards:
    key: card_id
    columns:
      card_id: { key: true }
      score: { sql: "CAST(card_id * 3000000 AS INTEGER)", type: INTEGER }
`;

test('a worker whose query fails while another works ends the run with one line, exit 2, and no lock', { timeout: 300_000 }, async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'cards.yaml'), SCHEMA);
    for (const attempt of [1, 2]) {
      const result = await synthgen(
        ['--schema', 'cards.yaml', '--table-names', 'slow,cards', '--num-rows', 'slow=2000,cards=100000', '--workers', '2', '--as-of', AS_OF, '--out', `out-${attempt}`, '--metadata', `m-${attempt}.json`],
        dir,
        { SYNTHGEN_CACHE: 'off' },
      );
      expect(result.stderr).not.toMatch(/terminate called|Napi::Error|internal error/);
      expect([2, 3]).toContain(result.code);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^synthgen: .*--schema \S*cards\.yaml: table cards: DuckDB cannot .*out of range/);
      expect(lines[0]).not.toMatch(/--tables/);
      expect(await exists(join(dir, `m-${attempt}.json.lock`))).toBe(false);
      expect(await exists(join(dir, `m-${attempt}.json`))).toBe(false);
    }
    // Nothing but the file and the folders the runs were refused into.
    expect((await readdir(dir)).filter((name) => !/^(cards\.yaml|out-\d)$/.test(name))).toEqual([]);
  });
});
