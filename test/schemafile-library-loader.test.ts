/**
 * A schema file loaded from code, as the README's "From code" runs a module's tables: loadSchemaTables, exported by
 * the package entry, gives the file's tables (each recorded as the schema file's, with its versions) and the
 * registry to run them with, and runGeneration generates from it and records them as the CLI's --schema does.
 */
import { copyFile, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { BUILTIN_POOLS, BUILTIN_TABLES, loadSchemaTables, runGeneration } from '../dist/src/index.js';
import { AS_OF, withTempDir } from './helpers/cli.js';

/** A small schema file of two tables, neither of them built in. */
const LIBRARY = resolve(import.meta.dirname, 'fixtures/schema/library.yaml');

test("a schema file's tables, loaded through the package entry, generate with runGeneration", { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'library.yaml');
    await copyFile(LIBRARY, file);
    const builtins = BUILTIN_TABLES.map((definition) => ({ definition }));
    const loaded = await loadSchemaTables([file], {}, builtins, BUILTIN_POOLS);
    expect(loaded.notices).toEqual([]);
    expect(loaded.tables.map((table) => [table.definition.name, table.origin?.kind])).toEqual([
      ['branches', 'schema'],
      ['loans', 'schema'],
    ]);
    expect(loaded.registry.names).toEqual(['users', 'products', 'orders', 'order_items', 'branches', 'loans']);
    expect(loaded.registry.originOf('loans')).toMatchObject({ kind: 'schema', path: file, record: { versions: { '1': expect.any(Object) } } });
    expect(loaded.registry.originOf('users')).toEqual({ kind: 'builtin' });

    const summary = await runGeneration({
      kind: 'new',
      registry: loaded.registry,
      tables: ['branches', 'loans'],
      rows: { branches: 20, loans: 300 },
      out: join(dir, 'data'),
      metadataPath: join(dir, 'metadata.json'),
      threads: 1,
      seed: 3,
      asOf: AS_OF,
      command: 'library test',
    });
    expect([summary.tables.branches?.rows, summary.tables.loans?.rows]).toEqual([20, 300]);
    const metadata = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')) as { tables: Record<string, { definition?: { kind: string; module: string }; versions?: unknown }> };
    expect(metadata.tables.loans?.definition).toMatchObject({ kind: 'schema', module: file });
    expect(metadata.tables.loans?.versions).toMatchObject({ versions: { '1': expect.any(Object) } });
  });
});
