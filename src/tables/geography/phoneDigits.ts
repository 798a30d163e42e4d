/** Digits drawn per row after a phone block (phones.ts): 100,000 numbers per block keep repeated numbers rare. */
export const PHONE_FREE_DIGITS = 5;
