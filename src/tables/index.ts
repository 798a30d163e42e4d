/** The built-in tables. Adding one is adding its module and one entry here; the registry orders them by parents. */
import { type RegisteredTable, TableRegistry } from '../model/registry.js';
import type { TableDefinition } from '../model/tableDefinition.js';
import { markPackaged } from '../model/packagedTables.js';
import { NO_CACHE, type ValueCache } from '../model/valueCache.js';
import { BUILTIN_ORIGIN } from '../records/tableOrigin.js';
import { BUILTIN_POOLS } from './builtinPools.js';
import { LEGACY_TABLES } from './legacy/legacyColumns.js';
import { orderItems } from './orderItems.js';
import { orders } from './orders.js';
import { products } from './products.js';
import { users } from './users.js';

export const BUILTIN_TABLES: readonly TableDefinition[] = [users, products, orders, orderItems];
markPackaged(BUILTIN_TABLES);

const builtin = new Map<ValueCache, TableRegistry>();

/** The built-in tables as registry entries, entered as built-in (the registry compiles them when first used). */
export function builtinEntries(): RegisteredTable[] {
  return BUILTIN_TABLES.map((definition) => ({ definition, origin: BUILTIN_ORIGIN }));
}

/**
 * The registry of the built-in tables and, after them, the given ones (a user's modules). `cache` keeps the built-in
 * pools' values and the part sizes between runs: the door hands in the disk cache (state/cache.ts).
 */
export function tableRegistry(extra: readonly RegisteredTable[] = [], cache: ValueCache = NO_CACHE): TableRegistry {
  if (extra.length === 0) {
    const made = builtin.get(cache) ?? TableRegistry.create(builtinEntries(), BUILTIN_POOLS, LEGACY_TABLES, cache);
    builtin.set(cache, made);
    return made;
  }
  return TableRegistry.create([...builtinEntries(), ...extra], BUILTIN_POOLS, LEGACY_TABLES, cache);
}
