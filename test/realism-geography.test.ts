/**
 * Real geography, measured with SQL over generated files (the realism files' shop: 100k users, 600k orders,
 * helpers/realismDatasets.ts): city, region and postal code agree in every country (by postcode-validator's
 * shapes, by typed-in facts of each country's postal allocation, and by the verify rule), regions and cities weigh by
 * population, phones are valid by libphonenumber-js and carry the area code of the user's region, and orders ship to
 * the same real places.
 */
import { join } from 'node:path';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { postcodeValidator } from 'postcode-validator';
import { beforeAll, expect, test } from 'vitest';
import { addressAgrees, countryCodeOf } from '../dist/src/tables/geography/addressRules.js';
import { loadMetadata, tableRegistry, verifyDataset } from '../dist/src/index.js';
import { query, tableSql } from './helpers/cli.js';
import { sharedDataset } from './helpers/sharedDataset.js';
import { SHOP } from './helpers/realismDatasets.js';

let dir = '';
let users = '';
let orders = '';
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'CA', 'AU'] as const;

beforeAll(async () => {
  // The shop's folder (read only): its files under data/, its metadata m.json.
  dir = await sharedDataset(SHOP);
  users = await tableSql(join(dir, 'data'), 'users');
  orders = await tableSql(join(dir, 'data'), 'orders');
}, 180_000);

async function counts(sql: string): Promise<Map<string, number>> {
  return new Map((await query(sql)).map((row) => [String(row.k), Number(row.n)]));
}

test('postal codes have their country’s shape (postcode-validator) in every row', async () => {
  // Each distinct code once, with how many rows carry it: every row's code is checked, without 700k rows in JS.
  const rows = await query(
    `SELECT c, p, count(*) AS n FROM (SELECT country_code AS c, postal_code AS p FROM ${users} UNION ALL SELECT ${countryCodeOf('shipping_country')}, shipping_postal_code FROM ${orders}) GROUP BY ALL`,
  );
  for (const country of COUNTRIES) {
    const mine = rows.filter((row) => row.c === country);
    const bad = mine.filter((row) => !postcodeValidator(String(row.p), country));
    expect(mine.reduce((sum, row) => sum + Number(row.n), 0), country).toBeGreaterThan(3000);
    expect(bad.slice(0, 5), country).toEqual([]);
  }
});

test('region and postal code agree in every country, for users and shipping addresses', async () => {
  const bad = await counts(`SELECT country_code AS k, count(*) FILTER (WHERE NOT coalesce(${addressAgrees('country_code', 'state', 'postal_code')}, false)) AS n FROM ${users} GROUP BY 1`);
  const shipping = await counts(`SELECT shipping_country AS k, count(*) FILTER (WHERE NOT coalesce(${addressAgrees(countryCodeOf('shipping_country'), 'shipping_state', 'shipping_postal_code')}, false)) AS n FROM ${orders} GROUP BY 1`);
  expect([...bad.values(), ...shipping.values()].every((n) => n === 0), JSON.stringify([...bad, ...shipping])).toBe(true);
  expect(bad.size).toBe(6);
  // Facts typed in here, apart from the rule: California ZIPs are 900-961, Ontario codes start K-P, NSW postcodes
  // 1000-2999 (bar ACT's), Île-de-France's départements 75, 77, 78, 91-95, Berlin's 10-14, London's districts.
  const misplaced = await query(`SELECT count(*) AS n FROM ${users} WHERE
    (state = 'California' AND NOT (left(postal_code, 3) BETWEEN '900' AND '961')) OR
    (state = 'Ontario' AND left(postal_code, 1) NOT IN ('K', 'L', 'M', 'N', 'P')) OR
    (state = 'NSW' AND NOT (postal_code BETWEEN '1000' AND '2999')) OR
    (state = 'Île-de-France' AND left(postal_code, 2) NOT IN ('75', '77', '78', '91', '92', '93', '94', '95')) OR
    (state = 'Berlin' AND NOT (left(postal_code, 2) BETWEEN '10' AND '14')) OR
    (city = 'London' AND NOT regexp_matches(postal_code, '^(E|EC|N|NW|SE|SW|W|WC)[0-9]'))`);
  expect(Number(misplaced[0]?.n)).toBe(0);
});

test('synthgen verify finds no address that breaks its rule', async () => {
  // verify in this process (what `synthgen verify` runs and prints, without a CLI process's start-up).
  const { metadata } = await loadMetadata(join(dir, 'm.json'));
  const report = await verifyDataset({ root: join(dir, 'data'), metadata, metadataFolder: dir, registry: tableRegistry() });
  const result = (check: string) => report.checks.filter((c) => c.check.startsWith(check)).map((c) => c.result);
  expect(result('users: region and postal code agree')).toEqual(['ok']);
  expect(result('orders: region and postal code agree')).toEqual(['ok']);
}, 60_000);

test('regions weigh by population', async () => {
  const states = await counts(`SELECT state AS k, count(*) AS n FROM ${users} GROUP BY 1`);
  const n = (state: string) => states.get(state) ?? 0;
  // Census 2020: California 39.5M, Wyoming 0.58M (68x); Texas 29M, Vermont 0.64M; Ontario 14M, Nunavut 37k.
  expect(n('California') / Math.max(1, n('Wyoming'))).toBeGreaterThan(20);
  expect(n('Wyoming')).toBeGreaterThan(0);
  expect(n('Texas') / Math.max(1, n('Vermont'))).toBeGreaterThan(15);
  expect(n('Ontario') / Math.max(1, n('Nunavut'))).toBeGreaterThan(50);
  expect(n('Ontario') / n('Quebec')).toBeGreaterThan(1.1);
  expect(n('NSW') / n('TAS')).toBeGreaterThan(5);
  expect(n('Nordrhein-Westfalen') / n('Saarland')).toBeGreaterThan(5);
  expect(n('Île-de-France') / n('Corse')).toBeGreaterThan(10);
  expect(n('England') / n('Wales')).toBeGreaterThan(5);
});

