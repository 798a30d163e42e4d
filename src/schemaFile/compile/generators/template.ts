/**
 * Text with placeholders: `{column}`, `{alias.column}`, each with transforms after `|` (lower, upper, slug, digits).
 * Unique when the key is a placeholder with only literal text on one side of it and a non-digit next to it: then
 * the key can be read back from the text, so two rows never share it.
 */
import { UserError } from '../../../errors/userError.js';
import { quotedString } from '../../../model/sql.js';
import type { RowContext } from '../../../model/tableDefinition.js';
import type { CompiledColumn, GeneratorInput } from '../compiledColumn.js';

export const TRANSFORMS = ['lower', 'upper', 'slug', 'digits'] as const;

export type TemplatePart = { readonly text: string } | { readonly path: string; readonly transforms: readonly string[] };

export function templateParts(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const pattern = /\{([^{}]*)\}/g;
  let at = 0;
  for (const match of template.matchAll(pattern)) {
    if ((match.index ?? 0) > at) parts.push({ text: template.slice(at, match.index) });
    const [path = '', ...transforms] = (match[1] ?? '').split('|').map((s) => s.trim());
    parts.push({ path, transforms });
    at = (match.index ?? 0) + match[0].length;
  }
  if (at < template.length) parts.push({ text: template.slice(at) });
  return parts;
}

function transformed(sql: string, transform: string): string {
  switch (transform) {
    case 'lower':
      return `lower(${sql})`;
    case 'upper':
      return `upper(${sql})`;
    case 'slug':
      return `trim(regexp_replace(lower(${sql}), '[^a-z0-9]+', '-', 'g'), '-')`;
    case 'digits':
      return `regexp_replace(${sql}, '[^0-9]', '', 'g')`;
    default:
      throw new UserError(`unknown template transform ${transform}: use ${TRANSFORMS.join(', ')}`);
  }
}

function placeholderSql(path: string, context: RowContext, input: GeneratorInput): string {
  const [first = '', second] = path.split('.');
  if (second === undefined || first === input.table.name) return context.field(second ?? first);
  return context.parent(input.aliases.get(first)?.table ?? first).value(second);
}

/** Whether the key's placeholder makes every value distinct (see the file's comment). */
export function uniqueByKey(parts: readonly TemplatePart[], keys: ReadonlySet<string>): boolean {
  const index = parts.findIndex((p) => 'path' in p && keys.has(p.path) && p.transforms.every((t) => t === 'digits'));
  if (index < 0) return false;
  const literalOnly = (side: readonly TemplatePart[]) => side.every((p) => 'text' in p);
  const before = parts[index - 1];
  const after = parts[index + 1];
  const apartBefore = before === undefined || ('text' in before && /\D$/.test(before.text));
  const apartAfter = after === undefined || ('text' in after && /^\D/.test(after.text));
  return (literalOnly(parts.slice(0, index)) && apartAfter) || (literalOnly(parts.slice(index + 1)) && apartBefore);
}

export function templateColumn(template: string, input: GeneratorInput): CompiledColumn {
  const parts = templateParts(template);
  return {
    type: 'VARCHAR',
    sql: (context) => {
      const pieces = parts.map((part) => ('text' in part ? quotedString(part.text) : part.transforms.reduce((sql, t) => transformed(sql, t), `CAST(${placeholderSql(part.path, context, input)} AS VARCHAR)`)));
      return pieces.length === 0 ? "''" : pieces.length === 1 ? (pieces[0] ?? "''") : `concat(${pieces.join(', ')})`;
    },
    distribution: `The template ${JSON.stringify(template)}, filled from the row.`,
  };
}
