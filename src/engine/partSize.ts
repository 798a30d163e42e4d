/**
 * How many rows make a file of the target size. Compressed Parquet size per row depends on the table and on how
 * many rows share a file (dictionaries, row groups), so it is measured, not guessed: a small sample decides whether
 * the run fits in one file, and otherwise samples near the real part size refine the estimate. Samples use a fixed
 * seed and fixed IDs, so the plan (and with it every byte) does not depend on the run's seed, timing or workers.
 */

/** Files aim at this share of the limit: far enough below it for part-to-part variation, above the 80% floor. */
export const SIZE_AIM = 0.9;
const FIRST_SAMPLE_ROWS = 20_000;
const LARGEST_SAMPLE_ROWS = 400_000;

/** Measures the Parquet size of the first `rows` rows of the table's calibration sample. */
export type Sampler = (rows: number) => Promise<number>;

export async function rowsPerPart(sample: Sampler, limitBytes: number, rowsInRun: number): Promise<number> {
  const aim = limitBytes * SIZE_AIM;
  const firstRows = Math.min(rowsInRun, FIRST_SAMPLE_ROWS);
  const firstBytes = await sample(firstRows);
  // Bytes per row fall as files grow, so the small sample over-estimates: when even it fits, the whole run fits.
  if (firstBytes * (rowsInRun / firstRows) <= aim) return rowsInRun;
  let rows = Math.max(1, Math.floor((aim * firstRows) / firstBytes));
  for (let round = 0; round < 3; round += 1) {
    const sampleRows = Math.min(rows, LARGEST_SAMPLE_ROWS);
    const bytes = await sample(sampleRows);
    const next = Math.max(1, Math.floor((aim * sampleRows) / bytes));
    const settled = sampleRows < rows || Math.abs(bytes - aim) <= 0.02 * limitBytes;
    rows = next;
    if (settled) break;
  }
  return Math.min(rows, rowsInRun);
}
