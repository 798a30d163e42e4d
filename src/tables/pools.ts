/**
 * The built-in pools' values: lists built by the coordinator from faker's locale data, which generated rows index
 * into by hash. They depend only on the pinned faker version and the fixed seeds below, never on a run's seed, so a
 * pool entry's index is all a row needs to agree with every other run. Changing a pool changes generated values:
 * bump the versions of the tables that read it and the golden checksum when you do.
 */
import { Faker, type LocaleDefinition, base, en, en_US } from '@faker-js/faker';

import { LOCALES } from '../model/locales.js';
import { MOBILE_POOL_SIZE, STREET_POOL_SIZE } from './locales.js';
import type { Place } from './geography/places.js';
import { CATEGORIES, SUBCATEGORIES, subcategoryLottery } from './catalog.js';
import { BRANDS_PER_CATEGORY, brandSuffixes } from './catalog/brands.js';
import { type Archetype, archetypes, colorPool, measurePool } from './catalog/catalogPools.js';
import { archetypePrices, measurePriceLogs } from './catalog/pricing.js';
import { bookTitles, titleKind } from './catalog/titles.js';
import { modelCodes, nameLines } from './catalog/nameParts.js';
import { ORDERS, REGISTRATIONS, acceptance, localeTable } from '../model/time/calendar.js';
import { promotionEvents, promotionShares } from './money/promotions.js';
import { paymentByCountry, shippingByBasket } from './orderTerms.js';
import { lottery } from '../model/columns/weighted.js';
import { ADDRESS_POOL_SIZE } from './locales.js';
import { taxRegionIndex } from './money/taxRegions.js';

export type Pool = readonly string[] | readonly number[];

const POOL_SEED = 20261126;

function fakerFor(data: readonly LocaleDefinition[], salt: number): Faker {
  const faker = new Faker({ locale: [...data] });
  faker.seed(POOL_SEED + salt);
  return faker;
}

const people = () => import('./people/peoplePools.js');

/** The places (geography/places.ts), built once per process: four pools read the same list. */
let placeCache: Promise<Place[]> | undefined;
function placePool(): Promise<Place[]> {
  placeCache ??= import('./geography/places.js').then((module) => module.places());
  return placeCache;
}

/** Mobile blocks (geography/phones.ts), MOBILE_POOL_SIZE per locale; NANP locales repeat their landline-only 0s. */
async function mobilePool(): Promise<number[]> {
  const [{ mobileBlocks }, { seeded }] = await Promise.all([import('./geography/phones.js'), import('./geography/places.js')]);
  return LOCALES.flatMap((locale, index) => {
    const blocks = mobileBlocks(locale.countryCode, MOBILE_POOL_SIZE, seeded(20261203 + index));
    return Array.from({ length: MOBILE_POOL_SIZE }, (_, i) => blocks[i % Math.max(1, blocks.length)] ?? 0);
  });
}

/** People's names for attributes that name one, e.g. a book's author: first and last names, varied. */
function personNames(): string[] {
  const faker = fakerFor([en_US, en, base], 14);
  return faker.helpers.uniqueArray(() => `${faker.person.firstName()} ${faker.person.lastName()}`, 2000);
}

let archetypeCache: Archetype[] | undefined;
function archetypePool(): Archetype[] {
  const faker = fakerFor([en, base], 15);
  archetypeCache ??= archetypes(SUBCATEGORIES, (n) => faker.number.int({ max: n - 1 }), personNames());
  return archetypeCache;
}

/** The catalogue's pools (issue 26): prices that follow the archetype, pack size and brand; book titles. */
const catalogBuilders: Record<string, () => Pool> = {
  archetype_price_base: () => archetypePrices(SUBCATEGORIES, archetypePool()).map((price) => price.base),
  archetype_price_scale: () => archetypePrices(SUBCATEGORIES, archetypePool()).map((price) => price.scale),
  measure_price_log: () => measurePriceLogs(SUBCATEGORIES),
  // The colour as the name ends with it and as the description says it ('' where none), by the colour's index.
  color_suffix: () => colorPool(SUBCATEGORIES).map((color) => (color ? `, ${color}` : '')),
  color_sentence: () => colorPool(SUBCATEGORIES).map((color) => (color ? ` Color: ${color}.` : '')),
  // The name's product line and model number with their spaces (productText.ts).
  name_line: () => nameLines(),
  model_code: () => modelCodes(),
  archetype_min_weight: () => archetypePool().map((a) => a.weight[0]),
  archetype_max_weight: () => archetypePool().map((a) => a.weight[1]),
  // Book subcategories' titles end to end, in catalogue order.
  book_title: () => {
    const faker = fakerFor([en_US, en, base], 16);
    const cities = faker.definitions.location?.city_name ?? [];
    const names = faker.definitions.person?.first_name?.generic ?? [];
    return SUBCATEGORIES.filter((sub) => sub.book).flatMap((sub) => bookTitles(titleKind(sub.name), (n) => faker.number.int({ max: n - 1 }), cities, names));
  },
};

