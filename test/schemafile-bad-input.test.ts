/**
 * A bad schema file is one line on stderr naming the file, the line and column, what is wrong and what is expected
 * (the nearest valid name where there is one); exit code 2; no file written and the metadata unchanged, against a
 * dataset a good version of the file already made. Each case is loaded in this process as a run against that dataset
 * loads it (helpers/schemaLoad.ts: with the versions its metadata records), and the dataset checked unchanged after
 * it; through the CLI, one case of a run, the JSON file, verify and schema, and the missing and non-YAML files, for
 * the printed line, the exit code and the run's writing nothing.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AS_OF, generate, synthgen } from './helpers/cli.js';
import { schemaProblem } from './helpers/schemaLoad.js';

const BASE = `tables:
  teams:
    key: team_id
    columns:
      team_id: { key: true }
      name: { faker: company.name }
      tier: { choice: { free: 3, paid: 1 } }
      created_at: { timestamp: { created: true } }
  members:
    key: member_id
    columns:
      member_id: { key: true }
      team_id: { ref: teams }
      owner_id: { ref: users }
      joined_at: { timestamp: { after: team.created_at, span: { max: 30d } } }
      seats: { int: { min: 1, max: 50 } }
      handle: { template: "m-{member_id}", unique: true }
    rules:
      - { name: joined after the team, check: "joined_at >= team.created_at" }
`;

interface BadCase {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** `line:column` where the file goes wrong. */
  readonly at: string;
  readonly says: RegExp;
}

const CASES: readonly BadCase[] = [
  { name: 'an unknown generator', from: 'tier: { choice:', to: 'tier: { choise:', at: '7:15', says: /unknown generator or option choise \(did you mean choice\?\): a column has one generator \(key, ref, .*\)/ },
  { name: 'an unknown option', from: 'max: 50 }', to: 'max: 50, maen: 3 }', at: '16:40', says: /int\.maen: unknown option maen \(did you mean mean\?\): expected min, max, distribution, mean/ },
  { name: 'a wrong type', from: 'min: 1,', to: 'min: one,', at: '16:28', says: /column seats, int\.min: expected number, received string/ },
  { name: 'an unknown parent table', from: 'ref: teams }', to: 'ref: teamz }', at: '13:23', says: /no table teamz \(did you mean teams\?\): expected one of teams, members, users/ },
  { name: "an unknown parent's column", from: 'after: team.created_at', to: 'after: team.created_att', at: '15:40', says: /teams has no column created_att \(did you mean created_at\?\)/ },
  {
    name: 'a cycle of references',
    from: '  members:\n',
    to: '      lead_id: { ref: members }\n  members:\n',
    at: '14:23',
    says: /a cycle of references: teams -> members -> teams: one of them must not reference the next/,
  },
  { name: 'a unique column that cannot be unique', from: 'paid: 1 } }', to: 'paid: 1 }, unique: true }', at: '7:7', says: /unique cannot be guaranteed for a choice column: use a template that starts or ends with the key \(\{team_id\}\)/ },
  { name: 'a rule that does not parse', from: '"joined_at >= team', to: '"joined_at >= >= team', at: '19:47', says: /the rule "joined after the team" does not parse: syntax error at or near ">="/ },
  { name: 'sql that differs from run to run', from: 'seats: { int: { min: 1, max: 50 } }', to: 'seats: { sql: "random() * 50" }', at: '16:21', says: /the sql calls random\(\), which differs from run to run/ },
  { name: 'an unknown faker method', from: 'company.name', to: 'company.nme', at: '6:7', says: /faker has no method company\.nme \(did you mean company\.name\?\)/ },
  { name: 'a range that is empty', from: 'min: 1, max: 50', to: 'min: 60, max: 50', at: '16:21', says: /column seats, int: min 60 is above max 50/ },
  { name: 'a YAML syntax error', from: '    key: member_id\n', to: '    key: member_id\n   columns: x\n', at: '11:1', says: /not valid YAML: All mapping items must start at the same column/ },
];

const GENERATE = ['--table-names', 'teams,members', '--num-rows', 'teams=40,members=90', '--as-of', '2026-02-01T00:00:00Z', '--out', 'data'];

