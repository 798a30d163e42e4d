/**
 * A schema file's SQL (a `sql` column, a rule's check) read for its names: string literals are skipped, a name
 * followed by `(` is a function, and the rest are names, alone (`seats`) or qualified (`account.plan`), bare or in
 * double quotes (`"order"`, a column named with a word SQL reserves). Rewriting replaces each name by what the
 * caller says it stands for, leaving the rest as written.
 */
export interface NameToken {
  readonly qualifier?: string;
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

/** The identifier at `i`, bare (`seats`) or double-quoted (`"order"`, `""` inside doubling the quote), and its end. */
function identifierAt(sql: string, i: number): { readonly name: string; readonly end: number } | undefined {
  if (sql[i] === '"') {
    let end = i + 1;
    let name = '';
    while (end < sql.length) {
      if (sql[end] === '"' && sql[end + 1] === '"') {
        name += '"';
        end += 2;
      } else if (sql[end] === '"') {
        return { name, end: end + 1 };
      } else {
        name += sql[end];
        end += 1;
      }
    }
    return undefined;
  }
  IDENT.lastIndex = i;
  const match = IDENT.exec(sql);
  return match ? { name: match[0], end: i + match[0].length } : undefined;
}

/** The names an expression reads, in order. */
export function namesIn(sql: string): NameToken[] {
  const names: NameToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    if (c === "'") {
      // '' inside doubles the quote.
      i += 1;
      while (i < sql.length && !(sql[i] === c && sql[i + 1] !== c)) i += sql[i] === c ? 2 : 1;
      i += 1;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i += 1;
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < sql.length && /[0-9A-Za-z_.]/.test(sql[i] ?? '')) i += 1;
      continue;
    }
    const first = identifierAt(sql, i);
    if (!first) {
      i += 1;
      continue;
    }
    const start = i;
    let end = first.end;
    let qualifier: string | undefined;
    let name = first.name;
    if (sql[end] === '.') {
      const second = identifierAt(sql, end + 1);
      if (second) {
        qualifier = name;
        name = second.name;
        end = second.end;
      }
    }
    // A function call, or a type after ::, is not a name the row has.
    const next = sql.slice(end).match(/^\s*(\(|)/)?.[1];
    const cast = sql.slice(0, start).trimEnd().endsWith('::');
    if (next !== '(' && !cast) names.push({ ...(qualifier === undefined ? {} : { qualifier }), name, start, end });
    i = end;
  }
  return names;
}

/** The expression with each name `replace` gives a value for replaced (undefined leaves it as written). */
export function rewriteNames(sql: string, replace: (token: NameToken) => string | undefined): string {
  let out = '';
  let at = 0;
  for (const token of namesIn(sql)) {
    const value = replace(token);
    if (value === undefined) continue;
    out += `${sql.slice(at, token.start)}${value}`;
    at = token.end;
  }
  return out + sql.slice(at);
}
