/**
 * Users' names and email addresses, unique by construction with no visible ID.
 *
 * A row's given-name slot f and family-name slot l are not drawn by hash: they are the bits of s = π_K(x), where x
 * is the ID's position in its block of 2^23 IDs (k = the block number) and π_K a keyed bijection of [0, 2^23)
 * (multiply-xorshift steps, each invertible mod 2^23). K is made of things the address shows: the domain, the
 * format, the sex and the locale of the names. Over many rows f and l are uniform over the slots, so names follow
 * the lotteries' frequencies exactly; over one block no two IDs with the same K share (f, l).
 *
 * The address is T1 sep T2 [digits] @ domain, T1 and T2 the names' email tokens (a-z only), r1 and r2 their ranks
 * among the locale's slots with the same token (0 for the first), λ the locale index when the domain is used in
 * several countries (else 0), and core = λ + 8 x (P(r1, r2) + 2^20 x k), P Szudzik's pairing (r < 1024, so P < 2^20):
 * - format 0 `first.last` and 1 `first_last`: digits = core, none when core = 0 (rank 0 names in block 0);
 * - format 2 `firstlast`: digits = 1 + len(T1) + 32 x core (len(T1) <= 31).
 *
 * Why no two rows share an address: from an address alone one recovers the row. The domain gives its id, and
 * whether it is shared; the trailing digits are N, the letters before them V. V holds '.' or '_' exactly for
 * formats 0 and 1 (tokens are letters only), which splits it into T1 and T2 with core = N (0 if none); in format 2,
 * N - 1 gives len(T1), so the split, and core. core gives λ, P, so (r1, r2), and k. The locale is λ for a shared
 * domain, else the one locale whose domains include it. (locale, T1, r1) is exactly one given-name entry, so the sex,
 * the cohort and f; (locale, T2, r2) exactly one family-name entry, so l. K follows, s = f x 2^13 + l, x = π_K^-1(s), and
 * the ID = k x 2^23 + x. An address thus determines its ID: equal addresses are the same row, at any number of rows
 * and across incremental runs (blocks are fixed ranges of IDs; BIGINT holds the number for IDs below 2^58, and ranks
 * stay below 1024, checked when the pools are built). test/realism-people.test.ts runs this decoding on
 * every address of two runs and gets each row's user_id back (test/helpers/emailDecode.ts).
 */
import { FAMILY_BITS, GIVEN_BITS } from './peopleLayout.js';

export const BLOCK_BITS = GIVEN_BITS + FAMILY_BITS;
const MASK = 2 ** BLOCK_BITS - 1;
export const EMAIL_FORMATS = ['first.last', 'first_last', 'firstlast'] as const;
/** Shares of the formats, an estimate from published breakdowns of consumer address patterns. */
export const EMAIL_FORMAT_SHARES = [50, 12, 38] as const;

/** SQL for K: the scramble's key, from what the address shows. */
export function scrambleKey(domainId: string, format: string, female: string, locale: string): string {
  return `(((${domainId}::BIGINT * 4 + ${format}) * 2 + (${female})::BIGINT) * 8 + ${locale})`;
}

/** The steps of π_K as SQL, each over the previous one (helpers, so that no expression repeats). */
export const SCRAMBLE_STEPS: readonly ((previous: string, key: string) => string)[] = [
  (id, key) => `((xor(${id} & ${MASK}, (${key} * 2654435761) & ${MASK})) * 3055899) & ${MASK}`,
  (s) => `xor(${s}, ${s} >> 11)`,
  (s, key) => `(((${s} + ${key} * 40503 + 12345) & ${MASK}) * 1720133) & ${MASK}`,
  (s) => `xor(${s}, ${s} >> 12)`,
  (s) => `(${s} * 3519719) & ${MASK}`,
  (s) => `xor(${s}, ${s} >> 9)`,
];

/** The slots of a scrambled position s. */
export const givenSlot = (s: string): string => `(${s} >> ${FAMILY_BITS})`;
export const familySlot = (s: string): string => `(${s} & ${2 ** FAMILY_BITS - 1})`;

/** SQL for core (see above). */
export function emailCore(id: string, r1: string, r2: string, shared: string, locale: string): string {
  const pair = `(CASE WHEN ${r1} >= ${r2} THEN ${r1} * ${r1} + ${r1} + ${r2} ELSE ${r2} * ${r2} + ${r1} END)`;
  return `(CASE WHEN ${shared} = 1 THEN ${locale} ELSE 0 END + 8 * (${pair} + ${2 ** 20} * (${id} >> ${BLOCK_BITS})))`;
}

/** SQL for the number after the names (0: none): core, or in `firstlast` 1 + len(T1) + 32 x core. */
export function emailNumber(first: string, format: string, core: string): string {
  return `CASE WHEN ${format} = 2 THEN 1 + length(${first}) + 32 * ${core} ELSE ${core} END`;
}

/** The pieces of the local part before the @: one concat of them, since string-valued CASE branches cost more. */
export function localParts(first: string, last: string, format: string, number: string): string[] {
  return [first, `['.', '_', ''][${format} + 1]`, last, `CASE WHEN ${number} = 0 THEN '' ELSE ${number}::VARCHAR END`];
}
