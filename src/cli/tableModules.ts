/** `--tables`: the registry a command works with, the built-in tables and those of the modules given. */
import { Option } from 'clipanion';
import { UserError } from '../errors/userError.js';
import { loadTableModules } from '../schema/loadTableModules.js';
import type { TableRegistry } from '../schema/registry.js';
import { BUILTIN_TABLES, tableRegistry } from '../tables/index.js';

export function tablesOption() {
  return Option.Array('--tables', {
    description: 'A JavaScript module whose exports are tables made with defineTable() (see "Your own tables" in the README); repeat for several',
  });
}

/** The built-in table names, for help texts. */
export const BUILTIN_NAMES = BUILTIN_TABLES.map((table) => table.name).join(', ');

/** Definitions that cannot be checked alone (a parent, a cycle, a field read) fail here, naming the modules. */
export async function registryFor(modules: readonly string[] | undefined): Promise<TableRegistry> {
  if (!modules || modules.length === 0) return tableRegistry();
  const tables = await loadTableModules(modules);
  try {
    return tableRegistry(tables);
  } catch (error: unknown) {
    if (error instanceof UserError) throw new UserError(`${modules.map((m) => `--tables ${m}`).join(' ')}: ${error.message}`, error.exitCode);
    throw error;
  }
}
