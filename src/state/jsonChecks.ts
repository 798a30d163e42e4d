/**
 * The checks the metadata's parsers (parseMetadata.ts, legacy/legacyRows.ts) hold each value read from the file to:
 * a value that fails one makes the file corrupt, with the failed check's words as the reason.
 */
export type Json = unknown;

export function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isId(value: Json): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export function isCount(value: Json): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export class Corrupt extends Error {}

export function need(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Corrupt(what);
}
