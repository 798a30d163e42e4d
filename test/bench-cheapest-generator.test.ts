import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
// The benchmark's baseline, as built by `npm run build` (npm test builds first).
import { CHEAPEST_CODES, cheapestQuery } from '../dist/bench/cheapestMethod.js';
import { materialize, materializeQuery, preparePools } from '../dist/bench/engineMethod.js';
import { BUILTIN_TABLES as TABLES } from '../dist/src/tables/index.js';
import { openWorkerDuckDB } from '../dist/src/workers/duckdb.js';
import { present } from './helpers/present.js';

const ROWS = 5000;

/**
 * The cheapest generator is what the benchmark holds synthgen's generation cost against, so it must write what a
 * part writes (the same columns, in order, with the same types) and values that really are drawn: text from the
 * table's own pools, one distinct draw per row and column.
 */
test('the cheapest generator has each table’s schema and draws its values', async () => {
  const scratch = await mkdtemp(join(tmpdir(), 'synthgen-cheapest-'));
  const { instance, connection } = await openWorkerDuckDB('1GB');
  const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRows();
  const firstRow = async (sql: string) => present((await rows(sql))[0], `a row of ${sql}`);
  try {
    for (const definition of TABLES) {
      await preparePools(connection, definition, scratch);
      const real = await materialize(connection, definition, ROWS);
      const cheapest = await materializeQuery(connection, `cheapest_${definition.name}`, cheapestQuery(definition, ROWS));
      const schema = async (table: string) => (await rows(`DESCRIBE ${table}`)).map(([name, type]) => `${String(name)} ${String(type)}`);
      expect(await schema(cheapest), definition.name).toEqual(await schema(real));

      const [count, firstId, lastId, ids] = (await firstRow(
        `SELECT count(*), min("${definition.primaryKey}"), max("${definition.primaryKey}"), count(DISTINCT "${definition.primaryKey}") FROM ${cheapest}`,
      )) as [bigint, bigint, bigint, bigint];
      expect([count, firstId, lastId, ids].map(Number), definition.name).toEqual([ROWS, 1, ROWS, ROWS]);

      const textPools = definition.pools.filter((pool) => pool.type === 'text');
      // A table with no text pool draws its texts from the cheapest generator's own short codes.
      const poolValues =
        textPools.length === 0 ? CHEAPEST_CODES.map((code) => `'${code}'`).join(', ') : textPools.map((pool) => `SELECT unnest("pool_${pool.name}") AS v FROM "__pools_${definition.name}"`).join(' UNION ALL ');
      for (const column of definition.columns.filter((c) => c.type === 'VARCHAR')) {
        const [outside, distinct] = (await firstRow(
          `SELECT count(*) FILTER (WHERE "${column.name}" NOT IN (${poolValues})), count(DISTINCT "${column.name}") FROM ${cheapest}`,
        )) as [bigint, bigint];
        expect(Number(outside), `${definition.name}.${column.name} outside the pools`).toBe(0);
        expect(Number(distinct), `${definition.name}.${column.name} distinct values`).toBeGreaterThan(1);
      }
      for (const column of definition.columns.filter((c) => c.type !== 'VARCHAR' && c.name !== definition.primaryKey)) {
        const [distinct] = (await firstRow(`SELECT count(DISTINCT "${column.name}") FROM ${cheapest}`)) as [bigint];
        expect(Number(distinct), `${definition.name}.${column.name} distinct values`).toBeGreaterThan(1);
      }
      await connection.run(`DROP TABLE ${real}; DROP TABLE ${cheapest}`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(scratch, { recursive: true, force: true });
  }
});
