/** The table registry. Adding a table is adding its module and one line here. */
import { orders } from './orders.js';
import { products } from './products.js';
import type { TableDefinition } from '../schema/tableDefinition.js';
import { users } from './users.js';

export const TABLES: readonly TableDefinition[] = [users, products, orders];

export function tableNamed(name: string): TableDefinition | undefined {
  return TABLES.find((table) => table.name === name);
}
