/** The built-in tables. Adding one is adding its module and one entry here; the registry orders them by parents. */
import { type RegisteredTable, TableRegistry } from '../model/registry.js';
import type { TableDefinition } from '../model/tableDefinition.js';
import { BUILTIN_POOLS } from './builtinPools.js';
import { LEGACY_TABLES } from './legacy/legacyColumns.js';
import { orders } from './orders.js';
import { products } from './products.js';
import { users } from './users.js';

export const BUILTIN_TABLES: readonly TableDefinition[] = [users, products, orders];

let builtin: TableRegistry | undefined;

/** The registry of the built-in tables and, after them, the given ones (a user's modules). */
export function tableRegistry(extra: readonly RegisteredTable[] = []): TableRegistry {
  if (extra.length === 0) {
    builtin ??= TableRegistry.create(BUILTIN_TABLES.map((definition) => ({ definition })), BUILTIN_POOLS, LEGACY_TABLES);
    return builtin;
  }
  return TableRegistry.create([...BUILTIN_TABLES.map((definition) => ({ definition })), ...extra], BUILTIN_POOLS, LEGACY_TABLES);
}
