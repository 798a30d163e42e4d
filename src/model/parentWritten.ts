/**
 * A children table's reads of its group parent's written values (ParentRow.written): what the parent's file holds in
 * a column, for a value a line cannot recompute from its parent's draws (an order's customer, and so its currency, is
 * chosen by a fit over the order's lines). They are read as tallies are (tallies.ts): each part of the parent writes
 * its rows' values by primary key into the run's scratch, and the children's parts, run after, load those of their
 * parent IDs and join them by the parent id. Inside the parent's own query, where it aggregates its children, no
 * such file exists yet: there the read is NULL, and an aggregate of a field that reads one is refused.
 */
import { definitionProblem } from './defineTable.js';
import type { Compilation, FieldReads, Node } from './compilation.js';
import { quotedIdentifier } from './sql.js';
import type { TallyRead } from './tallies.js';

const AS_WRITTEN = ' as written';

/** The engine input a written read is recorded as: what the data dictionary's depends-on names. */
export function writtenInput(table: string, column: string): string {
  return `${table}.${column}${AS_WRITTEN}`;
}

/** SQL for the value the file of `key`, the group parent of `node`'s table, holds in its column `name`. */
export function writtenValue(compilation: Compilation, node: Node, key: string, name: string): string {
  const { definition } = compilation;
  const parent = compilation.parents.get(key);
  const table = parent?.definition?.name ?? key;
  const what = `reads ${table}.${name} as written`;
  if (!definition.children || parent?.group !== true || !parent.definition) {
    throw definitionProblem(definition.name, node.label, `${what}, but ${table} is not the parent it has rows per (children: { parent: '${table}' }): written() reads only a children table's group parent; read parent('${table}').value('${name}') instead`);
  }
  if (parent.definition.children) {
    throw definitionProblem(definition.name, node.label, `${what}, but ${table} is itself a children table, whose key is two columns: written() reads a parent with one row per id; read parent('${table}').value('${name}') instead`);
  }
  const column = parent.definition.columns.find((c) => c.name === name);
  if (!column) throw definitionProblem(definition.name, node.label, `${what}, but ${table} writes no column ${name} (a helper is not written): name one of its columns`);
  node.inputs.add(writtenInput(table, name));
  // The parent's own query, aggregating these rows: its file is what it is making.
  if (compilation.enclosing === table) return `NULL::${column.type}`;
  const read: TallyRead = { column: `__written_${table}_${name}`, table, key: parent.definition.primaryKey, fn: 'value', field: name, type: column.type, byParent: true };
  compilation.tallies.set(read.column, read);
  compilation.base.add(read.column);
  return quotedIdentifier(read.column);
}

/** The written value `field` of a children table reads, itself or through the fields it reads; undefined if none. */
function writtenReadOf(reads: ReadonlyMap<string, FieldReads>, field: string): string | undefined {
  const seen = new Set<string>();
  const left = [field];
  for (let name = left.pop(); name !== undefined; name = left.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const read = reads.get(name);
    const written = read?.inputs.find((input) => input.endsWith(AS_WRITTEN));
    if (written !== undefined) return written;
    left.push(...(read?.fields ?? []));
  }
  return undefined;
}

/** Refuses a parent's aggregate of a children's field that reads a written value: in the parent's query it is NULL. */
export function refuseWrittenAggregate(parent: string, table: string, field: string | undefined, reads: ReadonlyMap<string, FieldReads>): void {
  const written = field === undefined ? undefined : writtenReadOf(reads, field);
  if (written === undefined || field === undefined) return;
  throw definitionProblem(parent, undefined, `aggregates ${table}.${field}, which reads ${written}: ${parent} makes its aggregates before its file exists, so there it would be NULL; aggregate a field that recomputes the value (parent('${parent}').value(...)) instead`);
}
