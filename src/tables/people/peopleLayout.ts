/**
 * Sizes of the people pools (peoplePools.ts), shared with the SQL that indexes them (users.ts, emailAddress.ts).
 * No faker here: the tables import this.
 */
/** Bits of a row's given-name slot and family-name slot: the scrambled ID within a block supplies both. */
export const GIVEN_BITS = 10;
export const FAMILY_BITS = 13;
/** Given-name lottery slots per locale, sex and cohort: a top name of 3.3% fills 34 of them. */
export const GIVEN_SLOTS = 1 << GIVEN_BITS;
/** Family-name lottery slots per locale: enough for thousands of distinct names in the big countries. */
export const FAMILY_SLOTS = 1 << FAMILY_BITS;
/** Slots of the smaller lotteries (email domains, age bands) per locale. */
export const LOTTERY_SLOTS = 1024;
/** Ranks of a name among its locale's slots stay below this (checked when the pools are built). */
export const RANK_LIMIT = 1024;
