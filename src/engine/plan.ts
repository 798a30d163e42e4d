/** Cutting a table's ID range into parts, and naming their files. Pure functions: the same inputs, the same plan. */
import { join } from 'node:path';

export interface PlannedPart {
  readonly table: string;
  readonly firstId: number;
  readonly lastId: number;
  readonly path: string;
  /** 1-based, within the table. */
  readonly index: number;
}

/** `YYYYMMDDHHMMSS` in UTC. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** `<stamp>.parquet` for a single part, `<stamp>_part_001.parquet` and on when a table needs several. */
export function fileName(stamp: string, index: number, count: number): string {
  if (count === 1) return `${stamp}.parquet`;
  const width = Math.max(3, String(count).length);
  return `${stamp}_part_${String(index).padStart(width, '0')}.parquet`;
}

export function planParts(options: {
  readonly table: string;
  readonly firstId: number;
  readonly lastId: number;
  readonly rowsPerPart: number;
  readonly directory: string;
  readonly stamp: string;
}): PlannedPart[] {
  const { table, firstId, lastId, directory, stamp } = options;
  const rowsPerPart = Math.max(1, Math.floor(options.rowsPerPart));
  const total = lastId - firstId + 1;
  const count = Math.ceil(total / rowsPerPart);
  return Array.from({ length: count }, (_, i) => {
    const first = firstId + i * rowsPerPart;
    return {
      table,
      firstId: first,
      lastId: Math.min(lastId, first + rowsPerPart - 1),
      path: join(directory, fileName(stamp, i + 1, count)),
      index: i + 1,
    };
  });
}
