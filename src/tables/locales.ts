/**
 * Entries per locale in the built-in tables' per-locale pools (the locales: model/locales.ts; the people pools'
 * sizes: people/peopleLayout.ts). A pool is a list column indexed in place (model/columns/poolAt.ts). Streets and
 * house numbers are combined per row, so addresses stay varied.
 */
/** Places per locale (geography/places.ts): enough that a region with 0.2% of a country's people gets a couple. */
export const ADDRESS_POOL_SIZE = 1024;
/** Mobile number blocks per locale (geography/phones.ts). */
export const MOBILE_POOL_SIZE = 64;
export const STREET_POOL_SIZE = 512;