/** Every file under `dir` but the bad schemas, with its bytes: what a refused run must leave exactly as it was. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && !e.name.startsWith('bad.')).map((e) => join(e.parentPath, e.name));
  const contents = await Promise.all(files.map(async (f) => [f, (await readFile(f)).toString('base64')] as const));
  return Object.fromEntries(contents.sort(([a], [b]) => a.localeCompare(b)));
}

describe('a bad schema file is one line with its place, exit 2, and changes nothing', () => {
  let dir = '';
  let before: Record<string, string> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'synthgen-test-'));
    await writeFile(join(dir, 'good.yaml'), BASE);
    await generate(['--schema', 'good.yaml', '--table-names', 'users,teams,members', '--num-rows', 'users=50,teams=30,members=60', '--as-of', AS_OF, '--out', 'data'], dir);
    before = await snapshot(dir);
  }, 120_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  test.each(CASES)('$name', async ({ from, to, at, says }) => {
    expect(BASE.includes(from)).toBe(true);
    const path = join(dir, `bad.${at.replace(':', '-')}.yaml`);
    await writeFile(path, BASE.replace(from, to));
    // Loaded against the dataset's metadata, as a run in `dir` loads it (its default --metadata).
    expect(Object.keys(before)).toContain(join(dir, 'metadata.json'));
    const message = await schemaProblem([path], join(dir, 'metadata.json'));
    expect(message.split('\n'), message).toHaveLength(1);
    expect(message.startsWith(`${path}:${at}: `), message).toBe(true);
    expect(message).toMatch(says);
    expect(await snapshot(dir)).toEqual(before);
  });

  test.each(CASES.slice(0, 1))('a run prints $name as one line with its place, exit 2, and writes nothing', async ({ from, to, at, says }) => {
    await writeFile(join(dir, 'bad.yaml'), BASE.replace(from, to));
    const result = await synthgen(['--schema', 'bad.yaml', ...GENERATE], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith(`synthgen: bad.yaml:${at}: `)).toBe(true);
    expect(lines[0]).toMatch(says);
    expect(await snapshot(dir)).toEqual(before);
  });

  test('a JSON schema file gets the same line, placed in the JSON', async () => {
    const json = JSON.stringify({ tables: { teams: { key: 'team_id', columns: { team_id: { key: true }, tier: { choice: ['free', 'paid'], nul_rate: 0.1 } } } } }, null, 2);
    await writeFile(join(dir, 'bad.json'), json);
    const line = json.split('\n').findIndex((l) => l.includes('"nul_rate"')) + 1;
    const result = await synthgen(['--schema', 'bad.json', '--table-names', 'teams', '--num-rows', 'teams=5', '--out', 'data'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^synthgen: bad\\.json:${line}:\\d+: .*nul_rate.*\\(did you mean null_rate\\?\\)`))]);
    expect(await snapshot(dir)).toEqual(before);
  });

  test('verify and schema refuse a bad file the same way, before reading any data', async () => {
    await writeFile(join(dir, 'bad.yaml'), BASE.replace('ref: teams }', 'ref: teamz }'));
    for (const command of [['verify', '--out', 'data'], ['schema']]) {
      const result = await synthgen([...command, '--schema', 'bad.yaml'], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^synthgen: bad\.yaml:13:23: table members, column team_id, ref: no table teamz \(did you mean teams\?\)[^\n]*\n$/);
    }
    expect(await snapshot(dir)).toEqual(before);
  });

  test('a schema file that is missing, or not YAML or JSON, is one line too', async () => {
    await writeFile(join(dir, 'bad.txt'), 'tables: {}');
    const missing = await synthgen(['--schema', 'bad.missing.yaml', ...GENERATE], dir);
    const text = await synthgen(['--schema', 'bad.txt', ...GENERATE], dir);
    for (const result of [missing, text]) {
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(missing.stderr).toMatch(/bad\.missing\.yaml/);
    expect(text.stderr).toMatch(/bad\.txt: a schema file is YAML \(\.yaml, \.yml\) or JSON \(\.json\)/);
    expect(await snapshot(dir)).toEqual(before);
  });
});
