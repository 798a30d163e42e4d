/**
 * A value a test reads by index or key (a row of a query, a column of it): under noUncheckedIndexedAccess it may be
 * missing, and a missing one must fail the test naming it, not turn into NaN or undefined that a comparison lets by.
 */
export function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}
