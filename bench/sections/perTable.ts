/**
 * Per table, on one DuckDB thread set up as a worker's: the naive method, synthgen, the write floor (COPY of the same
 * rows already in memory) and the cheapest generator against its own floor (see cheapestMethod.ts), with tinybench;
 * medians of repeated runs, so ratios come from the same run. Then, per table, the cost of each kind of column (see
 * columnKinds.ts).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Bench } from 'tinybench';
import { memoryLimitPerWorker } from '../../src/run/runGeneration.js';
import type { TableDefinition } from '../../src/model/tableDefinition.js';
import { BUILTIN_TABLES as TABLES } from '../../src/tables/index.js';
import { BUILTIN_POOLS } from '../../src/tables/builtinPools.js';
import { loadSchemaTables } from '../../src/schemaFile/loadSchemaTables.js';
import { openWorkerDuckDB } from '../../src/workers/duckdb.js';
import { cheapestQuery } from '../cheapestMethod.js';
import { collectGarbage, cpuMs, fixed, median } from '../cli.js';
import { columnsByKind, computeColumns } from '../columnKinds.js';
import { engineRows, floorCopy, materialize, materializeQuery, preparePools, queryRows } from '../engineMethod.js';
import { naiveRows } from '../naiveMethod.js';
import { ENGINE_ROWS, KIND_ROWS, NAIVE_ROWS, REPEATS } from '../settings.js';

export type PerTableRow = Awaited<ReturnType<typeof tableMethods>>;
export type ColumnKindCost = Awaited<ReturnType<typeof columnKindCosts>>[number];

/** The bench's schema-defined table (bench/fixtures/catalog.yaml): the kinds of columns products has. */
const CATALOG = fileURLToPath(new URL('../../../bench/fixtures/catalog.yaml', import.meta.url));

/** The built-in tables, then the schema file's, compiled as `--schema` compiles them. */
async function benchTables(): Promise<TableDefinition[]> {
  const builtins = TABLES.map((definition) => ({ definition }));
  const { tables } = await loadSchemaTables([CATALOG], {}, builtins, BUILTIN_POOLS);
  return [...TABLES, ...tables.map((table) => table.definition)];
}

