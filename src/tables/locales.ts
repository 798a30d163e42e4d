/**
 * The locales users live in: their share of users, the time zone most of their people live in and its standard
 * offset from UTC in hours (for local time; summer time is not modelled),
 * and the number of entries per locale in the per-locale pools. No faker here: the tables import this, and loading
 * faker's locale data costs ~0.3 s a run that the pool cache usually saves.
 */
export const LOCALES = [
  { code: 'en_US', weight: 0.55, country: 'United States', countryCode: 'US', language: 'en', timeZone: 'America/New_York', utcOffset: -5 },
  { code: 'en_GB', weight: 0.12, country: 'United Kingdom', countryCode: 'GB', language: 'en', timeZone: 'Europe/London', utcOffset: 0 },
  { code: 'de', weight: 0.1, country: 'Germany', countryCode: 'DE', language: 'de', timeZone: 'Europe/Berlin', utcOffset: 1 },
  { code: 'fr', weight: 0.08, country: 'France', countryCode: 'FR', language: 'fr', timeZone: 'Europe/Paris', utcOffset: 1 },
  { code: 'en_CA', weight: 0.08, country: 'Canada', countryCode: 'CA', language: 'en', timeZone: 'America/Toronto', utcOffset: -5 },
  { code: 'en_AU', weight: 0.07, country: 'Australia', countryCode: 'AU', language: 'en', timeZone: 'Australia/Sydney', utcOffset: 10 },
] as const;

export type LocaleCode = (typeof LOCALES)[number]['code'];

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
