/**
 * Reads a user's ID back from their email address alone, following the proof in src/tables/people/emailAddress.ts
 * step by step (pools, ranks, the inverse of the scramble). If every generated address decodes to its own user_id,
 * no two rows can share an address: this is the proof, executed.
 */
import { buildPool } from '../../dist/src/tables/pools.js';
import { ALL_DOMAINS, EMAIL_DOMAINS, SHARED_DOMAINS } from '../../dist/src/tables/people/emailDomains.js';
import { FAMILY_BITS, FAMILY_SLOTS, GIVEN_SLOTS } from '../../dist/src/tables/people/peopleLayout.js';
import { BLOCK_BITS } from '../../dist/src/tables/people/emailAddress.js';
import { LOCALES } from '../../dist/src/model/locales.js';

const M = (1n << BigInt(BLOCK_BITS)) - 1n;

function inverseOdd(a: bigint): bigint {
  let inverse = a;
  for (let i = 0; i < 6; i += 1) inverse = (inverse * (2n - a * inverse)) & M;
  return inverse & M;
}

function unXorShift(y: bigint, shift: bigint): bigint {
  let x = y;
  for (let i = 0; i < BLOCK_BITS; i += 1) x = y ^ (x >> shift);
  return x;
}

/** The inverse of π_K (emailAddress.ts SCRAMBLE_STEPS). */
export function unscramble(s: bigint, key: bigint): bigint {
  const e = unXorShift(s, 9n);
  const d = (e * inverseOdd(3519719n)) & M;
  const c = unXorShift(d, 12n);
  const b = (((c * inverseOdd(1720133n)) & M) - ((key * 40503n + 12345n) & M) + (M + 1n)) & M;
  const a = unXorShift(b, 11n);
  return ((a * inverseOdd(3055899n)) & M) ^ ((key * 2654435761n) & M);
}

function unpair(z: bigint): [bigint, bigint] {
  let s = BigInt(Math.floor(Math.sqrt(Number(z))));
  while (s * s > z) s -= 1n;
  while ((s + 1n) * (s + 1n) <= z) s += 1n;
  return z - s * s < s ? [z - s * s, s] : [s, z - s * s - s];
}

/** (locale, token, rank) -> pool index: throws if two entries had the same key (the proof needs them unique). */
function entryIndex(tokens: readonly string[], ranks: readonly number[], localeOf: (i: number) => number): Map<string, number> {
  const index = new Map<string, number>();
  tokens.forEach((token, i) => {
    const key = `${localeOf(i)}:${token}:${ranks[i]}`;
    if (index.has(key)) throw new Error(`two entries named ${key}`);
    index.set(key, i);
  });
  return index;
}

export async function emailDecoder(): Promise<(email: string) => bigint> {
  const perSex = LOCALES.length * GIVEN_SLOTS;
  const given = entryIndex((await buildPool('first_name_email')) as string[], (await buildPool('first_name_rank')) as number[], (i) => Math.floor((i % perSex) / GIVEN_SLOTS));
  const family = entryIndex((await buildPool('last_name_email')) as string[], (await buildPool('last_name_rank')) as number[], (i) => Math.floor(i / FAMILY_SLOTS));
  const ownLocale = (domain: string) => LOCALES.findIndex((l) => EMAIL_DOMAINS[l.code].some(([d]) => d === domain));
  return (email) => {
    const [local = '', domain = ''] = email.split('@');
    const [, letters = '', digits = ''] = /^([a-z._]*?)([0-9]*)$/.exec(local) ?? [];
    let format: bigint;
    let first: string;
    let last: string;
    let core: bigint;
    if (letters.includes('.') || letters.includes('_')) {
      format = letters.includes('.') ? 0n : 1n;
      [first = '', last = ''] = letters.split(/[._]/);
      core = digits === '' ? 0n : BigInt(digits);
    } else {
      format = 2n;
      const e = BigInt(digits) - 1n;
      const length = Number(e % 32n);
      [first, last] = [letters.slice(0, length), letters.slice(length)];
      core = e / 32n;
    }
    const lambda = core % 8n;
    const pair = (core / 8n) % (1n << 20n);
    const block = core / 8n / (1n << 20n);
    const [r1, r2] = unpair(pair);
    const locale = SHARED_DOMAINS.has(domain) ? Number(lambda) : ownLocale(domain);
    const g = given.get(`${locale}:${first}:${r1}`);
    const l = family.get(`${locale}:${last}:${r2}`);
    if (g === undefined || l === undefined) throw new Error(`${email}: no entry for its names`);
    const female = Math.floor(g / perSex) % 2 === 0 ? 1n : 0n;
    const key = ((BigInt(ALL_DOMAINS.indexOf(domain)) * 4n + format) * 2n + female) * 8n + BigInt(locale);
    const s = (BigInt(g % GIVEN_SLOTS) << BigInt(FAMILY_BITS)) | BigInt(l % FAMILY_SLOTS);
    return (block << BigInt(BLOCK_BITS)) + unscramble(s, key);
  };
}
