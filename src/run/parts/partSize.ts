/**
 * How many rows make a file of the target size. Compressed Parquet size per row depends on the table and on how
 * many rows share a file (dictionaries, row groups), so it is measured, not guessed. Samples use a fixed seed and
 * fixed IDs, so the plan (and with it every byte) does not depend on the run's seed, timing or workers, and their
 * sizes can be cached across runs.
 */

import { DEFAULT_ROW_GROUP_SIZE } from '../../records/parquetFormat.js';

/** Files aim at this share of the limit: far enough below it for part-to-part variation, above the 80% floor. */
export const SIZE_AIM = 0.9;
/** A measured size this far below the limit leaves room for the seed-to-seed variation of real parts (~2%). */
const SAFE_SHARE = 0.96;

/** Measures the Parquet size of the first `rows` rows of the table's calibration sample. */
export type Sampler = (rows: number) => Promise<number>;

/**
 * The most rows a first sample holds: the default row group, which every part of a default run holds. A sample of a
 * whole larger row group is taken only once it is known that a file holds as many rows: a part never holds more rows
 * than its file, and a sample must not hold more than a part (a sample of a 10M-row group, for files of ~2M rows,
 * took 7.9 GB).
 */
export const SAMPLE_PROBE_ROWS = DEFAULT_ROW_GROUP_SIZE;

/** A part's row group that cannot fit in a worker thread's memory: `neededBytes` is the least it would take. */
export class RowGroupTooLarge extends Error {
  constructor(
    readonly rows: number,
    readonly neededBytes: number,
  ) {
    super(`a row group of ${rows} rows needs at least ${neededBytes} bytes`);
  }
}

/** Where refining starts: rows to try and the most a sample may hold, or the answer already. */
type Start = { readonly settled: number } | { readonly rows: number; readonly most: number };

/**
 * When a first sample of `first` rows (a row group, or the whole run) could hold more rows than a part: a probe of
 * SAMPLE_PROBE_ROWS says roughly how many rows a file holds (size grows about linearly with rows past a few
 * thousand). A part's row group whose Parquet bytes alone exceed the memory is refused (in memory its rows take more
 * than in a file); a file of fewer rows than `first` is refined from the probe, never sampling more than it holds.
 */
async function probe(sample: Sampler, aim: number, first: number, rowGroupRows: number, memoryBytes: number): Promise<Start | undefined> {
  const probeBytes = await sample(SAMPLE_PROBE_ROWS);
  const fileRows = Math.max(1, Math.floor((aim * SAMPLE_PROBE_ROWS) / probeBytes));
  const partGroup = Math.min(first, fileRows);
  const groupBytes = (partGroup * probeBytes) / SAMPLE_PROBE_ROWS;
  if (groupBytes > memoryBytes) throw new RowGroupTooLarge(partGroup, groupBytes);
  if (fileRows >= first) return undefined;
  return { rows: fileRows, most: probeBytes >= aim ? SAMPLE_PROBE_ROWS : rowGroupRows };
}

/**
 * `rowGroupRows` is the writer's ROW_GROUP_SIZE. Every full row group carries its own dictionaries, so beyond one
 * row group a file grows linearly with its row groups: one sample of exactly one row group then predicts any larger
 * file, and sampling cost stays bounded whatever the run's size.
 */
async function firstEstimate(sample: Sampler, aim: number, rowsInRun: number, rowGroupRows: number): Promise<Start> {
  if (rowsInRun > rowGroupRows) {
    const groupBytes = await sample(rowGroupRows);
    if (groupBytes <= aim) {
      const fullGroups = Math.floor(aim / groupBytes);
      // A last, partial row group still carries whole dictionaries: give it 5% fewer rows than its share of bytes.
      const partialRows = Math.floor(((aim - fullGroups * groupBytes) / groupBytes) * rowGroupRows * 0.95);
      return { settled: Math.min(rowsInRun, fullGroups * rowGroupRows + partialRows) };
    }
    return { rows: Math.max(1, Math.floor((aim * rowGroupRows) / groupBytes)), most: rowGroupRows };
  }
  const bytes = await sample(rowsInRun);
  if (bytes <= aim) return { settled: rowsInRun };
  return { rows: Math.max(1, Math.floor((aim * rowsInRun) / bytes)), most: rowGroupRows };
}

/** Within one row group, size is not linear in rows (dictionaries fill up): refined at the predicted size. */
async function refine(sample: Sampler, limitBytes: number, rowsInRun: number, start: { readonly rows: number; readonly most: number }): Promise<number> {
  const aim = limitBytes * SIZE_AIM;
  let rows = start.rows;
  for (let round = 0; round < 3; round += 1) {
    const bytes = await sample(rows);
    const settled = Math.abs(bytes - aim) <= 0.03 * limitBytes;
    rows = Math.max(1, Math.min(start.most, Math.floor((aim * rows) / bytes)));
    if (settled) break;
  }
  // The rows chosen are measured too: near the dictionary limit (10,000 distinct values a row group), size is not
  // monotonic in rows, and a prediction from fewer bytes per row at more rows landed 8% above a 1 MB limit.
  for (let round = 0; round < 3; round += 1) {
    const bytes = await sample(Math.min(rows, rowsInRun));
    if (bytes <= limitBytes * SAFE_SHARE) break;
    rows = Math.max(1, Math.floor((aim * rows) / bytes));
  }
  return Math.min(rows, rowsInRun);
}

/**
 * Rows per part of a table whose samples `sample` measures. `memoryBytes` is a worker thread's memory, which a
 * part's row group must fit in (RowGroupTooLarge if it plainly cannot); no sample holds more rows than a part.
 */
export async function rowsPerPart(sample: Sampler, limitBytes: number, rowsInRun: number, rowGroupRows: number, memoryBytes = Infinity): Promise<number> {
  const aim = limitBytes * SIZE_AIM;
  const first = Math.min(rowsInRun, rowGroupRows);
  const start = (first > SAMPLE_PROBE_ROWS ? await probe(sample, aim, first, rowGroupRows, memoryBytes) : undefined) ?? (await firstEstimate(sample, aim, rowsInRun, rowGroupRows));
  return 'settled' in start ? start.settled : refine(sample, limitBytes, rowsInRun, start);
}
