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
import { LIBRARY_WORDS } from '../errors/vocabulary.js';
import { describeThrown, stackOf } from '../errors/thrownValue.js';
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
    throw new UserError((w) => `${w.tablesModule(given)}: ${errnoCode(error) === 'ENOENT' ? 'no such file' : `cannot read it (${reasonOf(error)})`}: pass the path of a JavaScript module that exports tables`);
  });
  if (!found.isFile()) throw new UserError((w) => `${w.tablesModule(given)}: not a file: pass the path of a JavaScript module that exports tables`);
  const extension = extname(path);
  if (extension === '.ts' || extension === '.mts' || extension === '.cts') {
    throw new UserError((w) => `${w.tablesModule(given)}: synthgen loads JavaScript modules: compile it first (tsc), or write it as .mjs`);
  }
  if (extension !== '.mjs' && extension !== '.js') throw new UserError((w) => `${w.tablesModule(given)}: a table module is a JavaScript ES module (.mjs, or .js in a "type": "module" package)`);
}

/** Where in the module a load failure points, if Node says (a syntax error's file:line). */
function location(error: unknown, url: string): string {
  const line = stackOf(error).split('\n').find((text) => text.includes(url));
  const match = line ? /:(\d+)(?::\d+)?\)?\s*$/.exec(line) : null;
  return match ? ` (line ${match[1]})` : '';
}

interface ImportedModule {
  /** As given to --tables. */
  readonly given: string;
  readonly url: string;
}

/** Every module imported so far, and the one being imported, if any. */
const imported: ImportedModule[] = [];
let importing: ImportedModule | undefined;
/** Rejections nothing handled while a module was being imported (noteRejection), for that import to fail with. */
const rejectedWhileImporting: UserError[] = [];

async function importModule(given: string, path: string): Promise<Record<string, unknown>> {
  hookSynthgenImports();
  const url = pathToFileURL(path).href;
  const module = { given, url };
  imported.push(module);
  importing = module;
  rejectedWhileImporting.length = 0;
  try {
    const exports = (await import(url)) as Record<string, unknown>;
    // Node reports a rejection nothing handled once the microtasks have run: by the next turn of the loop.
    await new Promise((resolveTurn) => setImmediate(resolveTurn));
    const rejected = rejectedWhileImporting[0];
    if (rejected) throw rejected;
    return exports;
  } catch (error: unknown) {
    if (error instanceof UserError) throw error.message.startsWith(`${LIBRARY_WORDS.tablesModule(given)}: `) ? error : new UserError((w) => `${w.tablesModule(given)}: ${error.render(w)}`);
    const thrown = describeThrown(error);
    throw new UserError((w) => `${w.tablesModule(given)}: the module does not load: ${thrown ?? `it threw a value that cannot be shown (${typeof error})`}${location(error, url)}`);
  } finally {
    importing = undefined;
  }
}

/**
 * The --tables module whose import is under way: when the process runs out of things to do meanwhile (a top-level
 * await that never settles), it is the one waiting.
 */
export function moduleImporting(): string | undefined {
  return importing?.given;
}

/**
 * Takes a promise rejection nothing handled (the process's 'unhandledRejection'): when a --tables module made it (by
 * its stack, or because it came while that module was being imported), the one line that says so. One that came
 * during the import also makes the import fail; undefined when it is none of the modules'.
 */
export function noteRejection(reason: unknown): { readonly error: UserError; readonly failsImport: boolean } | undefined {
  const stack = stackOf(reason);
  const module = imported.find((m) => stack.includes(m.url)) ?? importing;
  if (!module) return undefined;
  const thrown = describeThrown(reason) ?? `a value that cannot be shown (${typeof reason})`;
  const error = new UserError(
    (w) => `${w.tablesModule(module.given)}: a promise the module made was rejected and nothing handled it: ${thrown}${location(reason, module.url)}; await it, or handle the rejection with .catch()`,
  );
  const failsImport = module === importing;
  if (failsImport) rejectedWhileImporting.push(error);
  return { error, failsImport };
}

function tablesOf(given: string, exports: Record<string, unknown>, module: string): RegisteredTable[] {
  const tables: RegisteredTable[] = [];
  for (const [name, value] of Object.entries(exports)) {
    const values = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const item of values) {
      if (isTable(item)) tables.push({ definition: item, origin: { kind: 'module', path: module } });
      else if (!isPool(item)) {
        throw new UserError((w) => `${w.tablesModule(given)}: export ${name} is not a table: export tables made with defineTable() (or pools made with definePool()), and keep other values unexported`);
      }
    }
  }
  if (tables.length === 0) throw new UserError((w) => `${w.tablesModule(given)}: the module exports no tables: export each table made with defineTable()`);
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
