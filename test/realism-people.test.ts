/**
 * People who look real, measured with SQL over generated files (200k users, then 20k more in a second run): family
 * names with each country's frequencies (US Census 2010, INSEE, telephone-directory counts), emails made from the
 * name at each country's domains, unique by construction with no user_id in them, ages shaped like online
 * shoppers', streets with real suffixes. Sources and figures: docs/realism.md, docs/data-sources.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadMetadata, tableRegistry, verifyDataset } from '../dist/src/index.js';
import { query, tableSql } from './helpers/cli.js';
import { emailDecoder } from './helpers/emailDecode.js';
import { engineRun } from './helpers/engine.js';
import { BLOCK_BITS, SCRAMBLE_STEPS } from '../dist/src/tables/people/emailAddress.js';

let dir = '';
let users = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-people-'));
  // Its own two runs (the second must see the first's names taken), in this process: the same rows as the CLI's
  // (engineRun's seed and as-of are the CLI's), without two CLI processes' start-up.
  await engineRun(dir, { tables: ['users'], rows: { users: 200_000 }, seed: 26 });
  await engineRun(dir, { tables: ['users'], rows: { users: 20_000 }, seed: 26, asOf: '2026-12-31T00:00:00Z' });
  users = await tableSql(join(dir, 'data'), 'users');
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function shares(country: string, column: string): Promise<Map<string, number>> {
  const rows = await query(`SELECT ${column} AS k, count(*) / sum(count(*)) OVER () AS share FROM ${users} WHERE country_code = '${country}' GROUP BY 1 ORDER BY 2 DESC`);
  return new Map(rows.map((row) => [String(row.k), Number(row.share)]));
}

const CENSUS_TOP10 = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez'];

test('US surnames follow the 2010 Census: Smith ~0.83%, the top 10 are the Census top 10, thousands of names', async () => {
  const us = await shares('US', 'last_name');
  const smith = us.get('Smith') ?? 0;
  expect(smith).toBeGreaterThan(0.006);
  expect(smith).toBeLessThan(0.01);
  const top10 = [...us.keys()].slice(0, 10);
  expect(top10.filter((name) => CENSUS_TOP10.includes(name)).length, top10.join(', ')).toBeGreaterThanOrEqual(8);
  expect(top10[0]).toBe('Smith');
  expect(us.size).toBeGreaterThan(2500);
  // No invented name anywhere near the top: the most common name outside the Census top 40 stays below 0.2%.
  expect([...us.values()][40] ?? 1).toBeLessThan(0.002);
});

test('each country has its own commonest surname: Martin in France, Müller in Germany, Smith in the UK', async () => {
  const fr = await shares('FR', 'last_name');
  const de = await shares('DE', 'last_name');
  const gb = await shares('GB', 'last_name');
  expect([...fr.keys()][0]).toBe('Martin');
  expect([...de.keys()][0]).toBe('Müller');
  expect([...gb.keys()][0]).toBe('Smith');
  expect(gb.get('Smith') ?? 0).toBeGreaterThan(0.008);
  expect(fr.size).toBeGreaterThan(600);
  expect(de.size).toBeGreaterThan(1500);
});

test('given names follow sex, country and birth cohort: Mary among older American women, Jessica among the young', async () => {
  const top = async (where: string) =>
    (await query(`SELECT first_name AS k, count(*) AS n FROM ${users} WHERE ${where} GROUP BY 1 ORDER BY 2 DESC LIMIT 3`)).map((r) => String(r.k));
  const age = "date_diff('year', date_of_birth, registration_date::DATE)";
  expect(await top(`country_code = 'US' AND gender = 'Female' AND ${age} >= 56`)).toContain('Mary');
  expect(await top(`country_code = 'US' AND gender = 'Female' AND ${age} <= 33`)).toEqual(expect.arrayContaining(['Jessica', 'Ashley']));
  expect(await top(`country_code = 'US' AND gender = 'Male'`)).toContain('Michael');
  expect(await top(`country_code = 'FR' AND gender = 'Male' AND ${age} >= 56`)).toContain('Jean');
  expect(await top(`country_code = 'DE' AND gender = 'Female' AND ${age} <= 33`)).toContain('Julia');
  // Mary is 3% of older American women (SSA, births 1940-1969) and next to none of the young.
  const [mary] = await query(`SELECT avg((first_name = 'Mary')::INT) FILTER (WHERE ${age} >= 56) AS old, avg((first_name = 'Mary')::INT) FILTER (WHERE ${age} <= 33) AS young
    FROM ${users} WHERE country_code = 'US' AND gender = 'Female'`);
  expect(Number(mary?.old)).toBeGreaterThan(0.02);
  expect(Number(mary?.young)).toBeLessThan(0.005);
});

test('emails are unique across runs, made from the name, and never show the user_id', async () => {
  const [row] = await query(`SELECT count(*) AS n, count(DISTINCT email) AS d,
      avg(regexp_matches(email, '^[a-z]+[._]?[a-z]+[0-9]*@[a-z.-]+$')::INT) AS shaped,
      avg(regexp_matches(email, '^[a-z._]+@')::INT) AS plain,
      avg((regexp_extract(email, '([0-9]+)@', 1) LIKE '%' || user_id::VARCHAR)::INT) AS ends_in_id,
      avg(starts_with(email, lower(strip_accents(replace(replace(first_name, ' ', ''), '''', ''))))::INT) AS from_name
    FROM ${users}`);
  expect(Number(row?.n)).toBe(220000);
  expect(Number(row?.d)).toBe(220000);
  expect(Number(row?.shaped)).toBe(1);
  // Only a name's first slot in its country goes without digits (emailAddress.ts): 8.5% at 200k users.
  expect(Number(row?.plain)).toBeGreaterThan(0.06);
  // By chance a number ends in a 6-digit ID about 1 time in 10^6; at most a few rows may.
  expect(Number(row?.ends_in_id)).toBeLessThan(0.001);
  expect(Number(row?.from_name)).toBeGreaterThan(0.9);
  // verify in this process (what `synthgen verify` runs; it exits 0 when the report is ok): unique emails among its
  // checks.
  const { metadata } = await loadMetadata(join(dir, 'm.json'));
  const verify = await verifyDataset({ root: join(dir, 'data'), metadata, metadataFolder: dir, registry: tableRegistry() });
  expect(verify.ok, JSON.stringify(verify.checks.filter((c) => c.result !== 'ok'))).toBe(true);
});

test('every email, read alone, gives back its own user_id (the uniqueness proof, executed)', async () => {
  const decode = await emailDecoder();
  const rows = await query(`SELECT user_id, email FROM ${users}`);
  const wrong = rows.filter((row) => decode(String(row.email)) !== BigInt(String(row.user_id)));
  expect(rows.length).toBe(220000);
  expect(wrong.slice(0, 3)).toEqual([]);
});

test('the scramble is a bijection of a block of 2^23 IDs (each step is invertible whatever the key)', async () => {
  for (const key of [4095]) {
    let sql = 'SELECT id AS s0 FROM range(' + 2 ** BLOCK_BITS + ') t(id)';
    SCRAMBLE_STEPS.forEach((step, i) => {
      sql = `SELECT ${step(`s${i}`, String(key))} AS s${i + 1} FROM (${sql})`;
    });
    const [row] = await query(`SELECT count(DISTINCT s${SCRAMBLE_STEPS.length}) AS d, min(s${SCRAMBLE_STEPS.length}) AS lo, max(s${SCRAMBLE_STEPS.length}) AS hi FROM (${sql})`);
    expect([Number(row?.d), Number(row?.lo), Number(row?.hi)]).toEqual([2 ** BLOCK_BITS, 0, 2 ** BLOCK_BITS - 1]);
  }
});

test('email domains per country: gmail leads, national providers follow (gmx.de and web.de, orange.fr and free.fr)', async () => {
  const domain = "split_part(email, '@', 2)";
  for (const country of ['US', 'GB', 'DE', 'FR', 'CA', 'AU']) {
    const top = [...(await shares(country, domain)).entries()];
    expect(top[0]?.[0], country).toBe('gmail.com');
    expect(top[0]?.[1] ?? 0, country).toBeGreaterThan(0.2);
    expect(top[0]?.[1] ?? 1, country).toBeLessThan(0.55);
  }
  const de = await shares('DE', domain);
  const fr = await shares('FR', domain);
  expect((de.get('gmx.de') ?? 0) + (de.get('web.de') ?? 0)).toBeGreaterThan(0.35);
  expect((fr.get('orange.fr') ?? 0) + (fr.get('free.fr') ?? 0)).toBeGreaterThan(0.18);
  expect([...(await shares('US', domain)).keys()]).not.toContain('gmx.de');
});

test('registrants are mostly 25-44, few 18-24 or 65+, and all 18 or older at registration', async () => {
  const [row] = await query(`SELECT avg((age BETWEEN 25 AND 44)::INT) AS core, avg((age < 25)::INT) AS young, avg((age >= 65)::INT) AS old,
      count(*) FILTER (WHERE date_of_birth > (registration_date - INTERVAL 18 YEAR)::DATE) AS minors
    FROM (SELECT *, date_diff('year', date_of_birth, registration_date::DATE) - (strftime(registration_date::DATE, '%m%d') < strftime(date_of_birth, '%m%d'))::INT AS age FROM ${users})`);
  expect(Number(row?.core)).toBeGreaterThan(0.44);
  expect(Number(row?.young)).toBeLessThan(0.14);
  expect(Number(row?.old)).toBeLessThan(0.15);
  expect(Number(row?.minors)).toBe(0);
});

test('streets carry real suffixes: St, Ave, Rd lead in the US, Road in the UK; no Underpass or Burgs', async () => {
  const suffix = "regexp_extract(street_address, '([A-Za-z]+)$', 1)";
  const us = [...(await shares('US', suffix)).keys()].slice(0, 4);
  const gb = [...(await shares('GB', suffix)).keys()][0];
  expect(us).toEqual(expect.arrayContaining(['St', 'Ave', 'Rd', 'Dr']));
  expect(gb).toBe('Road');
  const [odd] = await query(`SELECT count(*) AS n FROM ${users} WHERE regexp_matches(street_address, '(Underpass|Burgs?|Crossroad|Skyway|Extension|Pike)$')`);
  expect(Number(odd?.n)).toBe(0);
});
