/** Money is DECIMAL(12,2) in the files; intermediate sums use DECIMAL(18,2) so they never overflow. */
export const MONEY = 'DECIMAL(12,2)';

export function money(sql: string): string {
  return `CAST(${sql} AS DECIMAL(18,2))`;
}

/** Rounds a DOUBLE to cents. */
export function cents(sql: string): string {
  return `CAST(round(${sql}, 2) AS DECIMAL(18,2))`;
}
