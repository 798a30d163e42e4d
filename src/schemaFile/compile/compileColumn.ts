/**
 * One column of a schema file: its generator compiled (generators/), then the common options: `null_rate` (its own
 * draw), `type` (the written type), `description`, and `unique` where the generator can guarantee it.
 */
import { UserError } from '../../errors/userError.js';
import { uniform } from '../../model/random.js';
import type { Column, PoolDefinition } from '../../model/tableDefinition.js';
import type { ColumnSpec } from '../format/schemaFormat.js';
import type { CompiledColumn, GeneratorInput } from './compiledColumn.js';
import { boolColumn, choiceColumn } from './generators/categorical.js';
import { fakerColumn } from './generators/faker.js';
import { listColumn } from './generators/list.js';
import { decimalColumn, doubleColumn, intColumn } from './generators/numeric.js';
import { aggregateColumn, keyColumn, parentColumn, refColumn } from './generators/references.js';
import { sqlColumn } from './generators/sqlColumn.js';
import { templateColumn, templateParts, uniqueByKey } from './generators/template.js';
import { timeColumn } from './generators/time.js';

type Options = Record<string, unknown>;

/** What a list's element is given: the list's column, with the type of its elements (a `type` of `DOUBLE[]` gives DOUBLE). */
function elementInput(input: GeneratorInput): GeneratorInput {
  const type = /^(.*)\[\]$/.exec(input.column.type?.trim() ?? '')?.[1];
  const { type: _list, ...column } = input.column;
  return { ...input, column: (type === undefined ? column : { ...column, type }) as GeneratorInput['column'] };
}

/** The generator's column, before the common options. */
export function generatorColumn(generator: string, options: unknown, input: GeneratorInput, key: string): CompiledColumn {
  const o = options as never;
  switch (generator) {
    case 'key':
      return keyColumn(o);
    case 'ref':
      return refColumn(o, input.table.children !== undefined && input.table.key[0] === input.column.name);
    case 'parent':
      return parentColumn(o, input);
    case 'faker':
      return fakerColumn(o, key, input);
    case 'choice':
      return choiceColumn(o, key);
    case 'bool':
      return boolColumn(o, key);
    case 'int':
      return intColumn(o, key, input.column.unique === true && key === input.column.name);
    case 'decimal':
      return decimalColumn(o, key);
    case 'double':
      return doubleColumn(o, key);
    case 'date':
    case 'timestamp':
      return timeColumn(o, generator, key, input);
    case 'template':
      return templateColumn(o, input);
    case 'sql':
      return sqlColumn(o, input.column.type, input);
    case 'list':
      return listColumn(o, key, input, (inner, value) => generatorColumn(inner, value, elementInput(input), `${key}#element`));
    case 'aggregate':
      return aggregateColumn(o as Options, input);
    default:
      throw new UserError(`table ${input.table.name}, column ${input.column.name}: unknown generator ${generator}`);
  }
}

/** Whether the generator guarantees distinct values (unique.ts of the loader says why the others cannot). */
function guaranteesUnique(spec: ColumnSpec, keys: ReadonlySet<string>): boolean {
  if (spec.generator === 'key' || spec.generator === 'int') return true;
  return spec.generator === 'template' && uniqueByKey(templateParts(spec.options), keys);
}

export function compileColumn(spec: ColumnSpec, input: GeneratorInput): { column: Column; pools: readonly PoolDefinition[] } {
  const where = `table ${input.table.name}, column ${spec.name}`;
  const compiled = generatorColumn(spec.generator, spec.options, input, spec.name);
  if (spec.unique && !guaranteesUnique(spec, new Set([typeof input.table.key === 'string' ? input.table.key : '', ...input.table.columns.filter((c) => c.unique && c.name !== spec.name && c.generator === 'int').map((c) => c.name)]))) {
    throw new UserError(`${where}: unique cannot be guaranteed for a ${spec.generator} column: use a template that starts or ends with the key ({${String(input.table.key)}}), or drop unique`);
  }
  const nullRate = spec.null_rate ?? 0;
  const type = spec.type ?? compiled.type;
  const sql = (context: Parameters<Column['sql']>[0]) => {
    const value = compiled.sql(context, context.row);
    return nullRate > 0 ? `CASE WHEN ${uniform(context.row, `${spec.name}#null`)} < ${nullRate} THEN NULL ELSE ${value} END` : value;
  };
  const bounded = compiled.minimum !== undefined && /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|DECIMAL)/i.test(type);
  const column: Column = {
    name: spec.name,
    type,
    description: spec.description ?? compiled.description ?? `${spec.generator} column of ${input.table.name}.`,
    distribution: `${compiled.distribution}${nullRate > 0 ? ` ${Number((nullRate * 100).toFixed(2))}% NULL.` : ''}`,
    sql,
    ...(bounded && compiled.minimum !== undefined ? { minimum: compiled.minimum } : {}),
    ...(bounded && compiled.maximum !== undefined ? { maximum: compiled.maximum } : {}),
    ...(compiled.mayFollowAsOf ? { mayFollowAsOf: true as const } : {}),
  };
  return { column, pools: compiled.pools ?? [] };
}