const builders: Record<string, () => Pool | Promise<Pool>> = {
  ...catalogBuilders,
  registration_locale: () => localeTable(REGISTRATIONS),
  order_acceptance: () => acceptance(ORDERS),
  promotion_share: () => promotionShares(),
  promotion_event: () => promotionEvents(),
  // One lottery per basket size, then per country, end to end (orderTerms.ts).
  shipping_lottery: () => shippingByBasket.flatMap(([, weights]) => lottery(weights.map((w, i) => [i, w] as const))),
  payment_lottery: () => paymentByCountry.flatMap((weights) => lottery(weights.map((w, i) => [i, w] as const))),
  subcategory_lottery: () => subcategoryLottery(),
  subcategory_name: () => SUBCATEGORIES.map((sub) => sub.name),
  subcategory_category: () => SUBCATEGORIES.map((sub) => sub.category),
  subcategory_min_weight: () => SUBCATEGORIES.map((sub) => sub.weight[0]),
  subcategory_max_weight: () => SUBCATEGORIES.map((sub) => sub.weight[1]),
  subcategory_size: () => SUBCATEGORIES.map((sub) => sub.size),
  subcategory_adjective: () => SUBCATEGORIES.flatMap((sub) => [...sub.adjectives]),
  subcategory_color: () => colorPool(SUBCATEGORIES),
  archetype_name: () => archetypePool().map((a) => a.name),
  archetype_material: () => archetypePool().map((a) => a.material),
  archetype_before: () => archetypePool().map((a) => a.before),
  archetype_after: () => archetypePool().map((a) => a.after),
  measure_text: () => measurePool(SUBCATEGORIES, 'text'),
  measure_name: () => measurePool(SUBCATEGORIES, 'name'),
  address_city: async () => (await placePool()).map((p) => p.city),
  address_state: async () => (await placePool()).map((p) => p.region),
  address_postcode: async () => (await placePool()).map((p) => p.postcode),
  address_landline: async () => (await placePool()).map((p) => p.landline),
  phone_mobile: () => mobilePool(),
  // People (users): name lotteries, their email tokens and ranks, email domains, age bands, streets (people/).
  first_name: async () => (await people()).givenNamePool(),
  first_name_email: async () => (await people()).tokensOf((await people()).givenNamePool()),
  first_name_rank: async () => (await people()).givenRankPool(),
  last_name: async () => (await people()).familyNamePool(),
  last_name_email: async () => (await people()).tokensOf((await people()).familyNamePool()),
  last_name_rank: async () => (await people()).familyRankPool(),
  last_name_initial: async () => (await people()).tokensOf((await people()).familyNamePool()).map((token) => token.slice(0, 1)),
  email_domain: async () => (await people()).emailDomainPool(),
  email_domain_id: async () => (await people()).emailDomainIdPool(),
  email_domain_shared: async () => (await people()).emailDomainSharedPool(),
  age_band: async () => (await people()).ageBandPool(),
  street_name: async () => (await people()).streetPool(STREET_POOL_SIZE),
  // A category's own brands (publishers for books, farms for food), repeated for each of its subcategories so that
  // a row finds its brand from its subcategory alone.
  brand: () => {
    const byCategory = new Map(
      CATEGORIES.map((category, index) => {
        const faker = fakerFor([en_US, en, base], 900 + index);
        const suffixes = brandSuffixes(category);
        return [category, faker.helpers.uniqueArray(() => `${faker.person.lastName()}${faker.helpers.arrayElement(suffixes)}`, BRANDS_PER_CATEGORY)];
      }),
    );
    return SUBCATEGORIES.flatMap((sub) => byCategory.get(sub.category) ?? []);
  },
  supplier: () => {
    const faker = fakerFor([en_US, en, base], 10);
    const kinds = ['Supply', 'Wholesale', 'Trading', 'Distribution', 'Imports', 'Manufacturing'];
    const forms = ['Co.', 'Inc.', 'LLC', 'Ltd.', 'GmbH'];
    return faker.helpers.uniqueArray(
      () => `${faker.person.lastName()} ${faker.helpers.arrayElement(kinds)} ${faker.helpers.arrayElement(forms)}`,
      500,
    );
  },
  // Money (issue 26): each address slot's tax region (money/taxRegions.ts), by its locale and region name.
  address_tax_region: async () => (await placePool()).map((p, i) => taxRegionIndex(LOCALES[Math.floor(i / ADDRESS_POOL_SIZE)]?.code ?? 'en_US', p.region)),
  order_note: () => [
    'Please leave the package at the front door.',
    'Leave with a neighbour if nobody is home.',
    'Call on arrival.',
    'Gift: please do not include the invoice.',
    'Deliver to the back entrance.',
    'Fragile: handle with care.',
    'Ring the bell twice.',
    'Deliver after 5pm if possible.',
    'Leave in the parcel locker.',
    'Please use the side gate.',
    'Do not leave in the rain.',
    'Deliver to reception.',
    'Knock, the doorbell is broken.',
    'Beware of the dog.',
    'Please wrap as a gift.',
    'Birthday present, please add a card.',
    'Leave behind the planter.',
    'Apartment buzzer code at the door.',
    'Weekday deliveries only.',
    'Text me before delivery.',
  ],
};

/** Builds the built-in pool `name` (see builtinPools.ts, which loads this module only when a pool must be built). */
export function buildPool(name: string): Pool | Promise<Pool> {
  const build = builders[name];
  if (!build) throw new Error(`unknown pool ${name}`);
  return build();
}
