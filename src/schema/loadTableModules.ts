/**
 * `--tables ./my-tables.mjs`: a user's module whose exports are tables made with defineTable() (and, if it likes,
 * pools made with definePool()). Every problem is one line naming the module: a missing file, a module that does not
 * load, an export that is not a table, a definition that is wrong (defineTable and the registry name the table and
 * the field). Only the coordinator imports it; workers receive compiled queries.
 */
import { stat } from 'node:fs/promises';
import { register } from 'node:module';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { errnoCode, reasonOf } from '../errors/errno.js';
import { UserError } from '../errors/userError.js';
import { isPool, isTable } from './defineTable.js';
import type { RegisteredTable } from './registry.js';

let hooked = false;

/** `import 'synthgen'` in a module resolves to this package (resolveSynthgen.ts). */
function hookSynthgenImports(): void {
  if (hooked) return;
  hooked = true;
  register(new URL('./resolveSynthgen.js', import.meta.url), { data: { index: new URL('../index.js', import.meta.url).href } });
}

async function checkFile(given: string, path: string): Promise<void> {
  const found = await stat(path).catch((error: unknown) => {
    throw new UserError(`--tables ${given}: ${errnoCode(error) === 'ENOENT' ? 'no such file' : `cannot read it (${reasonOf(error)})`}: pass the path of a JavaScript module that exports tables`);
  });
  if (!found.isFile()) throw new UserError(`--tables ${given}: not a file: pass the path of a JavaScript module that exports tables`);
  const extension = extname(path);
  if (extension === '.ts' || extension === '.mts' || extension === '.cts') {
    throw new UserError(`--tables ${given}: synthgen loads JavaScript modules: compile it first (tsc), or write it as .mjs`);
  }
  if (extension !== '.mjs' && extension !== '.js') throw new UserError(`--tables ${given}: a table module is a JavaScript ES module (.mjs, or .js in a "type": "module" package)`);
}

/** Where in the module a load failure points, if Node says (a syntax error's file:line). */
function location(error: unknown, url: string): string {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const line = stack.split('\n').find((text) => text.includes(url));
  const match = line ? /:(\d+)(?::\d+)?\)?\s*$/.exec(line) : null;
  return match ? ` (line ${match[1]})` : '';
}

async function importModule(given: string, path: string): Promise<Record<string, unknown>> {
  hookSynthgenImports();
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error: unknown) {
    if (error instanceof UserError) throw new UserError(`--tables ${given}: ${error.message}`);
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UserError(`--tables ${given}: the module does not load: ${name}: ${message}${location(error, url)}`);
  }
}

function tablesOf(given: string, exports: Record<string, unknown>, module: string): RegisteredTable[] {
  const tables: RegisteredTable[] = [];
  for (const [name, value] of Object.entries(exports)) {
    const values = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const item of values) {
      if (isTable(item)) tables.push({ definition: item, origin: { module } });
      else if (!isPool(item)) {
        throw new UserError(`--tables ${given}: export ${name} is not a table: export tables made with defineTable() (or pools made with definePool()), and keep other values unexported`);
      }
    }
  }
  if (tables.length === 0) throw new UserError(`--tables ${given}: the module exports no tables: export each table made with defineTable()`);
  return tables;
}

/** The tables of the given modules, in their order. */
export async function loadTableModules(paths: readonly string[]): Promise<RegisteredTable[]> {
  const tables: RegisteredTable[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const path = resolve(given);
    if (seen.has(path)) continue;
    seen.add(path);
    await checkFile(given, path);
    // One table exported twice (by name and in a list, or re-exported by another module) is one table: the first
    // module to export it defines it.
    for (const table of tablesOf(given, await importModule(given, path), path)) {
      if (!tables.some((t) => t.definition === table.definition)) tables.push(table);
    }
  }
  return tables;
}
