/**
 * A part of a built-in table that DuckDB could not compute is not described as a failure to write its file: over
 * 1990-3500, orders stopped with "writing .../orders/....parquet failed: Invalid Input Error: "maximum_object_size"
 * ... exceeded while reading file .../pools-orders.json", which sent the user looking at the disk. Only what DuckDB
 * reports as an IO error, or an errno code, is a write failure. (The failure is injected: since the history bound of
 * time-long-windows, no built-in run reaches it.)
 */
import { expect, test } from 'vitest';
import { queryFailure } from '../dist/src/errors/writeFailure.js';

const PATH = '/data/orders/20260101000000-abcdef12.parquet';
const BUILT_IN = { name: 'orders', source: undefined, cannot: (reason: string) => `compute IDs 1-1000 (${reason})` };

test('a query DuckDB cannot compute is said to fail computing, not writing', () => {
  const pools = queryFailure(PATH, { code: 'EGENERATE', message: 'Invalid Input Error: "maximum_object_size" of 67108864 bytes exceeded while reading file "/tmp/x/pools-orders.json"' }, BUILT_IN);
  expect(pools.message).not.toMatch(/writ/i);
  expect(pools.message).toBe(`computing the rows of ${PATH} failed: Invalid Input Error: "maximum_object_size" of 67108864 bytes exceeded while reading file "/tmp/x/pools-orders.json"`);
  const memory = queryFailure(PATH, { code: 'EGENERATE', message: 'Out of Memory Error: failed to allocate data of size 1.0 MiB' }, BUILT_IN);
  // Memory is the machine's limit, not the table's nor the disk's: said with how to give it room.
  expect(memory.message).not.toMatch(/writ/i);
  expect(memory.message).toMatch(/^DuckDB could neither hold in memory nor spill to disk the rows of \S+ \(Out of Memory Error[^)]*\): .*threads or format\.rowGroupSize$/);
});

test('what DuckDB reports as an IO error, or an errno code, is still a write failure', () => {
  expect(queryFailure(PATH, { code: 'EGENERATE', message: 'IO Error: Could not write file "x": Input/output error' }, BUILT_IN).message).toMatch(/^writing \S+ failed: IO Error/);
  expect(queryFailure(PATH, { code: 'EIO', message: 'i/o error, read' }, BUILT_IN).message).toMatch(/^writing \S+ failed/);
});
