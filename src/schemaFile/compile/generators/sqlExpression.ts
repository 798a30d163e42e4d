/**
 * A schema file's SQL (a `sql` column, a rule's check) read for its names: string literals and quoted identifiers
 * are skipped, a name followed by `(` is a function, and the rest are names, alone (`seats`) or qualified
 * (`account.plan`). Rewriting replaces each name by what the caller says it stands for, leaving the rest as written.
 */
export interface NameToken {
  readonly qualifier?: string;
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

/** The names an expression reads, in order. */
export function namesIn(sql: string): NameToken[] {
  const names: NameToken[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    if (c === "'" || c === '"') {
      // '' (or "") inside doubles the quote.
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
    IDENT.lastIndex = i;
    const match = IDENT.exec(sql);
    if (!match) {
      i += 1;
      continue;
    }
    const start = i;
    let end = i + match[0].length;
    let qualifier: string | undefined;
    let name = match[0];
    if (sql[end] === '.') {
      IDENT.lastIndex = end + 1;
      const second = IDENT.exec(sql);
      if (second) {
        qualifier = name;
        name = second[0];
        end = end + 1 + second[0].length;
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
