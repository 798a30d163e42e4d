/**
 * The table definitions this package ships (src/tables marks them). Their code is the package's, which the disk
 * cache's namespace hashes (state/cache.ts), so what is computed of them and of nothing else (their versions'
 * fingerprints) may be kept there. A program's own tables, registered the same way, are never marked.
 */
import type { TableDefinition } from './tableDefinition.js';

const packaged = new WeakSet<TableDefinition>();

export function markPackaged(definitions: readonly TableDefinition[]): void {
  for (const definition of definitions) packaged.add(definition);
}

export function isPackaged(definition: TableDefinition | undefined): boolean {
  return definition !== undefined && packaged.has(definition);
}
