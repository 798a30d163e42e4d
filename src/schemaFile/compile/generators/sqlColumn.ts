/** `sql`: an expression over the row's other columns (by name) and its parents' (alias.column), as DuckDB SQL. */
import { UserError } from '../../../errors/userError.js';
import type { RowContext } from '../../../model/tableDefinition.js';
import type { CompiledColumn, GeneratorInput } from '../compiledColumn.js';
import { type NameToken, namesIn, rewriteNames } from './sqlExpression.js';

/** SQL for the name a token stands for in `input`'s row, or undefined when it is not a column (a keyword, say). */
export function rowName(token: NameToken, context: RowContext, input: GeneratorInput): string | undefined {
  const own = new Set(input.table.columns.map((c) => c.name));
  if (token.qualifier === undefined) return own.has(token.name) ? context.field(token.name) : undefined;
  if (token.qualifier === input.table.name) return own.has(token.name) ? context.field(token.name) : undefined;
  const reference = input.aliases.get(token.qualifier);
  return reference ? context.parent(reference.table).value(token.name) : undefined;
}

/**
 * A sql column whose type is not known yet: the loader infers it (inferSqlTypes.ts) before compiling, so only a list's
 * sql element, whose type comes from the list's, can be without one here.
 */
export class UntypedSql extends UserError {}

export function sqlColumn(expression: string, type: string | undefined, input: GeneratorInput): CompiledColumn {
  if (type === undefined) {
    throw new UntypedSql(`table ${input.table.name}, column ${input.column.name}: a list of sql elements needs its type, the DuckDB type of the list (type: "DOUBLE[]", "VARCHAR[]", ...)`);
  }
  const reads = namesIn(expression).map((t) => (t.qualifier ? `${t.qualifier}.${t.name}` : t.name));
  return {
    type,
    sql: (context) => `(${rewriteNames(expression, (token) => rowName(token, context, input))})`,
    distribution: `SQL: ${expression}${reads.length ? '' : ' (a constant)'}.`,
  };
}
