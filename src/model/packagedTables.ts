/**
 * The table definitions this package ships (src/tables marks them). Their code is the package's, which the disk
 * cache's namespace hashes (state/cache.ts), so what is computed of them and of nothing else (their versions'
 * fingerprints) may be kept there. A program's own tables, registered the same way, are never marked.
 */
import type { TableRegistry } from './registry.js';
import type { TableDefinition } from './tableDefinition.js';

const packaged = new WeakSet<TableDefinition>();

export function markPackaged(definitions: readonly TableDefinition[]): void {
  for (const definition of definitions) packaged.add(definition);
}

export function isPackaged(definition: TableDefinition | undefined): boolean {
  return definition !== undefined && packaged.has(definition);
}

/**
 * The table and every table its rows recompute are all the package's own: what is computed of the table from its
 * definitions alone (its fingerprints, its part sizes for given row counts) depends on the package's code only, which
 * the cache's namespace covers.
 */
export function packagedLineage(registry: TableRegistry, table: string): boolean {
  const definition = registry.get(table);
  if (!isPackaged(definition)) return false;
  return [...(definition?.parents.map((p) => p.table) ?? []), ...registry.prerequisites(table)].every((other) => packagedLineage(registry, other));
}
