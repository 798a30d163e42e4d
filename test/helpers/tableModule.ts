/**
 * A `--tables` module loaded in this process as the CLI loads it (cli/tableModules.ts registryFor: loadTableModules,
 * then the registry of the built-in tables and the module's, where the definitions are checked together), for tests
 * of what a wrong module is told without a spawned CLI (~2 s of start-up each).
 *
 * Under vitest a module's `import ... from 'synthgen'` is resolved by vitest's module runner, which does not ask the
 * hook the loader registers with Node (model/resolveSynthgen.ts): the module's folder gets a node_modules/synthgen
 * link to this package instead. Vitest also parses the module itself, so a module that does not parse fails in
 * vitest's words, not Node's: a test of that message spawns the CLI.
 */
import { mkdir, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type TableRegistry, UserError, loadTableModules, tableRegistry } from '../../dist/src/index.js';

const PACKAGE = resolve(import.meta.dirname, '../..');

/** Makes `import 'synthgen'` resolve, for the modules written in `dir`. */
export async function linkSynthgen(dir: string): Promise<void> {
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await symlink(PACKAGE, join(dir, 'node_modules', 'synthgen'), 'dir');
}

/** The registry of the built-in tables and the modules', checked together, as a run is given it. */
export async function moduleRegistry(paths: readonly string[]): Promise<TableRegistry> {
  return tableRegistry(await loadTableModules(paths));
}

/** The tables of the modules, checked with the built-in ones, as a run would have them. */
export async function loadModules(paths: readonly string[]): Promise<string[]> {
  return [...(await moduleRegistry(paths)).names];
}

/** The message of the UserError loading the module throws; fails if it loads, or throws anything else. */
export async function moduleProblem(paths: readonly string[]): Promise<string> {
  const names = await loadModules(paths).catch((error: unknown) => {
    if (error instanceof UserError) return error.message;
    throw error;
  });
  if (typeof names === 'string') return names;
  throw new Error(`the modules loaded (tables ${names.join(', ')}) where a refusal was expected`);
}

/**
 * What follows the module's path in a message (the CLI prints `--tables <module>: ` before the problem; the loader
 * names it in its own words), or the whole message where it does not name the module.
 */
export function afterModule(message: string, module: string): string {
  const at = message.indexOf(`${module}: `);
  return at < 0 ? message : message.slice(at + module.length + 2);
}
