/**
 * The tables a run asks for, checked against the registry and the metadata before anything is reserved. A table of
 * a user's module is recorded with the module's path and a hash of its definition (registry.ts), so a later run
 * that lacks the module is told which --tables to pass, and one whose module changed under existing rows is refused:
 * rows made from another definition would not agree with those already written (children recompute their parents).
 */
import { UserError } from '../errors/userError.js';
import type { TableRegistry } from '../model/registry.js';
import { originPath } from '../records/tableOrigin.js';
import type { Metadata, TableOriginRecord } from '../state/metadata.js';
import { parentReads } from '../schemaFile/schemaVersions.js';

/**
 * The origin record of each named table that comes from a module, or whose rows the metadata says came from one
 * (a registry built in code may give a table without its module): such a table is always checked, and keeps its record.
 */
export async function tableOrigins(names: readonly string[], registry: TableRegistry, recorded: Metadata['tables']): Promise<Record<string, TableOriginRecord>> {
  const origins: Record<string, TableOriginRecord> = {};
  for (const name of names) {
    const origin = registry.originOf(name);
    const module = originPath(origin) ?? recorded[name]?.definition?.module;
    if (!module) continue;
    const reads = schemaReads(registry, name);
    const schema = origin.kind === 'schema' ? origin.record : undefined;
    origins[name] = { module, sha256: await registry.definitionHash(name), ...(schema ? { schema } : {}), ...(reads ? { reads } : {}) };
  }
  return origins;
}

/** The fields of schema tables (which change by versions) that `name` recomputes, for the metadata to keep. */
function schemaReads(registry: TableRegistry, name: string): Record<string, string[]> | undefined {
  if (!registry.get(name)) return undefined;
  const reads = Object.entries(parentReads(registry, name)).filter(([parent]) => registry.originOf(parent).kind === 'schema');
  return reads.length > 0 ? Object.fromEntries(reads) : undefined;
}

/** Refuses a run whose module tables differ from the definitions their existing rows were made by. */
export function checkOriginsUnchanged(origins: Readonly<Record<string, TableOriginRecord>>, recorded: Metadata['tables'], resumedFrom?: Readonly<Record<string, TableOriginRecord>>): void {
  for (const [name, origin] of Object.entries(origins)) {
    // A schema file's table may change its columns between runs (a new version, checked where the file is loaded);
    // a resumed run must still be given the definitions it started with.
    const earlier = origin.schema ? [resumedFrom?.[name]] : [recorded[name]?.definition, resumedFrom?.[name]];
    for (const before of earlier) {
      if (!before || before.sha256 === origin.sha256) continue;
      throw new UserError(
      (w) => `the definition of ${name} (in ${origin.module}, as this synthgen compiles it) changed since its rows were generated (from ${before.module}; definition hash ${before.sha256.slice(0, 12)} is now ${origin.sha256.slice(0, 12)}), so new rows would not agree with them: restore the module as it was, or start a new dataset with another ${w.metadata} and ${w.out}`,
      );
    }
  }
}
