/** Categories with weights, and booleans with a probability. */
import { type Choice, describeWeights, weighted } from '../../../model/columns/weighted.js';
import { chance, draw20 } from '../../../model/random.js';
import type { CompiledColumn } from '../compiledColumn.js';

export function choiceColumn(options: Record<string, number> | readonly (string | number | boolean)[], key: string): CompiledColumn {
  const choices: Choice[] = Array.isArray(options)
    ? options.map((value): Choice => [value, 1])
    : Object.entries(options as Record<string, number>).map(([value, weight]): Choice => [value, weight]);
  const values = choices.map(([value]) => value);
  const type = values.every((v) => typeof v === 'boolean') ? 'BOOLEAN' : values.every((v) => typeof v === 'number') ? (values.every((v) => Number.isInteger(v)) ? 'INTEGER' : 'DOUBLE') : 'VARCHAR';
  const positive = choices.filter(([, weight]) => weight > 0);
  return { type, sql: (_context, row) => weighted(draw20(row, key), positive), distribution: describeWeights(positive) + '.' };
}

export function boolColumn(options: number | { readonly probability: number }, key: string): CompiledColumn {
  const p = typeof options === 'number' ? options : options.probability;
  return { type: 'BOOLEAN', sql: (_context, row) => chance(row, key, p), distribution: `true ${Number((p * 100).toFixed(2))}% of rows.` };
}
