/**
 * `--profile`'s split of a part's COPY into generation and writing. Rows stream from the SELECT into the Parquet
 * writer vector by vector, so no clock outside DuckDB can tell the two apart; DuckDB's own profiler times each
 * operator. Generating is the time of the operators under the copy (the scan of the IDs, the pools' cross join, the
 * projections that compute the values); writing is the rest of the statement (buffering, encoding, compressing and
 * writing the Parquet file).
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quotedString } from '../model/sql.js';

export interface CopySplit {
  /** Computing the rows: every operator under COPY_TO_FILE. */
  readonly generateMs: number;
  /** The Parquet writer. */
  readonly writeMs: number;
}

interface ProfileNode {
  /** The whole statement's time, on the root. */
  readonly latency?: number;
  readonly operator_type?: string;
  readonly operator_timing?: number;
  readonly cpu_time?: number;
  readonly children?: readonly ProfileNode[];
}

function findCopy(node: ProfileNode): ProfileNode | undefined {
  // One thread copies with COPY_TO_FILE; several, with insertion order kept, with BATCH_COPY_TO_FILE.
  if (node.operator_type === 'COPY_TO_FILE' || node.operator_type === 'BATCH_COPY_TO_FILE') return node;
  for (const child of node.children ?? []) {
    const found = findCopy(child);
    if (found) return found;
  }
  return undefined;
}

/**
 * Runs `copy` (a COPY ... TO statement) on `threads` threads with DuckDB's profiler on, its profile written into
 * `folder`, and returns the split in
 * thread-time: generating is the operators' CPU time over all threads, writing the rest of the threads' wall time
 * (with several threads, time a thread waited counts as writing, since the ordered writer is what it waits for).
 */
export async function profiledCopy(connection: DuckDBConnection, copy: string, threads: number, folder: string): Promise<CopySplit> {
  // In the run's scratch folder (`folder`), as everything a run writes outside --out: a killed run's is swept.
  const output = join(folder, `synthgen-profile-${process.pid}-${threadId}.json`);
  try {
    // In this order: DuckDB checks the output's extension against the format already set.
    await connection.run(`SET enable_profiling = 'json'`);
    await connection.run(`SET profiling_output = ${quotedString(output)}`);
    try {
      await connection.run(copy);
    } finally {
      await connection.run('PRAGMA disable_profiling');
    }
    const root = JSON.parse(await readFile(output, 'utf8')) as ProfileNode;
    const node = findCopy(root);
    if (!node) throw new Error('DuckDB profile without a COPY_TO_FILE or BATCH_COPY_TO_FILE operator');
    const generateSeconds = (node.children ?? []).reduce((sum, child) => sum + (child.cpu_time ?? 0), 0);
    // Not COPY_TO_FILE's own timing: the writer flushes the last row group when the COPY finishes, outside any
    // operator (~20% of a two-row-group part). Planning, also in the rest, takes ~20 ms.
    const writeSeconds = Math.max(0, (root.latency ?? 0) * threads - generateSeconds);
    return { generateMs: generateSeconds * 1000, writeMs: writeSeconds * 1000 };
  } finally {
    await rm(output, { force: true });
  }
}
