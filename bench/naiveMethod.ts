/**
 * The baseline: the original Python tool's method transplanted. One faker call per field per row, each row appended
 * to DuckDB, then COPY to the same ZSTD Parquet. Same tables and column types as synthgen, so the comparison is fair.
 */
import { type DuckDBAppender, type DuckDBConnection, dateValue, decimalValue, listValue, timestampTZValue } from '@duckdb/node-api';
import { faker } from '@faker-js/faker';
import { quotedIdentifier, quotedString } from '../src/model/sql.js';
import type { Column, TableDefinition } from '../src/model/tableDefinition.js';
import { PARQUET_OPTIONS } from '../src/workers/generatePart.js';

type Value = string | number | boolean | Date | string[] | null;

/** A faker call for each column, chosen by name where faker has one, else by type. */
const byName: Record<string, () => Value> = {
  first_name: () => faker.person.firstName(),
  last_name: () => faker.person.lastName(),
  email: () => faker.internet.email(),
  username: () => faker.internet.username(),
  phone: () => faker.phone.number(),
  gender: () => faker.person.gender(),
  street_address: () => faker.location.streetAddress(),
  shipping_street_address: () => faker.location.streetAddress(),
  city: () => faker.location.city(),
  shipping_city: () => faker.location.city(),
  state: () => faker.location.state(),
  shipping_state: () => faker.location.state(),
  postal_code: () => faker.location.zipCode(),
  shipping_postal_code: () => faker.location.zipCode(),
  country: () => faker.location.country(),
  shipping_country: () => faker.location.country(),
  country_code: () => faker.location.countryCode(),
  product_name: () => faker.commerce.productName(),
  brand: () => faker.company.name(),
  category: () => faker.commerce.department(),
  subcategory: () => faker.commerce.product(),
  description: () => faker.commerce.productDescription(),
  color: () => faker.color.human(),
  material: () => faker.commerce.productMaterial(),
  supplier_name: () => faker.company.name(),
  tracking_number: () => faker.string.alphanumeric(18),
  notes: () => faker.lorem.sentence(),
  sku: () => faker.string.alphanumeric(12),
  order_number: () => faker.string.alphanumeric(14),
  date_of_birth: () => faker.date.birthdate(),
};

function byType(column: Column): () => Value {
  const named = byName[column.name];
  if (named) return named;
  const type = column.type;
  // Categorical columns: a weighted pick, as the original tool did with random.choices(weights).
  if (type === 'VARCHAR') {
    const choices = [
      { weight: 50, value: 'alpha' },
      { weight: 25, value: 'beta' },
      { weight: 15, value: 'gamma' },
      { weight: 7, value: 'delta' },
      { weight: 3, value: 'epsilon' },
    ];
    return () => faker.helpers.weightedArrayElement(choices);
  }
  if (type === 'VARCHAR[]') return () => [faker.word.sample(), faker.word.sample(), faker.word.sample()];
  if (type === 'BOOLEAN') return () => faker.datatype.boolean({ probability: 0.7 });
  if (type === 'INTEGER') return () => faker.number.int({ max: 100_000 });
  if (type === 'BIGINT') return () => faker.number.int({ min: 1, max: 1_000_000 });
  if (type === 'DATE') return () => faker.date.past({ years: 5 });
  if (type === 'TIMESTAMPTZ') return () => faker.date.past({ years: 5 });
  if (type.startsWith('DECIMAL')) return () => faker.number.float({ min: 1, max: 999, fractionDigits: 2 });
  throw new Error(`no naive generator for ${column.name} ${type}`);
}

function append(appender: DuckDBAppender, column: Column, value: Value): void {
  if (value === null) return appender.appendNull();
  const type = column.type;
  if (type === 'VARCHAR') return appender.appendVarchar(String(value));
  if (type === 'VARCHAR[]') return appender.appendList(listValue(value as string[]));
  if (type === 'BOOLEAN') return appender.appendBoolean(Boolean(value));
  if (type === 'INTEGER') return appender.appendInteger(Number(value));
  if (type === 'BIGINT') return appender.appendBigInt(BigInt(value as number));
  if (type === 'DATE') return appender.appendDate(dateValue(Math.floor((value as Date).getTime() / 86_400_000)));
  if (type === 'TIMESTAMPTZ') return appender.appendTimestampTZ(timestampTZValue(BigInt((value as Date).getTime()) * 1000n));
  const match = /^DECIMAL\((\d+),(\d+)\)$/.exec(type);
  if (match) {
    const scale = Number(match[2]);
    return appender.appendDecimal(decimalValue(BigInt(Math.round(Number(value) * 10 ** scale)), Number(match[1]), scale));
  }
  throw new Error(`cannot append ${type}`);
}

/** Generates `rows` rows the naive way and writes them to `path`. */
export async function naiveRows(connection: DuckDBConnection, definition: TableDefinition, rows: number, path: string): Promise<void> {
  const table = `naive_${definition.name}`;
  const columns = definition.columns;
  await connection.run(
    `CREATE OR REPLACE TABLE ${table} (${columns.map((c) => `${quotedIdentifier(c.name)} ${c.type}`).join(', ')})`,
  );
  const generators = columns.map((column, index) => (index === 0 ? null : byType(column)));
  const appender = await connection.createAppender(table);
  for (let id = 1; id <= rows; id += 1) {
    columns.forEach((column, index) => append(appender, column, index === 0 ? id : (generators[index]?.() ?? null)));
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
  await connection.run(`COPY ${table} TO ${quotedString(path)} (${PARQUET_OPTIONS})`);
  await connection.run(`DROP TABLE ${table}`);
}
