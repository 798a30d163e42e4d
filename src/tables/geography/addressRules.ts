/**
 * The verify rule that an address's region and postal code agree, checked independently of the place pools: by
 * each country's postal code shape and by what the code's leading characters say of the region, from the postal
 * services' public allocations (USPS ZIP prefixes by state, Canada Post's first letters by province, Australia
 * Post's postcode ranges by state, La Poste's département prefixes, Royal Mail's postcode areas by nation,
 * Deutsche Post's Leitzonen). Germany's Leitzonen cross Land borders, so its check is coarser.
 */
import type { Rule } from '../../model/tableDefinition.js';
import { quotedString } from '../../model/sql.js';
import { LOCALES } from '../../model/locales.js';
import { CA_PROVINCES, FR_REGIONS, US_STATES } from './regions.js';

const US_ZIP3: readonly [number, number, string][] = [
  [5, 5, 'NY'], [10, 27, 'MA'], [28, 29, 'RI'], [30, 38, 'NH'], [39, 49, 'ME'], [50, 54, 'VT'], [55, 55, 'MA'],
  [56, 59, 'VT'], [60, 69, 'CT'], [70, 89, 'NJ'], [100, 149, 'NY'], [150, 196, 'PA'], [197, 199, 'DE'],
  [200, 200, 'DC'], [201, 201, 'VA'], [202, 205, 'DC'], [206, 219, 'MD'], [220, 246, 'VA'], [247, 268, 'WV'],
  [270, 289, 'NC'], [290, 299, 'SC'], [300, 319, 'GA'], [320, 349, 'FL'], [350, 369, 'AL'], [370, 385, 'TN'],
  [386, 397, 'MS'], [398, 399, 'GA'], [400, 427, 'KY'], [430, 459, 'OH'], [460, 479, 'IN'], [480, 499, 'MI'],
  [500, 528, 'IA'], [530, 549, 'WI'], [550, 567, 'MN'], [569, 569, 'DC'], [570, 577, 'SD'], [580, 588, 'ND'],
  [590, 599, 'MT'], [600, 629, 'IL'], [630, 658, 'MO'], [660, 679, 'KS'], [680, 693, 'NE'], [700, 714, 'LA'],
  [716, 729, 'AR'], [730, 732, 'OK'], [733, 733, 'TX'], [734, 749, 'OK'], [750, 799, 'TX'], [800, 816, 'CO'],
  [820, 831, 'WY'], [832, 838, 'ID'], [840, 847, 'UT'], [850, 865, 'AZ'], [870, 884, 'NM'], [885, 885, 'TX'],
  [889, 898, 'NV'], [900, 961, 'CA'], [967, 968, 'HI'], [970, 979, 'OR'], [980, 994, 'WA'], [995, 999, 'AK'],
];

/** Canadian first letters; X serves both the Northwest Territories and Nunavut. */
const CA_LETTERS: Record<string, string> = {
  A: '05', B: '07', C: '09', E: '04', G: '10', H: '10', J: '10', K: '08', L: '08', M: '08', N: '08', P: '08',
  R: '03', S: '11', T: '01', V: '02', Y: '12',
};

const AU_RANGES: readonly [number, number, string][] = [
  [200, 299, 'ACT'], [800, 999, 'NT'], [1000, 2599, 'NSW'], [2600, 2618, 'ACT'], [2619, 2899, 'NSW'], [2900, 2920, 'ACT'],
  [2921, 2999, 'NSW'], [3000, 3999, 'VIC'], [4000, 4999, 'QLD'], [5000, 5999, 'SA'], [6000, 6999, 'WA'],
  [7000, 7999, 'TAS'], [8000, 8999, 'VIC'], [9000, 9999, 'QLD'],
];

/** Postcode areas (the leading letters) of Scotland, Wales (with border areas shared with England) and NI. */
const SCOTLAND = 'AB DD DG EH FK G HS IV KA KW KY ML PA PH TD ZE';
const WALES = 'CF LD LL NP SA SY CH HR';
const ENGLAND_NEVER = 'AB DD EH FK G HS IV KA KW KY ML PA PH ZE CF LD LL NP SA BT';

