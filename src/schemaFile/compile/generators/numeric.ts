/** int, decimal and double columns: a number drawn between min and max (numbers.ts), and a unique int by construction. */
import type { CompiledColumn } from '../compiledColumn.js';
import { type NumericOptions, describeNumbers, numberSql } from './numbers.js';

/** Positions within a block of 1024 IDs are shuffled by an odd multiplier, a bijection of 0..1023. */
const BLOCK = 1024;
const MULTIPLIER = 389;

export function intColumn(options: NumericOptions, key: string, unique: boolean): CompiledColumn {
  if (unique) {
    // Unique by construction: min plus the key's block and its shuffled position in it. Values never repeat, so
    // they run past max once a table has more rows than max - min + 1.
    const offset = (id: string) => `((${id} - 1) // ${BLOCK} * ${BLOCK} + ((${id} - 1) % ${BLOCK} * ${MULTIPLIER} + ${salt(key)}) % ${BLOCK})`;
    return { type: 'BIGINT', sql: (_context, row) => `(${options.min} + ${offset(row.id)})`, distribution: `Unique: ${options.min} plus a shuffle of the key within blocks of ${BLOCK} IDs.`, minimum: options.min };
  }
  return { type: 'INTEGER', sql: (_context, row) => numberSql(options, row, key, true), distribution: `${describeNumbers(options)}; whole numbers.`, minimum: Math.ceil(options.min), maximum: Math.floor(options.max) };
}

export function doubleColumn(options: NumericOptions, key: string): CompiledColumn {
  return { type: 'DOUBLE', sql: (_context, row) => numberSql(options, row, key, false), distribution: `${describeNumbers(options)}.`, minimum: options.min, maximum: options.max };
}

export function decimalColumn(options: NumericOptions & { readonly precision?: number | undefined; readonly scale?: number | undefined }, key: string): CompiledColumn {
  const precision = options.precision ?? 12;
  const scale = Math.min(options.scale ?? 2, precision);
  return {
    type: `DECIMAL(${precision},${scale})`,
    sql: (_context, row) => numberSql(options, row, key, false, scale),
    distribution: `${describeNumbers(options)}; ${scale} decimal places.`,
    minimum: options.min,
    maximum: options.max,
  };
}

/** A small constant from the column's name, so two unique columns shuffle differently. */
function salt(key: string): number {
  let h = 0;
  for (const c of key) h = (h * 31 + c.charCodeAt(0)) % BLOCK;
  return h;
}
