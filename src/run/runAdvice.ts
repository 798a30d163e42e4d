/**
 * What a stopped or refused run tells the user to do next: the command that finishes the interrupted run, and the
 * one that removes what it wrote. A resume must load the tables' definitions again, each with the flag of its kind:
 * a schema file's (its record says so: TableOriginRecord.schema) with --schema, a module's with --tables.
 */
import { resolve } from 'node:path';

/** Where a table's definition comes from, as the registry or the metadata records it. */
export interface DefinedBy {
  readonly module: string;
  readonly schema?: unknown;
}

function metadataFlag(metadataPath: string): string {
  return resolve(metadataPath) === resolve('./metadata.json') ? '' : ` --metadata ${metadataPath}`;
}

/** `synthgen --resume --schema bank.yaml --metadata m.json`: `modules` and `schemas` are the --tables and --schema it needs. */
export function resumeCommand(metadataPath: string, modules: readonly string[] = [], schemas: readonly string[] = []): string {
  const tables = [...[...new Set(modules)].map((module) => ` --tables ${module}`), ...[...new Set(schemas)].map((file) => ` --schema ${file}`)].join('');
  return `synthgen --resume${tables}${metadataFlag(metadataPath)}`;
}

/** The command that removes what an interrupted run on this metadata wrote. */
export function discardCommand(metadataPath: string): string {
  return `synthgen --discard-interrupted${metadataFlag(metadataPath)}`;
}

/** The sentence every stopped run ends with; `modules` and `schemas` are the --tables and --schema a resume needs. */
export function howToFinish(metadataPath: string, modules: readonly string[] = [], schemas: readonly string[] = []): string {
  return `Run the same command again (or ${resumeCommand(metadataPath, modules, schemas)}) to finish it, or ${discardCommand(metadataPath)} to remove what it wrote.`;
}

/** The --tables modules and --schema files that define tables of these origins. */
export function sourcesOf(origins: readonly DefinedBy[]): { readonly modules: string[]; readonly schemas: string[] } {
  return { modules: origins.flatMap((o) => (o.schema === undefined ? [o.module] : [])), schemas: origins.flatMap((o) => (o.schema === undefined ? [] : [o.module])) };
}

/** howToFinish for tables of these origins. */
export function howToFinishFrom(metadataPath: string, origins: readonly DefinedBy[]): string {
  const { modules, schemas } = sourcesOf(origins);
  return howToFinish(metadataPath, modules, schemas);
}
