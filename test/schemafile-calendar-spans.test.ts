/**
 * Years and months in spans are calendar ones, as SQL's INTERVAL means them: `created - 18y` is the same day of the
 * month 18 years before (a rule "18 years before" holds for every row; with years of 365.2425 days some rows missed
 * by a day), `1mo` is a month (a unit schema files lacked). A dataset whose column was made by the old rule does not
 * continue silently: the column's fingerprint differs, so new rows are the table's next version, and the run says so.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, generate, laterAsOf, query, synthgen, tableSql, withTempDir } from './helpers/cli.js';

const SCHEMA = `tables:
  people:
    key: person_id
    columns:
      person_id: { key: true }
      created_at: { timestamp: { created: true } }
      birthday: { date: { between: [created - 90y, created - 18y] } }
      adult_at: { timestamp: { after: birthday, span: { min: 18y, max: 18y } } }
      renews_on: { date: { after: created_at, span: { min: 1mo, max: 1mo }, future: true } }
      next_visit: { timestamp: { after: created_at, span: { min: 1mo, max: 1y, distribution: exponential, mean: 2mo }, future: true } }
    rules:
      - { name: 18 years before, check: "birthday <= created_at - INTERVAL 18 YEAR" }
      - { name: adult at 18, check: "adult_at = birthday + INTERVAL 18 YEAR" }
`;

test('spans in years and months are calendar ones: the rules written with INTERVAL hold for every row', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'people.yaml'), SCHEMA);
    // A window over two leap days, so February 29 is among the creation days.
    await generate(['--schema', 'people.yaml', '--table-names', 'people', '--num-rows', 'people=60000', '--seed', '3', '--since', '2019-06-01T00:00:00Z', '--as-of', AS_OF, '--out', 'out'], dir);
    const people = await tableSql(join(dir, 'out'), 'people');
    const [row] = await query(`SELECT
        count(*) FILTER (WHERE birthday > (created_at - INTERVAL 18 YEAR)::DATE) AS young,
        count(*) FILTER (WHERE adult_at <> birthday + INTERVAL 18 YEAR) AS adult,
        count(*) FILTER (WHERE renews_on <> (created_at + INTERVAL 1 MONTH)::DATE) AS renews,
        count(*) FILTER (WHERE next_visit < created_at + INTERVAL 1 MONTH OR next_visit > created_at + INTERVAL 1 YEAR) AS visit,
        count(*) FILTER (WHERE strftime(created_at, '%m-%d') = '02-29') AS leap
      FROM ${people}`);
    expect(Number(row?.leap)).toBeGreaterThan(0);
    expect([row?.young, row?.adult, row?.renews, row?.visit].map(Number)).toEqual([0, 0, 0, 0]);
    const verified = await synthgen(['verify', '--schema', 'people.yaml', '--out', 'out'], dir);
    expect(verified.stdout).toMatch(/ok +people: 18 years before: holds for every row/);
    expect(verified.code).toBe(0);
  });
});

/** The fingerprint synthgen before calendar spans recorded for birthday (between created - 90y and created - 18y). */
const OLD_BIRTHDAY = '5ccc950b6ea4760585e0b1b6d39a4b67a6adaa8745ea638a819c6a1fed70eb6f';

test('a dataset whose column was made with years of fixed length gets a new version for its next rows', async () => {
  await withTempDir(async (dir) => {
    const file = SCHEMA.split('\n').slice(0, 7).join('\n');
    await writeFile(join(dir, 'people.yaml'), `${file}\n`);
    const run = (asOf: string) => ['--schema', 'people.yaml', '--table-names', 'people', '--num-rows', 'people=500', '--as-of', asOf, '--out', 'out', '--metadata', 'm.json'];
    await generate(run(AS_OF), dir);
    // As the synthgen before this one recorded the dataset: its birthday's fingerprint under the old rule.
    const metadata = JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')) as { tables: { people: { versions: { versions: Record<string, Record<string, string>> } } } };
    const recorded = metadata.tables.people.versions.versions['1'];
    expect(recorded?.['birthday']).toBeDefined();
    expect(recorded?.['birthday']).not.toBe(OLD_BIRTHDAY);
    if (recorded) recorded['birthday'] = OLD_BIRTHDAY;
    await writeFile(join(dir, 'm.json'), JSON.stringify(metadata));
    const second = await generate(run(laterAsOf(1)), dir);
    expect(second.stderr).toMatch(/people: its columns changed since version 1 \(birthday\), so its new rows are version 2/);
    const after = JSON.parse(await readFile(join(dir, 'm.json'), 'utf8')) as { tables: { people: { segments: { version: number }[] } } };
    expect(after.tables.people.segments.map((s) => s.version)).toEqual([1, 2]);
  });
});

test('fractions of a month are refused: calendar months are whole', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'people.yaml'), SCHEMA.replace('created - 18y', 'created - 18.1y'));
    const result = await synthgen(['schema', '--schema', 'people.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^synthgen: people\.yaml:7:52: table people, column birthday, date\.between\.1: 18\.1y is not a whole number of months[^\n]*\n$/);
  });
});
