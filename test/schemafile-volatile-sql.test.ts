/**
 * A schema file's SQL may call only functions DuckDB declares consistent (the same result for the same arguments),
 * as duckdb_functions() of the pinned DuckDB says, and macros built on them only: a function that reads the clock,
 * the session, the query's text or sleeps or fails is refused at its place, so the same seed gives the same bytes.
 * Before, get_current_time(), txid_current(), current_query() (which wrote an absolute path into the data),
 * current_setting(), sleep_ms() and error() passed. Each refusal is checked in this process, the file loaded as
 * `--schema` loads it (helpers/schemaLoad.ts), and the first through `synthgen schema` for the printed line.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test } from 'vitest';
import { FunctionCatalog } from '../dist/src/schemaFile/format/functionCatalog.js';
import { AS_OF, checksums, synthgen, withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';
import { loadSchema, schemaProblem } from './helpers/schemaLoad.js';

const file = (sql: string) => `tables:
  events:
    key: event_id
    columns:
      event_id: { key: true }
      code: { int: { min: 1, max: 99 } }
      value: { sql: ${JSON.stringify(sql)}, type: VARCHAR }
`;

const REFUSED: readonly [sql: string, name: string][] = [
  ['get_current_time()::VARCHAR', 'get_current_time'],
  ['txid_current()::VARCHAR', 'txid_current'],
  ['current_query()', 'current_query'],
  ["current_setting('threads')::VARCHAR", 'current_setting'],
  ['sleep_ms(10)::VARCHAR', 'sleep_ms'],
  ["error('boom')", 'error'],
  ['current_date::VARCHAR', 'current_date'],
  ["ago(INTERVAL 1 DAY)::VARCHAR", 'ago'],
  ['pg_sleep(1)::VARCHAR', 'pg_sleep'],
  ['random()::VARCHAR', 'random'],
];

const refusal = (name: string) => `table events, column value, sql: the sql calls ${name}\\(\\), which differs from run to run \\(DuckDB does not declare it consistent`;

test.each(REFUSED)('%s is refused at its place', async (sql, name) => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'events.yaml');
    await writeFile(path, file(sql));
    const message = await schemaProblem([path]);
    expect(message.slice(dir.length + 1)).toMatch(new RegExp(`^events\\.yaml:7:21: ${refusal(name)}[^\\n]*$`));
  });
});

test.each(REFUSED.slice(0, 1))('synthgen schema prints the refusal of %s as one line at its place, exit 2', async (sql, name) => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'events.yaml'), file(sql));
    const result = await synthgen(['schema', '--schema', 'events.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^synthgen: events\\.yaml:7:21: ${refusal(name)}[^\\n]*\\n$`));
  });
});

test('the allow-list is what DuckDB declares: every scalar it does not mark CONSISTENT is refused', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT function_name AS name, bool_and(stability = 'CONSISTENT') AS consistent FROM duckdb_functions() WHERE function_type = 'scalar' GROUP BY ALL`);
    const rows = reader.getRowObjects().map((row) => ({ name: String(row['name']), consistent: row['consistent'] === true }));
    expect(rows.filter((row) => !row.consistent).length).toBeGreaterThan(20);
    const catalog = await FunctionCatalog.load(connection);
    const wrong: string[] = [];
    for (const { name, consistent } of rows) {
      const verdict = await catalog.verdict(name);
      if (!consistent && verdict === 'consistent') wrong.push(`${name} allowed`);
      // Only the session's settings and the local clock, which DuckDB marks consistent, are refused besides.
      if (consistent && verdict !== 'consistent' && !['current_setting', 'current_localtimestamp', 'current_localtime'].includes(name)) wrong.push(`${name} refused`);
    }
    expect(wrong).toEqual([]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

test('consistent functions and macros built on them run, and the same seed gives the same bytes', async () => {
  await withTempDir(async (dir) => {
    const sql = "concat_ws('-', hash(event_id, code) % 1000, split_part('a,b,c', ',', 2), list_reverse([code, 1])[1], current_user)";
    const path = join(dir, 'events.yaml');
    await writeFile(path, file(sql));
    // Two runs in this process (the bytes are the engine's), each loading the file as a run of the CLI does.
    for (const out of ['a', 'b']) {
      await mkdir(join(dir, out));
      const { registry } = await loadSchema([path]);
      await engineRun(join(dir, out), { registry, tables: ['events'], rows: { events: 2000 }, seed: 5, asOf: AS_OF });
    }
    const [a, b] = [await checksums(join(dir, 'a', 'data', 'events')), await checksums(join(dir, 'b', 'data', 'events'))];
    expect(Object.keys(a).length).toBeGreaterThan(0);
    expect(Object.values(a)).toEqual(Object.values(b));
  });
});
