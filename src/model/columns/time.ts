/**
 * Times are computed as BIGINT seconds since the Unix epoch (plain integer arithmetic, no time zone rules) and
 * converted once, at the column. The session time zone is UTC, so the TIMESTAMPTZ values are UTC instants.
 */
export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;
export const YEAR = 31_556_952; // the Gregorian mean year

/** to_timestamp() builds the TIMESTAMPTZ directly; make_timestamp()::TIMESTAMPTZ goes through ICU and is 10x slower. */
export function toTimestamp(epochSeconds: string): string {
  return `to_timestamp(${epochSeconds})`;
}

export function toDate(epochSeconds: string): string {
  return `(DATE '1970-01-01' + ((${epochSeconds}) // ${DAY})::INTEGER)`;
}

/** A second count between 0 and `span` seconds, from a uniform draw raised to `shape` (>1 crowds it toward 0). */
export function spanOf(draw: string, span: string | number, shape = 1): string {
  const shaped = shape === 1 ? draw : `pow(${draw}, ${shape})`;
  return `floor(${shaped} * (${span}))::BIGINT`;
}
