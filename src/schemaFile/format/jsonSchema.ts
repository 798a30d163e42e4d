/**
 * The schema file format as a JSON Schema, for editors (completion and checks as you type), made from the same zod
 * definitions that validate files (schemaFormat.ts). The validator reads a column as a loose record so that its
 * messages can name the nearest generator; here a column is one of a closed object per generator, which is what an
 * editor needs to offer the names.
 */
import { z } from 'zod';
import { COMMON, ELEMENT_GENERATORS, GENERATORS, GENERATOR_NAMES, type GeneratorName, LIST, NAME, SCHEMA_FILE, TABLE } from './schemaFormat.js';

/** Where the published file lives in the package. */
export const JSON_SCHEMA_PATH = 'schema/synthgen.schema.json';

/** One object per generator (with `extra` options beside it), any one of which a value may be. */
function oneGeneratorOf(names: readonly GeneratorName[], definitions: Record<GeneratorName, z.ZodType>, extra: z.ZodRawShape, description: string) {
  const objects = names.map((name) => {
    const definition = definitions[name];
    return z.strictObject({ [name]: definition, ...extra }).describe(`${name}: ${definition.description ?? ''}`);
  });
  const [first, second, ...rest] = objects;
  if (!first || !second) throw new Error('a union needs two generators');
  return z.union([first, second, ...rest]).describe(description);
}

/** The JSON Schema (draft 2020-12) of a schema file; `version` is synthgen's, for the schema's $id. */
export function schemaFileJsonSchema(version: string): Record<string, unknown> {
  const element = oneGeneratorOf(ELEMENT_GENERATORS, GENERATORS, {}, LIST.shape.of.description ?? '');
  const generators = { ...GENERATORS, list: LIST.extend({ of: element }).describe(LIST.description ?? '') };
  const column = oneGeneratorOf(GENERATOR_NAMES, generators, COMMON, 'A column: exactly one generator, and optionally null_rate, unique, type, description.');
  const table = TABLE.extend({ columns: z.record(NAME, column).describe(TABLE.shape.columns.description ?? '') });
  const file = SCHEMA_FILE.extend({ tables: z.record(NAME, table).describe(SCHEMA_FILE.shape.tables.description ?? '') });
  const { $schema, ...schema } = z.toJSONSchema(file, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return {
    $schema,
    $id: `https://unpkg.com/synthgen@${version}/${JSON_SCHEMA_PATH}`,
    title: 'synthgen schema file',
    description: 'Tables for synthgen to generate: each with a key and columns, each column with one generator. See docs/schema.md.',
    ...schema,
  };
}