export async function perTable(scratch: string): Promise<{ results: PerTableRow[]; kinds: ColumnKindCost[] }> {
  const tables = await benchTables();
  // The DuckDB every worker opens, with one worker's memory limit: its allocator settings change the COPY's cost.
  const { instance, connection } = await openWorkerDuckDB(memoryLimitPerWorker(1));
  const results = [];
  const kinds = [];
  try {
    for (const definition of tables) {
      await preparePools(connection, definition, scratch);
      results.push(await tableMethods(connection, definition, scratch));
      console.error(`per-table ${definition.name}: ${JSON.stringify(results[results.length - 1])}`);
      kinds.push(...(await columnKindCosts(connection, definition)));
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { results, kinds };
}

/** CPU ms per method and round (after a warm-up round), each round running every method once. */
async function methodSamples(connection: DuckDBConnection, definition: TableDefinition, floorTable: string, cheapest: string, cheapestFloorTable: string, path: string) {
  const samples: Record<string, number[]> = { naive: [], synthgen: [], floor: [], cheapest: [], 'cheapest floor': [] };
  for (let round = 0; round <= REPEATS; round += 1) {
    const bench = new Bench({ iterations: 1, time: 0, warmup: false, throws: true, now: cpuMs });
    // The naive method runs last and its garbage is collected before the next round: V8's collector runs on
    // other threads and would otherwise charge its CPU time (and take a core) from the next method measured.
    // Every other round runs the DuckDB methods in reverse order: memory one method frees is given back by
    // jemalloc's background thread while the next one runs, and is charged to it; alternating spreads that.
    const methods: [string, () => Promise<void>][] = [
      ['synthgen', async () => engineRows(connection, definition, ENGINE_ROWS, path)],
      ['floor', async () => floorCopy(connection, floorTable, path)],
      ['cheapest', async () => queryRows(connection, cheapest, path)],
      ['cheapest floor', async () => floorCopy(connection, cheapestFloorTable, path)],
    ];
    for (const [name, method] of round % 2 === 1 ? methods.reverse() : methods) bench.add(name, method);
    bench.add('naive', async () => naiveRows(connection, definition, NAIVE_ROWS, path));
    await bench.run();
    collectGarbage();
    if (round === 0) continue; // warm-up round
    for (const task of bench.tasks) samples[task.name]?.push(task.result?.latency.p50 ?? Number.NaN);
  }
  return samples;
}

async function tableMethods(connection: DuckDBConnection, definition: TableDefinition, scratch: string) {
  const floorTable = await materialize(connection, definition, ENGINE_ROWS);
  const cheapest = cheapestQuery(definition, ENGINE_ROWS);
  const cheapestFloorTable = await materializeQuery(connection, `cheapest_${definition.name}`, cheapest);
  const path = join(scratch, `${definition.name}.parquet`);
  // Interleaved: each round runs every method once, so slow spells of a shared machine hit all of them.
  const samples = await methodSamples(connection, definition, floorTable, cheapest, cheapestFloorTable, path);
  const ms = (name: string) => median(samples[name] ?? []);
  // Ratios are taken within each round (the methods ran back to back), then the median over rounds: a slow
  // spell of the shared machine then moves both sides of a ratio together.
  const perRound = (a: string, b: string) => median((samples[a] ?? []).map((value, index) => (samples[b]?.[index] ?? Number.NaN) / value));
  const naive = NAIVE_ROWS / (ms('naive') / 1000);
  const engine = ENGINE_ROWS / (ms('synthgen') / 1000);
  const floor = ENGINE_ROWS / (ms('floor') / 1000);
  await engineRows(connection, definition, ENGINE_ROWS, path);
  const bytes = (await stat(path)).size;
  await connection.run(`DROP TABLE ${floorTable}`);
  await connection.run(`DROP TABLE ${cheapestFloorTable}`);
  return {
    table: definition.name,
    columns: definition.columns.length,
    naive_rows_per_s: Math.round(naive),
    synthgen_rows_per_s: Math.round(engine),
    floor_rows_per_s: Math.round(floor),
    synthgen_cells_per_s: Math.round(engine * definition.columns.length),
    synthgen_mb_per_s: fixed((bytes / 1e6) * (engine / ENGINE_ROWS), 1),
    speedup_vs_naive: fixed(perRound('synthgen', 'naive') * (ENGINE_ROWS / NAIVE_ROWS), 1),
    time_vs_floor: fixed(perRound('floor', 'synthgen'), 2),
    cheapest_vs_its_floor: fixed(perRound('cheapest floor', 'cheapest'), 2),
  };
}

/**
 * Per kind of column, the CPU time of computing the table's columns of that kind alone, less that of computing the
 * primary key alone (the row source every kind shares), per row and per cell; interleaved rounds, medians.
 */
async function columnKindCosts(connection: DuckDBConnection, definition: TableDefinition) {
  const groups = columnsByKind(definition);
  const samples = new Map<string, number[]>(groups.map(([kind]) => [kind, []]));
  for (let round = 0; round <= REPEATS; round += 1) {
    const bench = new Bench({ iterations: 1, time: 0, warmup: false, throws: true, now: cpuMs });
    for (const [kind, columns] of groups) bench.add(kind, async () => computeColumns(connection, definition, columns, KIND_ROWS));
    await bench.run();
    if (round === 0) continue; // warm-up round
    for (const task of bench.tasks) samples.get(task.name)?.push(task.result?.latency.p50 ?? Number.NaN);
  }
  const base = samples.get('primary key') ?? [];
  const costs = groups.map(([kind, columns]) => {
    const own = samples.get(kind) ?? [];
    const net = kind === 'primary key' ? median(own) : median(own.map((value, index) => value - (base[index] ?? Number.NaN)));
    const nsPerRow = Math.max(0, (net * 1e6) / KIND_ROWS);
    return { table: definition.name, kind, columns: columns.length, ns_per_row: Math.round(nsPerRow), ns_per_cell: Math.round(nsPerRow / columns.length) };
  });
  console.error(`column kinds ${definition.name}: ${JSON.stringify(costs)}`);
  return costs;
}
