/**
 * Children tables (rows in groups per parent row, schema/children/) are made in the same run as their parent: asking
 * for a parent asks for its children too, with as many IDs (the parent's). They are never asked for alone, and their
 * rows are never counted by --num-rows: each parent row's draws say how many it has.
 */
import { UserError } from '../errors/userError.js';
import type { TableRegistry } from '../model/registry.js';

export function withChildren(
  registry: TableRegistry,
  tables: readonly string[],
  rows: Readonly<Record<string, number>> | undefined,
): { tables: string[]; rows: Record<string, number> | undefined } {
  const named = new Set(tables);
  for (const name of tables) {
    const parent = registry.get(name)?.children?.parent;
    if (parent !== undefined && !named.has(parent)) {
      throw new UserError((w) => `${name} has rows per ${parent} row, made in the same run as ${parent}: name ${parent} in ${w.tables} (its ${name} come with it)`);
    }
  }
  for (const name of Object.keys(rows ?? {})) {
    const parent = registry.get(name)?.children?.parent;
    if (parent !== undefined) throw new UserError((w) => `${w.rows} cannot count ${name}: it has a number of rows per ${parent} row, drawn for each; give ${w.rows} for ${parent} only`);
  }
  const all = [...tables];
  const counted: Record<string, number> | undefined = rows ? { ...rows } : undefined;
  // Breadth first, so a children table's own children come with it.
  for (let i = 0; i < all.length; i += 1) {
    const name = all[i] ?? '';
    for (const child of registry.childrenOf(name)) {
      if (!all.includes(child)) all.push(child);
      if (counted && counted[name] !== undefined) counted[child] = counted[name];
    }
  }
  return { tables: all, rows: counted };
}
