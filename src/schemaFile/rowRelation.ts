/**
 * A schema table's row as DuckDB binds its SQL before anything runs: an empty relation named after the table, a
 * column per field at the type it is written with, and each parent a struct by its alias, so that `seats`,
 * `accounts.seats` and `account.plan` resolve as they will in the generated query.
 */
import { quotedIdentifier as q } from '../model/sql.js';

export interface Field {
  /** The parent's alias, for a parent's field. */
  readonly qualifier?: string;
  readonly name: string;
  readonly type: string;
}

/** `(SELECT ...) AS table`, for an expression over the fields of a table's row and its parents. */
export function rowOf(table: string, fields: readonly Field[]): string {
  const own = fields.filter((f) => f.qualifier === undefined);
  const parents = new Map<string, Field[]>();
  for (const field of fields) if (field.qualifier !== undefined) parents.set(field.qualifier, [...(parents.get(field.qualifier) ?? []), field]);
  const columns = [
    ...own.map((f) => `NULL::${f.type} AS ${q(f.name)}`),
    ...[...parents].map(([alias, list]) => `NULL::STRUCT(${list.map((f) => `${q(f.name)} ${f.type}`).join(', ')}) AS ${q(alias)}`),
  ];
  // A relation needs a column: an expression that reads nothing still binds over one row.
  return `(SELECT ${columns.length ? columns.join(', ') : 'NULL AS "(none)"'}) AS ${q(table)}`;
}

/**
 * What DuckDB says of SQL it cannot bind, as one line: its first line without the error's class, with its "Did you
 * mean" if it has one; for a function an extension would bring, that synthgen loads none (in place of DuckDB's
 * advice to install it, which follows after a colon).
 */
export function bindProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const first = (lines[0] ?? message).replace(/^[A-Za-z ]+ Error: /, '');
  const autoloaded = /required extension '(\w+)'/.exec(first);
  if (autoloaded) return `it needs DuckDB's ${autoloaded[1]} extension, which synthgen does not load`;
  if (/exists in the \w+ extension/.test(first)) return `${first.replace(/[\s.:]+$/, '')}, which synthgen does not load`;
  const suggestion = lines.find((line) => line.startsWith('Did you mean'));
  return `${first.replace(/[\s:]+$/, '')}${suggestion ? ` ${suggestion}` : ''}`;
}
