/** users' name and email helpers (people/emailAddress.ts explains the construction). */
import type { Field } from '../../model/tableDefinition.js';
import { POOL } from '../builtinPools.js';
import { LOCALES } from '../../model/locales.js';
import { type Choice, describeWeights, weightedIndex } from '../../model/columns/weighted.js';
import { below, draw20 } from '../../model/random.js';
import { EMAIL_FORMATS, EMAIL_FORMAT_SHARES, SCRAMBLE_STEPS, emailCore, emailNumber, familySlot, givenSlot, scrambleKey } from './emailAddress.js';
import { FAMILY_SLOTS, GIVEN_SLOTS, LOTTERY_SLOTS } from './peopleLayout.js';
import { AGE_BANDS } from './ages.js';
import { COHORTS } from './givenNames.js';

const emailFormats: Choice[] = EMAIL_FORMATS.map((format, i) => [format, EMAIL_FORMAT_SHARES[i] ?? 0] as const);

/** SQL: the COHORTS index (older, middle, young) of an age band: 55 and over, 35-54, 18-34. */
function cohortOf(band: string): string {
  const young = AGE_BANDS.findIndex(([from]) => from === 35);
  const middle = AGE_BANDS.findIndex(([from]) => from === 55);
  return `(CASE WHEN ${band} < ${young} THEN ${COHORTS.indexOf('young')} WHEN ${band} < ${middle} THEN ${COHORTS.indexOf('middle')} ELSE ${COHORTS.indexOf('older')} END)`;
}

export function describeEmailFormats(): string {
  return describeWeights(emailFormats);
}

/**
 * The name and email helpers: the scrambled ID gives the name slots, so that emails are unique by construction
 * (people/emailAddress.ts explains why).
 */
const scrambleHelpers: Field[] = SCRAMBLE_STEPS.map((step, i) => ({
  name: `_s${i + 1}`,
  sql: ({ row, field }) => step(i === 0 ? row.id : field(`_s${i}`), field('_key')),
}));
const S = `_s${SCRAMBLE_STEPS.length}`;
export const nameHelpers: Field[] = [
  { name: '_format', sql: ({ row }) => weightedIndex(draw20(row, 'email_format'), emailFormats) },
  { name: '_domain_slot', sql: ({ row, field }) => `(${field('_locale')} * ${LOTTERY_SLOTS} + ${below(row, 'email_domain', LOTTERY_SLOTS)})` },
  { name: '_key', sql: ({ field, pool }) => scrambleKey(pool(POOL.email_domain_id, field('_domain_slot')), field('_format'), field('_female'), field('_locale')) },
  ...scrambleHelpers,
  // 0-based index into AGE_BANDS: the age at registration, drawn from the country's shares (ages.ts).
  { name: '_age_band', sql: ({ row, field, pool }) => `${pool(POOL.age_band, `${field('_locale')} * ${LOTTERY_SLOTS} + ${below(row, 'age_band', LOTTERY_SLOTS)}`)}::BIGINT` },
  { name: '_cohort', sql: ({ field }) => cohortOf(field('_age_band')) },
  {
    // Layout of the given-name pools: cohort x sex x locale x slot (peoplePools.ts).
    name: '_first',
    sql: ({ field }) =>
      `(${field('_cohort')} * ${2 * LOCALES.length * GIVEN_SLOTS} + CASE WHEN ${field('_female')} THEN 0 ELSE ${LOCALES.length * GIVEN_SLOTS} END + ${field('_locale')} * ${GIVEN_SLOTS} + ${givenSlot(field(S))})`,
  },
  { name: '_last', sql: ({ field }) => `(${field('_locale')} * ${FAMILY_SLOTS} + ${familySlot(field(S))})` },
  { name: '_first_email', sql: ({ field, pool }) => pool(POOL.first_name_email, field('_first')) },
  { name: '_last_email', sql: ({ field, pool }) => pool(POOL.last_name_email, field('_last')) },
  {
    name: '_core',
    sql: ({ row, field, pool }) =>
      emailCore(row.id, `${pool(POOL.first_name_rank, field('_first'))}::BIGINT`, `${pool(POOL.last_name_rank, field('_last'))}::BIGINT`, pool(POOL.email_domain_shared, field('_domain_slot')), field('_locale')),
  },
  { name: '_number', sql: ({ field }) => emailNumber(field('_first_email'), field('_format'), field('_core')) },
];
