/**
 * How many rows make a file of the target size. Compressed Parquet size per row depends on the table and on how
 * many rows share a file (dictionaries, row groups), so it is measured, not guessed. Samples use a fixed seed and
 * fixed IDs, so the plan (and with it every byte) does not depend on the run's seed, timing or workers, and their
 * sizes can be cached across runs.
 */

/** Files aim at this share of the limit: far enough below it for part-to-part variation, above the 80% floor. */
export const SIZE_AIM = 0.9;
/** A measured size this far below the limit leaves room for the seed-to-seed variation of real parts (~2%). */
const SAFE_SHARE = 0.96;

/** Measures the Parquet size of the first `rows` rows of the table's calibration sample. */
export type Sampler = (rows: number) => Promise<number>;

/**
 * `rowGroupRows` is the writer's ROW_GROUP_SIZE. Every full row group carries its own dictionaries, so beyond one
 * row group a file grows linearly with its row groups: one sample of exactly one row group then predicts any larger
 * file, and sampling cost stays bounded whatever the run's size.
 */
export async function rowsPerPart(sample: Sampler, limitBytes: number, rowsInRun: number, rowGroupRows: number): Promise<number> {
  const aim = limitBytes * SIZE_AIM;
  let rows: number;
  if (rowsInRun > rowGroupRows) {
    const groupBytes = await sample(rowGroupRows);
    if (groupBytes <= aim) {
      const fullGroups = Math.floor(aim / groupBytes);
      // A last, partial row group still carries whole dictionaries: give it 5% fewer rows than its share of bytes.
      const partialRows = Math.floor(((aim - fullGroups * groupBytes) / groupBytes) * rowGroupRows * 0.95);
      return Math.min(rowsInRun, fullGroups * rowGroupRows + partialRows);
    }
    rows = Math.max(1, Math.floor((aim * rowGroupRows) / groupBytes));
  } else {
    const bytes = await sample(rowsInRun);
    if (bytes <= aim) return rowsInRun;
    rows = Math.max(1, Math.floor((aim * rowsInRun) / bytes));
  }
  // Within one row group, size is not linear in rows (dictionaries fill up): refine at the predicted size.
  for (let round = 0; round < 3; round += 1) {
    const bytes = await sample(rows);
    const settled = Math.abs(bytes - aim) <= 0.03 * limitBytes;
    rows = Math.max(1, Math.min(rowGroupRows, Math.floor((aim * rows) / bytes)));
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
