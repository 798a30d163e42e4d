/**
 * The thread split (run/threadShares.ts): a part starting gets its share of the run's DuckDB threads by the rows left,
 * so cores stay busy to the last part, and never more than it can use or the budget.
 */
import { expect, test } from 'vitest';
import { ThreadRate, threadsFor, usefulThreads } from '../dist/src/workers/threadShares.js';

test('while more parts are left than threads, each part gets one thread', () => {
  // 100 parts of 1M rows on 8 threads: the first part starting has a hundredth of the work left.
  expect(threadsFor(1_000_000, 100_000_000, 8)).toBe(1);
  expect(threadsFor(1_000_000, 9_000_000, 8)).toBe(1);
});

test('a table of one file gets every thread it can use', () => {
  expect(threadsFor(1_000_000, 1_000_000, 2)).toBe(2);
  expect(threadsFor(1_000_000, 1_000_000, 64)).toBe(usefulThreads(1_000_000));
  expect(usefulThreads(1_000_000)).toBe(9); // 122,880-row morsels
});

test('of a 114 MB and a 22 MB part on two threads, the larger gets both, then so does the smaller', () => {
  expect(threadsFor(1_680_000, 2_000_000, 2)).toBe(2);
  expect(threadsFor(320_000, 320_000, 2)).toBe(2);
});

test('the last parts of a wave share the threads left', () => {
  // 6 parts of 1.68M rows (10M orders) on 64 threads: each gets about a sixth.
  expect(threadsFor(1_680_000, 10_000_000, 64)).toBe(11);
  // 3 equal parts on 2 threads: the first two get one each; the third, started when the others are nearly done, two.
  expect(threadsFor(1_000_000, 3_000_000, 2)).toBe(1);
  expect(threadsFor(1_000_000, 1_050_000, 2)).toBe(2);
});

test('never below one thread, never above the budget or what the rows can use', () => {
  expect(threadsFor(10, 10, 16)).toBe(1);
  expect(threadsFor(1, 1e15, 16)).toBe(1);
  expect(threadsFor(50_000_000, 50_000_000, 4)).toBe(4);
  expect(threadsFor(5, 0, 4)).toBe(1);
});

test('what a part under way has left is learned from the parts finished', () => {
  const rate = new ThreadRate();
  const running = { rows: 1_000_000, threads: 1, startedMs: 0 };
  // Nothing finished yet: the rate is unknown, so all its rows are left.
  expect(rate.remaining(running, 5_000)).toBe(1_000_000);
  // A part of 1M rows took 4 s on one thread: 250 rows per thread-ms.
  rate.finished({ rows: 1_000_000, threads: 1, startedMs: 0 }, 4_000);
  expect(rate.remaining(running, 2_000)).toBe(500_000);
  expect(rate.remaining({ ...running, threads: 2 }, 1_000)).toBe(500_000);
  expect(rate.remaining(running, 10_000)).toBe(0);
});

test('a part may start beside parts holding every thread, by one thread over the budget, never past one part per worker', async () => {
  const { roomFor } = await import('../dist/src/workers/threadShares.js');
  // The 114 MB part holds both threads of two: the 22 MB part starts beside it, on one more.
  expect(roomFor(1, 2, 2)).toBe(true);
  // Then three threads are in use: nothing more starts.
  expect(roomFor(2, 3, 2)).toBe(false);
  // One thread each: never more parts than worker threads.
  expect(roomFor(2, 2, 2)).toBe(false);
  expect(roomFor(63, 63, 64)).toBe(true);
  expect(roomFor(6, 65, 64)).toBe(false);
});

test('a small run, every table in one file and at most a row group of rows, writes one part at a time', async () => {
  const { partsAtOnce } = await import('../dist/src/workers/threadShares.js');
  const { DUCKDB_ROW_GROUP_ROWS } = await import('../dist/src/records/parquetFormat.js');
  // 1,000 rows of each of three tables, one file each: one worker.
  expect(partsAtOnce([1, 1, 1], 3_000, 2)).toBe(1);
  expect(partsAtOnce([1, 1], DUCKDB_ROW_GROUP_ROWS, 64)).toBe(1);
  // One row more, or a table in two files: every thread.
  expect(partsAtOnce([1, 1], DUCKDB_ROW_GROUP_ROWS + 1, 64)).toBe(64);
  expect(partsAtOnce([2, 1], 3_000, 2)).toBe(2);
  // A table with nothing to write this time (0 parts) is no reason for more.
  expect(partsAtOnce([0, 1], 1_000, 2)).toBe(1);
  // With one worker, a second part waits for the first, whatever threads are free.
  const { roomFor } = await import('../dist/src/workers/threadShares.js');
  expect(roomFor(0, 0, 2, 1)).toBe(true);
  expect(roomFor(1, 1, 2, 1)).toBe(false);
});
