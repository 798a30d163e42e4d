/**
 * `synthgen schema` is read in a terminal: wrapped to its width (100 columns when stdout is not one), one table when
 * named; `--format md` keeps the Markdown docs/data-dictionary.md's dictionary is generated from, byte for byte.
 */
import { describe, expect, test } from 'vitest';
import { BUILTIN_TABLES, dataDictionary } from '../dist/src/index.js';
import { synthgen, withTempDir } from './helpers/cli.js';

describe.concurrent('the data dictionary in a terminal', () => {
  test('no line is wider than 100 columns, and no Markdown table rows', async () => {
    await withTempDir(async (dir) => {
      const { code, stdout, stderr } = await synthgen(['schema'], dir, { COLUMNS: undefined });
      expect(code, stderr).toBe(0);
      const lines = stdout.split('\n');
      expect(lines.filter((line) => [...line].length > 100)).toEqual([]);
      expect(lines.filter((line) => line.startsWith('|'))).toEqual([]);
      for (const table of ['users', 'products', 'orders']) expect(stdout).toMatch(new RegExp(`^${table} \\(\\d+ columns, generator version \\d+\\)$`, 'm'));
      // Every column is there, with what the Markdown says about it.
      const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      for (const table of BUILTIN_TABLES) for (const column of table.columns) expect(stdout).toMatch(new RegExp(`^  ${column.name}  ${literal(column.type)}`, 'm'));
    });
  });

  test('COLUMNS sets the width when stdout is not a terminal', async () => {
    await withTempDir(async (dir) => {
      const { code, stdout, stderr } = await synthgen(['schema', 'users'], dir, { COLUMNS: '60' });
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/^users \(/);
      expect(stdout.split('\n').filter((line) => [...line].length > 60)).toEqual([]);
    });
  });

  test('--format md is the Markdown docs/data-dictionary.md is generated from', async () => {
    await withTempDir(async (dir) => {
      const { code, stdout } = await synthgen(['schema', '--format', 'md'], dir);
      expect(code).toBe(0);
      expect(stdout).toBe(dataDictionary(BUILTIN_TABLES));
    });
  });

  test('a table name prints that table only, in either format', async () => {
    await withTempDir(async (dir) => {
      const text = await synthgen(['schema', 'orders'], dir);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/^orders \(/);
      expect(text.stdout).not.toMatch(/^(users|products) \(/m);
      const md = await synthgen(['schema', 'orders', '--format', 'md'], dir);
      const orders = BUILTIN_TABLES.filter((t) => t.name === 'orders');
      expect(md.stdout).toBe(dataDictionary(orders, BUILTIN_TABLES));
      const json = JSON.parse((await synthgen(['schema', 'users', '--json'], dir)).stdout) as { tables: { name: string }[] };
      expect(json.tables.map((t) => t.name)).toEqual(['users']);
    });
  });

  test('an unknown table name is one line naming the tables there are', async () => {
    await withTempDir(async (dir) => {
      const { code, stderr, stdout } = await synthgen(['schema', 'customers'], dir);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^synthgen: no table customers: the tables are users, products, orders, order_items\n$/);
    });
  });
});
