/**
 * Where the tables a run asks for come from, as the metadata keeps it. A table of a user's file (module or schema
 * file) is recorded with the file's path and a hash of its definition (registry.ts), so a later run that lacks the
 * file is told which to pass, and a resumed run must be given the definition it started with.
 */
import { UserError } from '../errors/userError.js';
import type { TableRegistry } from '../model/registry.js';
import type { Metadata, TableOriginRecord } from '../state/metadata.js';
import { parentReads } from '../versions/readsAcrossVersions.js';

/**
 * The origin record of each named table that comes from a file, or whose rows the metadata says came from one
 * (a registry built in code may give a table without its module): such a table is always checked, and keeps its record.
 */
export async function tableOrigins(names: readonly string[], registry: TableRegistry, recorded: Metadata['tables']): Promise<Record<string, TableOriginRecord>> {
  const origins: Record<string, TableOriginRecord> = {};
  for (const name of names) {
    const origin = registry.originOf(name);
    const before = recorded[name]?.definition;
    const file = origin.kind === 'builtin' ? before : { kind: origin.kind, module: origin.path };
    if (!file) continue;
    const reads = registry.get(name) ? parentReads(registry, name) : {};
    origins[name] = { kind: file.kind, module: file.module, sha256: await registry.definitionHash(name), ...(Object.keys(reads).length > 0 ? { reads } : {}) };
  }
  return origins;
}

/**
 * Refuses a resumed run given other definitions than it started with, and a run whose module changed under rows
 * recorded before synthgen kept versions (the metadata cannot say which fields changed). Otherwise a changed
 * definition makes a new version (runVersions.ts).
 */
export function checkOriginsUnchanged(origins: Readonly<Record<string, TableOriginRecord>>, recorded: Metadata['tables'], resumedFrom?: Readonly<Record<string, TableOriginRecord>>): void {
  for (const [name, origin] of Object.entries(origins)) {
    const unversioned = recorded[name]?.versions === undefined && (recorded[name]?.segments.length ?? 0) > 0;
    const earlier = [unversioned ? recorded[name]?.definition : undefined, resumedFrom?.[name]];
    for (const before of earlier) {
      if (!before || before.sha256 === origin.sha256) continue;
      throw new UserError(
      (w) => `the definition of ${name} (in ${origin.module}, as this synthgen compiles it) changed since its rows were generated (from ${before.module}; definition hash ${before.sha256.slice(0, 12)} is now ${origin.sha256.slice(0, 12)}), so new rows would not agree with them: restore the module as it was, or start a new dataset with another ${w.metadata} and ${w.out}`,
      );
    }
  }
}
