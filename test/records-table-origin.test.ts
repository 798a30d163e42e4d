/**
 * A table's origin is a recorded union (src/records/tableOrigin.ts): one function names the file that defines it, in
 * the reader's words (the library's, or the CLI's flag that loads it again),
 * one lists the modules and schema files of several, and a metadata record's origin is read from what it records.
 */
import { expect, test } from 'vitest';
import { BUILTIN_ORIGIN, type TableOrigin, originPath, originSource, recordedOrigin, sourcesOf } from '../dist/src/records/tableOrigin.js';
import { LIBRARY_WORDS } from '../dist/src/errors/vocabulary.js';
import { CLI_WORDS } from '../dist/src/cli/render/cliVocabulary.js';

const inLibrary = (origin: TableOrigin) => originSource(origin)?.(LIBRARY_WORDS);
const inCli = (origin: TableOrigin) => originSource(origin)?.(CLI_WORDS);
import { tableRegistry } from '../dist/src/tables/index.js';

const RECORD = { identity: 'a'.repeat(64), versions: { '1': { id: 'b'.repeat(64) } } };

test('each origin is named by its own kind of file, to the CLI by its flag; a built-in table needs none', () => {
  expect(originSource(BUILTIN_ORIGIN)).toBeUndefined();
  expect(inLibrary({ kind: 'module', path: '/p/reviews.mjs' })).toBe('tables module /p/reviews.mjs');
  expect(inCli({ kind: 'module', path: '/p/reviews.mjs' })).toBe('--tables /p/reviews.mjs');
  expect(inLibrary({ kind: 'schema', path: '/p/bank.json', record: RECORD })).toBe('schema file /p/bank.json');
  expect(inCli({ kind: 'schema', path: '/p/bank.json', record: RECORD })).toBe('--schema /p/bank.json');
  // The kind is recorded, not read from the name: a schema file's name says nothing here.
  expect(inLibrary({ kind: 'schema', path: '/p/tables.mjs' })).toBe('schema file /p/tables.mjs');
  expect(inCli({ kind: 'schema', path: '/p/tables.mjs' })).toBe('--schema /p/tables.mjs');
  expect([originPath(BUILTIN_ORIGIN), originPath({ kind: 'module', path: '/p/m.mjs' })]).toEqual([undefined, '/p/m.mjs']);
});

test('the sources of several origins: each module and schema file once, built-in ones left out', () => {
  const origins = [BUILTIN_ORIGIN, { kind: 'module', path: '/m.mjs' }, { kind: 'schema', path: '/s.yaml' }, { kind: 'module', path: '/m.mjs' }] as const;
  expect(sourcesOf(origins)).toEqual({ modules: ['/m.mjs'], schemas: ['/s.yaml'] });
});

test("a metadata record's origin: the kind and the file it records", () => {
  expect(recordedOrigin({ kind: 'schema', module: '/s.yaml' })).toEqual({ kind: 'schema', path: '/s.yaml' });
  expect(recordedOrigin({ kind: 'module', module: '/m.json' })).toEqual({ kind: 'module', path: '/m.json' });
});

test('the registry gives every table an origin: the built-in ones theirs', () => {
  expect(tableRegistry().names.map((name) => tableRegistry().originOf(name).kind)).toEqual(['builtin', 'builtin', 'builtin', 'builtin']);
});
