/**
 * The data dictionary says what each column depends on, from what the compiler saw its SQL read: through helper
 * fields (which are not written) to the columns and parents' columns they read, and to the engine's inputs.
 */
import { expect, test } from 'vitest';
import { BUILTIN_TABLES, dataDictionary, defineTable, uniform } from '../dist/src/index.js';
import { columnDependencies } from '../dist/src/model/dictionary/columnDependencies.js';
import type { Column, TableDefinition } from '../dist/src/index.js';

const column = (name: string, type: string, sql: Column['sql'], extra: Partial<Column> = {}): Column => ({ name, type, description: 'd', distribution: 'd', sql, ...extra });

/** A child of users: `total` reads `_doubled`, which reads the column `price`; `since` reads users' registration. */
const shop = defineTable({
  name: 'shop_items',
  description: 'd',
  version: 1,
  primaryKey: 'item_id',
  parents: [{ table: 'users', column: 'user_id', skew: 1 }],
  pools: [],
  helpers: [
    { name: '_doubled', sql: ({ field }) => `${field('price')} * 2` },
    { name: '_joined', sql: ({ parent }) => `epoch(${parent('users').value('registration_date')})` },
  ],
  columns: [
    column('item_id', 'BIGINT', ({ row }) => row.id),
    column('user_id', 'BIGINT', ({ parent }) => parent('users').id),
    column('price', 'DOUBLE', ({ row }) => `round(${uniform(row, 'price')} * 100, 2)`, { minimum: 0 }),
    column('total', 'DOUBLE', ({ field }) => `${field('_doubled')} + 1`),
    column('since', 'TIMESTAMPTZ', ({ field, row }) => `to_timestamp(greatest(${field('_joined')}, ${row.created}))`),
    column('promised', 'DATE', ({ row }) => `to_timestamp(${row.asOf} + 86400)::DATE`, { mayFollowAsOf: true }),
    column('label', 'VARCHAR', () => `'x'`),
  ],
});
const tables: readonly TableDefinition[] = [...BUILTIN_TABLES, shop];
const lookup = (name: string) => tables.find((t) => t.name === name);

test('a column that reads a helper that reads another column lists that column, not the helper', () => {
  const dependencies = columnDependencies(shop, lookup);
  expect(dependencies.get('total')).toEqual({ columns: ['price'], parents: [], inputs: [] });
  expect(dependencies.get('price')).toEqual({ columns: [], parents: [], inputs: ['own draws'] });
});

test("a parent's column read through a helper is named with its table; engine inputs are named", () => {
  const dependencies = columnDependencies(shop, lookup);
  expect(dependencies.get('since')).toEqual({ columns: [], parents: ['users.registration_date'], inputs: ['own creation time'] });
  expect(dependencies.get('user_id')).toEqual({ columns: [], parents: [], inputs: ['pick of users'] });
  expect(dependencies.get('promised')?.inputs).toEqual(['as-of']);
  expect(dependencies.get('label')).toEqual({ columns: [], parents: [], inputs: [] });
});

test('the dictionary shows depends-on and what verify checks, for module tables and built-in ones', () => {
  const text = dataDictionary(tables);
  expect(text).toContain('| `total` | DOUBLE | d | d | price |  |');
  expect(text).toContain('| `since` | TIMESTAMPTZ | d | d | users.registration_date; own creation time | not after as-of |');
  expect(text).toContain('| `price` | DOUBLE | d | d | own draws | ≥ 0 |');
  expect(text).toContain('| `promised` | DATE | d | d | as-of | may be after as-of |');
  // Built-in: the order total is computed from helpers that the other amount columns show (the country: whether tax is added).
  expect(text).toMatch(/\| `total_amount` \|[^\n]*\| subtotal, tax_amount, shipping_cost, discount_amount, shipping_country \|/);
  expect(text).toMatch(/\| `shipping_country` \|[^\n]*\| users\.country \|/);
});
