/**
 * The published JSON Schema (schema/synthgen.schema.json) is what the format's own definitions make, accepts the
 * fixture and the starter, and rejects what the loader rejects for its shape: an editor checking a file against it
 * agrees with synthgen.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { expect, test } from 'vitest';
import { JSON_SCHEMA_PATH, schemaFileJsonSchema } from '../dist/src/schemaFile/format/jsonSchema.js';
import { STARTER_SCHEMA } from '../dist/src/cli/starterSchema.js';
import { toolVersions } from '../dist/src/state/runManifest.js';
import { synthgen } from './helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURE = resolve(ROOT, 'test/fixtures/schema/saas.yaml');

async function published(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(resolve(ROOT, JSON_SCHEMA_PATH), 'utf8')) as Record<string, unknown>;
}

function validator(schema: Record<string, unknown>) {
  // Strict, so that a keyword ajv does not know (a typo in what zod emits) fails here rather than being ignored.
  return new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
}

test('the committed JSON Schema is the one the format definitions make (npm run docs writes it), and the CLI prints it', async () => {
  const made = schemaFileJsonSchema(toolVersions().synthgen ?? 'unknown');
  expect(await published()).toEqual(made);
  const printed = await synthgen(['schema', '--json-schema'], ROOT);
  expect(printed.code).toBe(0);
  expect(JSON.parse(printed.stdout)).toEqual(made);
});

test('the JSON Schema accepts the fixture (every generator and option) and the starter', async () => {
  const validate = validator(await published());
  for (const text of [await readFile(FIXTURE, 'utf8'), STARTER_SCHEMA]) {
    const ok = validate(parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  }
});

test('the JSON Schema rejects a broken file where the loader does, at the same place', async () => {
  const validate = validator(await published());
  const fixture = parse(await readFile(FIXTURE, 'utf8')) as { tables: Record<string, { columns: Record<string, Record<string, unknown>>; [k: string]: unknown }> };
  const broken: [string, (f: typeof fixture) => void, string][] = [
    ['an unknown generator', (f) => (f.tables.accounts!.columns.plan = { choise: ['free', 'pro'] }), '/tables/accounts/columns/plan'],
    ['an unknown option', (f) => (f.tables.accounts!.columns.seats = { int: { min: 1, max: 5, maen: 2 } }), '/tables/accounts/columns/seats'],
    ['two generators', (f) => (f.tables.accounts!.columns.seats = { int: { min: 1, max: 5 }, double: { min: 1, max: 5 } }), '/tables/accounts/columns/seats'],
    ['a wrong type', (f) => (f.tables.accounts!.columns.is_verified = { bool: 'often' }), '/tables/accounts/columns/is_verified'],
    ['a bad distribution', (f) => (f.tables.accounts!.columns.seats = { int: { min: 1, max: 5, distribution: 'gaussian' } }), '/tables/accounts/columns/seats'],
    ['a table without a key', (f) => delete f.tables.invoices!.key, '/tables/invoices'],
    ['an unknown table option', (f) => (f.tables.invoices!.arrival = 'orders'), '/tables/invoices'],
    ['a table name that is not a name', (f) => (f.tables['Invoice Lines'] = f.tables.invoice_lines!), '/tables'],
    ['a list of an unknown generator', (f) => (f.tables.accounts!.columns.tags = { list: { of: { choices: ['a'] }, max: 2 } }), '/tables/accounts/columns/tags'],
  ];
  for (const [name, breakIt, path] of broken) {
    const file = structuredClone(fixture);
    breakIt(file);
    expect(validate(file), name).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath.startsWith(path)), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  }
});
