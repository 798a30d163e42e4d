/** `list`: min to max values of another generator; each element has draws of its own (the row's, hashed with its index). */
import { UserError } from '../../../errors/userError.js';
import { ELEMENT_GENERATORS, GENERATORS } from '../../format/schemaFormat.js';
import type { RandomSource } from '../../../model/random.js';
import type { CompiledColumn, GeneratorInput } from '../compiledColumn.js';
import { type Distribution, describeNumbers, numberSql } from './numbers.js';

const INDEX = '__i';

/** The element's draws: the row's, hashed with the element's index, so each element differs and all are the row's. */
function elementSource(row: RandomSource): RandomSource {
  return {
    id: row.id,
    get asOf() {
      return row.asOf;
    },
    get created() {
      return row.created;
    },
    get popularity() {
      return row.popularity;
    },
    get popularityRank() {
      return row.popularityRank;
    },
    bits: (key) => `hash(${row.bits(key)}, ${INDEX})`,
  };
}

export function listColumn(
  options: { readonly of: Record<string, unknown>; readonly min?: number | undefined; readonly max: number; readonly distribution?: Distribution | undefined },
  key: string,
  input: GeneratorInput,
  element: (generator: string, value: unknown) => CompiledColumn,
): CompiledColumn {
  const where = `table ${input.table.name}, column ${input.column.name}`;
  const entries = Object.entries(options.of);
  const [generator, value] = entries[0] ?? ['', undefined];
  if (entries.length !== 1 || !(ELEMENT_GENERATORS as readonly string[]).includes(generator)) {
    throw new UserError(`${where}: list of is one generator of ${ELEMENT_GENERATORS.join(', ')}, e.g. of: { choice: [a, b] }`);
  }
  const parsed = GENERATORS[generator as keyof typeof GENERATORS].safeParse(value);
  if (!parsed.success) throw new UserError(`${where}: list of ${generator}: ${parsed.error.issues[0]?.message ?? 'invalid options'}`);
  const inner = element(generator, parsed.data);
  const count = { min: options.min ?? 1, max: options.max, distribution: options.distribution };
  return {
    type: `${inner.type}[]`,
    ...(inner.pools ? { pools: inner.pools } : {}),
    sql: (context, row) => `list_transform(range(0, ${numberSql(count, row, `${key}#n`, true)}), lambda ${INDEX}: ${inner.sql(context, elementSource(row))})`,
    distribution: `${describeNumbers(count)} values, each: ${inner.distribution}`,
  };
}

export function checkNotEmpty(options: { readonly max: number; readonly min?: number | undefined }, where: string): void {
  if ((options.min ?? 1) > options.max) throw new UserError(`${where}: list min ${options.min} is above max ${options.max}`);
}
