/**
 * The locales users live in: their share of users, the time zone most of their people live in and its standard
 * offset from UTC in hours (for local time; summer time is not modelled). The calendar (time/calendar.ts) mixes
 * their local hours; the built-in tables draw names, places and phones per locale. No faker here: the tables import
 * this, and loading faker's locale data costs ~0.3 s a run that the pool cache usually saves.
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
