import { describe, expect, it } from 'vitest';
import { EQUAL_PARTS_FLOOR, fileName, partAt, planTable } from '../dist/src/records/plan.js';

const parts = (firstId: number, rows: number, rowsPerPart: number) => {
  const plan = planTable({ table: 't', firstId, lastId: firstId + rows - 1, rowsPerPart });
  return Array.from({ length: plan.parts }, (_, i) => partAt(plan, i, '/out', '20260101000000-0123abcd'));
};
const sizes = (rows: number, rowsPerPart: number) => parts(1, rows, rowsPerPart).map((part) => part.lastId - part.firstId + 1);

describe('cutting a table into parts', () => {
  it('makes parts equal when that keeps each within the floor of the largest part, so no worker idles at the end', () => {
    const cut = sizes(964_000, 100_000);
    expect(cut).toHaveLength(10);
    expect(Math.max(...cut) - Math.min(...cut)).toBeLessThanOrEqual(1);
    expect(cut.reduce((a, b) => a + b, 0)).toBe(964_000);
    expect(Math.min(...cut)).toBeGreaterThanOrEqual(100_000 * EQUAL_PARTS_FLOOR);
  });

  it('keeps full parts and a small last one when equal parts would fall below the floor', () => {
    expect(sizes(110_000, 100_000)).toEqual([100_000, 10_000]);
  });

  it('covers the range exactly, in order, whatever the sizes', () => {
    for (const [rows, per] of [[1, 1], [7, 3], [1_000_003, 122_880], [500, 1_000]] as const) {
      const cut = parts(41, rows, per);
      expect(cut[0]?.firstId).toBe(41);
      expect(cut[cut.length - 1]?.lastId).toBe(40 + rows);
      cut.slice(1).forEach((part, i) => expect(part.firstId).toBe((cut[i]?.lastId ?? 0) + 1));
      cut.forEach((part) => expect(part.lastId - part.firstId + 1).toBeLessThanOrEqual(per));
    }
  });

  it('describes 10^15 rows by rule: any part is computed without listing the others', () => {
    const plan = planTable({ table: 't', firstId: 1, lastId: 1e15, rowsPerPart: 1_000_000 });
    expect(plan.parts).toBe(1e9);
    const last = partAt(plan, plan.parts - 1, '/out', '20260101000000-0123abcd');
    expect(last.lastId).toBe(1e15);
    expect(last.path).toBe(`/out/t/${fileName('20260101000000-0123abcd', 1e9, 1e9)}`);
  });

  it('refuses part sizes that are not a positive whole number of rows', () => {
    for (const bad of [0, Number.NaN, Number.POSITIVE_INFINITY, -5]) {
      expect(() => planTable({ table: 't', firstId: 1, lastId: 10, rowsPerPart: bad })).toThrow(/rows per part/);
    }
  });

  it('names files after the run stamp, the part number padded to the count', () => {
    expect(fileName('20260101000000-0123abcd', 1, 1)).toBe('20260101000000-0123abcd.parquet');
    expect(fileName('20260101000000-0123abcd', 7, 12)).toBe('20260101000000-0123abcd_part_007.parquet');
  });
});
