import { describe, expect, it } from 'vitest';
import { EQUAL_PARTS_FLOOR, planParts } from '../dist/src/engine/plan.js';

const plan = (rows: number, rowsPerPart: number) =>
  planParts({ table: 't', firstId: 1, lastId: rows, rowsPerPart, directory: '/out/t', stamp: '20260101000000' }).map(
    (part) => part.lastId - part.firstId + 1,
  );

describe('cutting a table into parts', () => {
  it('makes parts equal when that keeps each within the floor of the largest part, so no worker idles at the end', () => {
    const sizes = plan(964_000, 100_000);
    expect(sizes).toHaveLength(10);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(964_000);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(100_000 * EQUAL_PARTS_FLOOR);
  });

  it('keeps full parts and a small last one when equal parts would fall below the floor', () => {
    expect(plan(110_000, 100_000)).toEqual([100_000, 10_000]);
  });

  it('covers the range exactly, in order, whatever the sizes', () => {
    for (const [rows, per] of [[1, 1], [7, 3], [1_000_003, 122_880], [500, 1_000]] as const) {
      const parts = planParts({ table: 't', firstId: 41, lastId: 40 + rows, rowsPerPart: per, directory: '/o', stamp: 's' });
      expect(parts[0]?.firstId).toBe(41);
      expect(parts[parts.length - 1]?.lastId).toBe(40 + rows);
      parts.slice(1).forEach((part, i) => expect(part.firstId).toBe((parts[i]?.lastId ?? 0) + 1));
      parts.forEach((part) => expect(part.lastId - part.firstId + 1).toBeLessThanOrEqual(per));
    }
  });
});
