/** The number of entries per locale in the built-in tables' per-locale pools (the locales: model/locales.ts). */
/**
 * Entries per locale in the per-locale pools. Pools are kept small on purpose: DuckDB copies a pool list into every
 * 2,048-row vector that reads it, so lookup cost grows with pool length (users went from 4 to 3 us a row when the
 * pools shrank from 160,000 to 50,000 entries). Streets and house numbers are combined per row instead, so
 * addresses stay varied.
 */
export const NAME_POOL_SIZE = 1024;
/** Places per locale (geography/places.ts): enough that a region with 0.2% of a country's people gets a couple. */
export const ADDRESS_POOL_SIZE = 1024;
/** Mobile number blocks per locale (geography/phones.ts). */
export const MOBILE_POOL_SIZE = 64;
export const STREET_POOL_SIZE = 512;
