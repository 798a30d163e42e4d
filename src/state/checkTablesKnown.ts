/**
 * The tables a command names, checked against the registry it was given and the origins the metadata records:
 * a table whose module or schema file is not loaded is told which flag to pass. Run and verify both check so.
 */
import { UserError } from '../errors/userError.js';
import type { TableRegistry } from '../model/registry.js';
import { originFlag, recordedOrigin } from '../records/tableOrigin.js';
import type { Metadata, TableOriginRecord } from './metadata.js';

/** The first named table the registry lacks, as one line saying what to pass. */
export function checkTablesKnown(names: readonly string[], registry: TableRegistry, recorded: Metadata['tables'], pendingOrigins?: Readonly<Record<string, TableOriginRecord>>): void {
  for (const name of names) {
    if (registry.get(name)) continue;
    const origin = pendingOrigins?.[name] ?? recorded[name]?.definition;
    if (origin) throw new UserError(`table ${name} is defined by ${origin.module}, which is not loaded: pass ${originFlag(recordedOrigin(origin))}`);
    throw new UserError(`unknown table "${name}": choose from ${registry.names.join(', ')}, or pass the module that defines it with --tables`);
  }
}
