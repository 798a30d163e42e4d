/**
 * The pools of users' names, email domains, ages and streets (pools.ts lists them, builtinPools.ts declares them).
 * Layouts, which users.ts and emailAddress.ts index into:
 * - given names: cohort (older, middle, young) x sex (female, male) x locale x GIVEN_SLOTS;
 * - family names: locale x FAMILY_SLOTS;
 * - email domains and age bands: locale x LOTTERY_SLOTS.
 */
import { Faker, allLocales, base, en, type LocaleDefinition } from '@faker-js/faker';
import { LOCALES, type LocaleCode } from '../../model/locales.js';
import { lottery } from '../../model/columns/weighted.js';
import { COHORTS, GIVEN_NAMES, GIVEN_TAILS } from './givenNames.js';
import { SURNAMES, SURNAME_TAILS } from './surnames.js';
import { EMAIL_DOMAINS, ALL_DOMAINS, SHARED_DOMAINS } from './emailDomains.js';
import { AGE_SHARES } from './ages.js';
import { type TailSource, nameLottery, tokenRanks } from './nameLottery.js';
import { emailToken, plainLatin } from './emailToken.js';
import { streetNames } from './streets.js';
import { CENSUS_TAIL } from './censusTail.js';
import { INSEE_TAIL } from './inseeTail.js';
import { FAMILY_SLOTS, GIVEN_SLOTS, LOTTERY_SLOTS, RANK_LIMIT } from './peopleLayout.js';

const SEED = 20261207;
type Sex = 'female' | 'male';

function fakerOf(code: string, salt: number): Faker {
  const data = (allLocales as Record<string, LocaleDefinition>)[code] ?? en;
  const faker = new Faker({ locale: [data, en, base] });
  faker.seed(SEED + salt);
  return faker;
}

/** Names of a faker locale in a seeded order (the order decides which tail names get the most slots). */
function fakerNames(code: string, kind: 'last' | Sex, salt: number): string[] {
  const faker = fakerOf(code, salt);
  const person = faker.rawDefinitions.person;
  const list = kind === 'last' ? person?.last_name?.generic : person?.first_name?.[kind];
  return faker.helpers.shuffle([...new Set(list ?? [])]);
}

/**
 * The Census ranks beyond the head; outside the US without its Hispanic names (those of faker's Spanish lists, or
 * ending in -ez or -az), which are common in the US only.
 */
function censusTail(locale: LocaleCode): string[] {
  if (locale === 'en_US') return [...CENSUS_TAIL];
  const spanish = new Set([...fakerNames('es', 'last', 0), ...fakerNames('es_MX', 'last', 0)]);
  return CENSUS_TAIL.filter((name) => !spanish.has(name) && !/[ae]z$/.test(name));
}

/** Names of another language are spelt without accents outside their country (Müller is Muller in Ohio). */
function tailSources(locale: LocaleCode, sources: readonly (readonly [string, number])[], kind: 'last' | Sex, salt: number): TailSource[] {
  const own = locale.slice(0, 2);
  // The curated lists keep their own spelling.
  return sources.map(([code, weight], index) => {
    const names = code === 'census' ? censusTail(locale) : code === 'insee' ? [...INSEE_TAIL] : fakerNames(code, kind, salt * 100 + index);
    return { names: code.slice(0, 2) === own || code === 'insee' ? names : names.map(plainLatin), weight };
  });
}

/**
 * Given names of one sex and cohort in every locale. Each cohort's tail takes its own third of faker's names where
 * the list is long (names change with the decades, and a name in fewer slots more often has rank 0, so its email
 * needs no digits); a short list (French, German) is shared, lest a third of it fill the tail with a few names.
 */
const SPLIT_TAIL = 1200;

function givenLottery(sex: Sex, cohort: number): string[] {
  return LOCALES.flatMap((locale, index) => {
    const tails = tailSources(locale.code, GIVEN_TAILS[locale.code], sex, (sex === 'female' ? 10 : 20) + index).map((source) => ({
      ...source,
      names: source.names.length >= SPLIT_TAIL ? source.names.filter((_, i) => i % COHORTS.length === cohort) : source.names,
    }));
    return nameLottery(GIVEN_NAMES[locale.code][COHORTS[cohort] ?? 'middle'][sex], tails, GIVEN_SLOTS);
  });
}

let givenCache: string[] | undefined;
export function givenNamePool(): string[] {
  givenCache ??= COHORTS.flatMap((_, cohort) => [...givenLottery('female', cohort), ...givenLottery('male', cohort)]);
  return givenCache;
}

let familyCache: string[] | undefined;
export function familyNamePool(): string[] {
  familyCache ??= LOCALES.flatMap((locale, index) =>
    nameLottery(SURNAMES[locale.code], tailSources(locale.code, SURNAME_TAILS[locale.code], 'last', 30 + index), FAMILY_SLOTS),
  );
  return familyCache;
}

/** Ranks of given names within their locale, both sexes and all cohorts together (an email names the entry by token and rank). */
export function givenRankPool(): number[] {
  const perSex = LOCALES.length * GIVEN_SLOTS;
  return tokenRanks(givenNamePool(), (i) => Math.floor((i % perSex) / GIVEN_SLOTS), RANK_LIMIT);
}

export function familyRankPool(): number[] {
  return tokenRanks(familyNamePool(), (i) => Math.floor(i / FAMILY_SLOTS), RANK_LIMIT);
}

export const tokensOf = (names: readonly string[]): string[] => names.map(emailToken);

function domainLottery(): string[] {
  return LOCALES.flatMap((locale) => {
    const shares = EMAIL_DOMAINS[locale.code];
    return lottery(shares, LOTTERY_SLOTS).map((i) => shares[i]?.[0] ?? 'gmail.com');
  });
}

export const emailDomainPool = (): string[] => domainLottery();
export const emailDomainIdPool = (): number[] => domainLottery().map((d) => ALL_DOMAINS.indexOf(d));
export const emailDomainSharedPool = (): number[] => domainLottery().map((d) => (SHARED_DOMAINS.has(d) ? 1 : 0));

export function ageBandPool(): number[] {
  return LOCALES.flatMap((locale) => lottery(AGE_SHARES[locale.code].map((share, band) => [band, share] as const), LOTTERY_SLOTS));
}

export function streetPool(size: number): string[] {
  return LOCALES.flatMap((locale, index) => {
    const faker = fakerOf(locale.code, 50 + index);
    const streets = (faker.rawDefinitions.location?.street_name ?? []).map((s) => s.replace(/str\.$/, 'straße').replace(/Str\.$/, 'Straße'));
    const frenchNames = faker.rawDefinitions.location?.street_suffix ?? [];
    return streetNames(locale.code, size, (n) => faker.number.int({ max: n - 1 }), { streets, frenchNames });
  });
}
