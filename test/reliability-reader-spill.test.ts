/**
 * `verify` and `report` read a dataset in a DuckDB of their own. Left to itself, an in-memory DuckDB spills what does
 * not fit into `./.tmp` of the working folder; theirs spill into a scratch folder of their own in the system's
 * temporary folder, removed when they end, and running out of both memory and room is one line, not an internal
 * error. SYNTHGEN_WORKER_MEMORY_MB (which bounds every DuckDB thread synthgen opens) makes verify's uniqueness check
 * over 300,000 keys spill without a dataset of gigabytes (at 24 MB a thread, 200,000 spill and 100,000 do not). The
 * keys are users' (a third of the cost of orders, which compute their lines twice, and the same check over a key
 * column); a few orders give the report its sales. The dataset is the engine's, written in this process; verify
 * and report are the CLI's.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { synthgen, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';

/** The DuckDB temporary files under verify's or report's scratch folders in `tmp` now. */
async function readerSpills(tmp: string): Promise<string[]> {
  const found: string[] = [];
  for (const scratch of (await readdir(tmp)).filter((name) => /^synthgen-run-(verify|report)-/.test(name))) {
    const spill = join(tmp, scratch, 'spill');
    for (const thread of await readdir(spill).catch(() => [] as string[])) {
      const files = await readdir(join(spill, thread)).catch(() => [] as string[]);
      found.push(...files.filter((file) => file.startsWith('duckdb_temp')).map((file) => join(scratch, thread, file)));
    }
  }
  return found;
}

test('verify spills into a scratch folder of its own, removed at its end; out of memory and room is one line', { timeout: 300_000 }, async () => {
  await withTempDir(async (dir) => {
    const tmp = join(dir, 'tmp');
    await mkdir(tmp);
    // Where verify and report look by default: ./data and ./metadata.json.
    await engineRun(dir, { tables: ['users', 'products', 'orders'], rows: { users: 300000, products: 1000, orders: 2000 }, metadataPath: join(dir, 'metadata.json') });

    const seen = new Set<string>();
    let running = true;
    const watching = (async () => {
      while (running) {
        for (const file of await readerSpills(tmp)) seen.add(file);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    const verified = await synthgen(['verify'], dir, { TMPDIR: tmp, SYNTHGEN_WORKER_MEMORY_MB: '24' });
    running = false;
    await watching;
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(seen.size).toBeGreaterThan(0);
    expect(await readdir(dir)).not.toContain('.tmp');
    expect(await readdir(tmp)).toEqual([]);

    const starved = await synthgen(['verify'], dir, { TMPDIR: tmp, SYNTHGEN_WORKER_MEMORY_MB: '16' });
    expect(starved.code).toBe(3);
    expect(starved.stderr).toMatch(/^synthgen: verify: DuckDB could neither hold in memory nor spill to disk what it reads \(Out of Memory Error[^\n]*\n$/);
    expect(await readdir(tmp)).toEqual([]);

    const reported = await synthgen(['report', '--file', 'report.html'], dir, { TMPDIR: tmp, SYNTHGEN_WORKER_MEMORY_MB: '24' });
    expect(reported.code).toBe(0);
    expect(await readdir(dir)).not.toContain('.tmp');
    expect(await readdir(tmp)).toEqual([]);
  });
});