test('the big cities sit in their true region and weigh as big cities', async () => {
  const cases: [string, string, string, number][] = [
    ['US', 'Los Angeles', 'California', 0.008], ['US', 'New York City', 'New York', 0.015], ['DE', 'Berlin', 'Berlin', 0.08],
    ['FR', 'Paris', 'Île-de-France', 0.02], ['CA', 'Toronto', 'Ontario', 0.05], ['AU', 'Sydney', 'NSW', 0.1], ['GB', 'London', 'England', 0.1],
  ];
  for (const [country, city, region, share] of cases) {
    const [row] = await query(`SELECT avg((city = '${city}')::INT) AS share, count(*) FILTER (WHERE city = '${city}' AND state <> '${region}') AS elsewhere FROM ${users} WHERE country_code = '${country}'`);
    expect(Number(row?.share), city).toBeGreaterThan(share);
    expect(Number(row?.elsewhere), city).toBe(0);
  }
});

test('phones are valid for the country (libphonenumber-js) and landlines carry the region’s area code', async () => {
  const rows = await query(`SELECT country_code AS c, state AS s, city, phone FROM ${users}`);
  const valid = new Map<string, [number, number]>();
  const wrongArea: string[] = [];
  let mobiles = 0;
  let outsideNorthAmerica = 0;
  for (const row of rows) {
    const country = String(row.c) as CountryCode;
    const number = parsePhoneNumberFromString(String(row.phone));
    const ok = number?.isValid() === true && number.country === country;
    const [good, all] = valid.get(country) ?? [0, 0];
    valid.set(country, [good + (ok ? 1 : 0), all + 1]);
    if (!number) continue;
    const national = number.nationalNumber;
    if (country !== 'US' && country !== 'CA') {
      outsideNorthAmerica += 1;
      if (number.getType() === 'MOBILE') { mobiles += 1; continue; }
    }
    if (!areaFits(country, String(row.s), String(row.city), national)) wrongArea.push(`${row.city}, ${row.s}: ${row.phone}`);
  }
  for (const [country, [good, all]] of valid) expect(good / all, country).toBeGreaterThanOrEqual(0.999);
  expect(wrongArea.slice(0, 5)).toEqual([]);
  // 60% mobiles outside North America.
  expect(mobiles / outsideNorthAmerica).toBeGreaterThan(0.55);
  expect(mobiles / outsideNorthAmerica).toBeLessThan(0.65);
  const n11 = await query(`SELECT count(*) AS n FROM ${users} WHERE country_code IN ('US', 'CA') AND (substr(phone, 4, 2) = '11' OR substr(phone, 3, 1) IN ('0', '1'))`);
  expect(Number(n11[0]?.n)).toBe(0);
}, 60_000);

/** Area codes typed in from NANPA, ACMA, ARCEP, Ofcom and Bundesnetzagentur lists, for a few regions and cities. */
const NANP: Record<string, string> = {
  California: '209 213 279 310 323 341 350 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 747 760 805 818 820 831 840 858 909 916 925 949 951',
  'New York': '212 315 332 347 363 516 518 585 607 631 646 680 716 718 838 845 914 917 929 934',
  Texas: '210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 915 936 940 945 956 972 979',
  Ontario: '226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 807 905',
  Quebec: '263 354 367 418 438 450 468 514 579 581 819 873',
};
const AU_DIGIT: Record<string, string> = { NSW: '2', ACT: '2', VIC: '3', TAS: '3', QLD: '7', SA: '8', WA: '8', NT: '8' };
const FR_ZONES: Record<string, string> = { 'Île-de-France': '1', Bretagne: '2', Normandie: '2', 'Hauts-de-France': '3', 'Grand Est': '3', "Provence-Alpes-Côte d'Azur": '4', Occitanie: '45', 'Nouvelle-Aquitaine': '5' };
const CITY_AREAS: Record<string, string> = { Berlin: '30', München: '89', Hamburg: '40', Köln: '221', London: '20', Manchester: '161', Edinburgh: '131', Cardiff: '29', Belfast: '28' };

function areaFits(country: string, state: string, city: string, national: string): boolean {
  if (country === 'US' || country === 'CA') return !NANP[state] || NANP[state].split(' ').includes(national.slice(0, 3));
  if (country === 'AU') return national.slice(0, 1) === AU_DIGIT[state];
  if (country === 'FR') return !FR_ZONES[state] || FR_ZONES[state].includes(national.slice(0, 1));
  const area = CITY_AREAS[city];
  return !area || national.startsWith(area);
}

test('orders ship to real places: the user’s own for most, and city, state and postal code agree', async () => {
  const [row] = await query(`SELECT avg((o.shipping_city = u.city AND o.shipping_postal_code = u.postal_code)::INT) AS own,
      avg((p.city IS NOT NULL)::INT) AS known
    FROM ${orders} o JOIN ${users} u USING (user_id)
    LEFT JOIN (SELECT DISTINCT city, state, postal_code FROM ${users}) p ON p.city = o.shipping_city AND p.state = o.shipping_state AND p.postal_code = o.shipping_postal_code`);
  expect(Number(row?.own)).toBeGreaterThan(0.84);
  // Another address is a place of the same lottery: nearly always one some user lives at too.
  expect(Number(row?.known)).toBeGreaterThan(0.99);
});
