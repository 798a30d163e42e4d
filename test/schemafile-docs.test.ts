/**
 * docs/schema.md documents every generator and common option with an example, and its examples are valid: a whole
 * file loads in synthgen, a table, a column or a rule passes the published JSON Schema.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { expect, test } from 'vitest';
import { JSON_SCHEMA_PATH } from '../dist/src/schemaFile/format/jsonSchema.js';
import { COMMON_NAMES, GENERATOR_NAMES } from '../dist/src/schemaFile/format/schemaFormat.js';
import { synthgen, withTempDir } from './helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '..');

async function docs(): Promise<string> {
  return readFile(resolve(ROOT, 'docs/schema.md'), 'utf8');
}

function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

test('every generator has its section with an example, and every common option its row', async () => {
  const markdown = await docs();
  const sections = markdown.split(/^### /m).slice(1);
  for (const generator of GENERATOR_NAMES) {
    const section = sections.find((s) => s.split('\n')[0]?.split(' and ').includes(generator));
    expect(section, generator).toBeDefined();
    expect(yamlBlocks(section ?? '').join('\n'), generator).toMatch(new RegExp(`\\b${generator}: `));
  }
  for (const option of COMMON_NAMES) expect(markdown).toMatch(new RegExp(`^\\| \`${option}\` \\|`, 'm'));
});

test("the docs' examples are valid: whole files load, tables, columns and rules pass the JSON Schema", async () => {
  const schema = JSON.parse(await readFile(resolve(ROOT, JSON_SCHEMA_PATH), 'utf8')) as { $id: string };
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addSchema(schema);
  const table = `${schema.$id}#/properties/tables/additionalProperties`;
  const validators = {
    table: ajv.getSchema(table),
    column: ajv.getSchema(`${table}/properties/columns/additionalProperties`),
    rule: ajv.getSchema(`${table}/properties/rules/items`),
  };
  const blocks = yamlBlocks(await docs());
  expect(blocks.length).toBeGreaterThan(15);
  let files = 0;
  await withTempDir(async (dir) => {
    for (const [index, block] of blocks.entries()) {
      const parsed = parse(block) as Record<string, unknown> | null;
      if (parsed === null) continue; // a modeline alone
      if ('tables' in parsed) {
        await writeFile(join(dir, `example${index}.yaml`), block);
        const loaded = await synthgen(['schema', '--schema', `example${index}.yaml`], dir);
        expect(loaded.stderr, block).toBe('');
        expect(loaded.code).toBe(0);
        files += 1;
        continue;
      }
      const entries: [keyof typeof validators, unknown][] =
        'rules' in parsed
          ? (parsed.rules as unknown[]).map((r) => ['rule', r])
          : Object.values(parsed).map((v) => [typeof v === 'object' && v !== null && 'columns' in v ? 'table' : 'column', v]);
      for (const [kind, value] of entries) {
        const validate = validators[kind];
        expect(validate?.(value), `${kind} ${JSON.stringify(value)}: ${JSON.stringify(validate?.errors?.slice(0, 2))}`).toBe(true);
      }
    }
  });
  expect(files).toBeGreaterThanOrEqual(2);
});
