/**
 * What the metadata keeps of a schema file's table (--schema) beside its definition hash: the identity of its rows
 * (key, parents, children, arrivals: what decides which rows exist and when, never to change under existing rows),
 * and for each version of its columns a fingerprint of each field. A later run whose schema changed a column makes
 * the next version; a child may keep reading an older version's rows only through fields no version changed.
 */
export interface SchemaRecord {
  readonly identity: string;
  /** Version (as text) -> field -> fingerprint. */
  readonly versions: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const HEX = /^[0-9a-f]{64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The record, or undefined when `value` is not one synthgen writes. */
export function parseSchemaRecord(value: unknown): SchemaRecord | undefined {
  if (!isRecord(value) || typeof value.identity !== 'string' || !HEX.test(value.identity) || !isRecord(value.versions)) return undefined;
  const versions: Record<string, Record<string, string>> = {};
  for (const [version, fields] of Object.entries(value.versions)) {
    if (!/^[1-9]\d{0,8}$/.test(version) || !isRecord(fields)) return undefined;
    const parsed: Record<string, string> = {};
    for (const [field, print] of Object.entries(fields)) {
      if (typeof print !== 'string' || !HEX.test(print)) return undefined;
      parsed[field] = print;
    }
    versions[version] = parsed;
  }
  return Object.keys(versions).length > 0 ? { identity: value.identity, versions } : undefined;
}