/** Deutsche Post Leitzonen (first digit) and the Länder they reach. */
const DE_ZONES: readonly string[] = [
  'Sachsen Sachsen-Anhalt Thüringen Brandenburg', 'Berlin Brandenburg Mecklenburg-Vorpommern',
  'Hamburg Schleswig-Holstein Niedersachsen Bremen Mecklenburg-Vorpommern', 'Niedersachsen Nordrhein-Westfalen Hessen Thüringen Sachsen-Anhalt',
  'Nordrhein-Westfalen Niedersachsen', 'Nordrhein-Westfalen Rheinland-Pfalz Hessen',
  'Hessen Rheinland-Pfalz Saarland Baden-Württemberg Bayern', 'Baden-Württemberg', 'Bayern Baden-Württemberg',
  'Bayern Thüringen Baden-Württemberg',
];

const list = (words: string) => words.split(' ').map(quotedString).join(', ');
const ranges = (value: string, table: readonly [number, number, string][], name: (code: string) => string) =>
  `CASE ${table.map(([low, high, code]) => `WHEN ${value} BETWEEN ${low} AND ${high} THEN ${quotedString(name(code))}`).join(' ')} END`;

/** SQL true when the (country code, region, postal code) of a row agree. */
export function addressAgrees(country: string, state: string, postal: string): string {
  const first = `left(${postal}, 1)`;
  const area = `regexp_extract(${postal}, '^[A-Z]+')`;
  const frenchChecks = Object.values(FR_REGIONS).map((r) => `(${state} = ${quotedString(r.name)} AND left(${postal}, 2) IN (${r.departements.map(quotedString).join(', ')}))`);
  return `CASE ${country}
    WHEN 'US' THEN regexp_full_match(${postal}, '\\d{5}') AND ${state} = ${ranges(`TRY_CAST(left(${postal}, 3) AS INTEGER)`, US_ZIP3, (c) => US_STATES[c] ?? c)}
    WHEN 'CA' THEN regexp_full_match(${postal}, '[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z] \\d[ABCEGHJ-NPRSTV-Z]\\d')
      AND (${state} = CASE ${first} ${Object.entries(CA_LETTERS).map(([l, p]) => `WHEN '${l}' THEN ${quotedString(CA_PROVINCES[p] ?? p)}`).join(' ')} END
        OR (${first} = 'X' AND ${state} IN ('Northwest Territories', 'Nunavut')))
    WHEN 'AU' THEN regexp_full_match(${postal}, '\\d{4}') AND ${state} = ${ranges(`TRY_CAST(${postal} AS INTEGER)`, AU_RANGES, (c) => c)}
    WHEN 'FR' THEN regexp_full_match(${postal}, '\\d{5}') AND (${frenchChecks.join(' OR ')})
    WHEN 'GB' THEN regexp_full_match(${postal}, '[A-Z]{1,2}\\d[A-Z\\d]? \\d[ABD-HJLNP-UW-Z]{2}') AND CASE ${state}
      WHEN 'Northern Ireland' THEN ${area} = 'BT' WHEN 'Scotland' THEN ${area} IN (${list(SCOTLAND)})
      WHEN 'Wales' THEN ${area} IN (${list(WALES)}) WHEN 'England' THEN ${area} NOT IN (${list(ENGLAND_NEVER)}) ELSE false END
    WHEN 'DE' THEN regexp_full_match(${postal}, '\\d{5}') AND CASE ${first} ${DE_ZONES.map((l, d) => `WHEN '${d}' THEN ${state} IN (${list(l)})`).join(' ')} END
      AND (${state} <> 'Berlin' OR left(${postal}, 2) BETWEEN '10' AND '14') AND (${state} <> 'Hamburg' OR left(${postal}, 2) BETWEEN '20' AND '22')
    ELSE false END`;
}

/** The ISO code of a country name column (orders keep the name only). */
export function countryCodeOf(name: string): string {
  return `CASE ${name} ${LOCALES.map((l) => `WHEN ${quotedString(l.country)} THEN '${l.countryCode}'`).join(' ')} END`;
}

/** The rule over a table's address columns: `country` is SQL for the ISO code. */
export function addressRule(table: string, columns: { country: string; state: string; postalCode: string }): Rule {
  return {
    description: "region and postal code agree (each country's postal code shape, and what its prefix says of the region)",
    violations: (t) => `${t(table)} WHERE NOT coalesce(${addressAgrees(columns.country, columns.state, columns.postalCode)}, false)`,
  };
}
