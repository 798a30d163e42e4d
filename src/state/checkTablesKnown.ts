/**
 * The tables a command names, checked against the registry it was given and the origins the metadata records:
 * a table whose module or schema file is not loaded is told which file to load. Run and verify both check so.
 */
import { UserError } from '../errors/userError.js';
import type { TableRegistry } from '../model/registry.js';
import { originSource, recordedOrigin } from '../records/tableOrigin.js';
import type { Metadata, TableOriginRecord } from './metadata.js';

/** The first named table the registry lacks, as one line saying what to pass. */
export function checkTablesKnown(names: readonly string[], registry: TableRegistry, recorded: Metadata['tables'], pendingOrigins?: Readonly<Record<string, TableOriginRecord>>): void {
  for (const name of names) {
    if (registry.get(name)) continue;
    const origin = pendingOrigins?.[name] ?? recorded[name]?.definition;
    if (origin) {
      const source = originSource(recordedOrigin(origin));
      throw new UserError((w) => `table ${name} is defined by ${origin.module}, which is not loaded: pass ${source?.(w) ?? ''}`);
    }
    throw new UserError((w) => `unknown table "${name}": choose from ${registry.names.join(', ')}, or pass the module that defines it with ${w.tablesModules}`);
  }
}
