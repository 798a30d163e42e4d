/**
 * The layers of src/ point one way: a file imports only from its own folder or from a folder of lower rank (the
 * table below), no two folders import each other even through a third, and no files import each other in a circle.
 * A failure lists every offending import as `file -> file`, and every circle with its files.
 *
 * The analyser (helpers/importGraph.ts) is checked first on a synthetic tree, so the rules cannot pass because
 * nothing was measured.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cycles, folderEdges, importEdges, importSpecifiers, layerViolations, type ImportEdge } from './helpers/importGraph.js';

const SRC = resolve(import.meta.dirname, '../src');

/** The rank of each folder of src/ (its first path segment; `index.ts` is the file at the root). Higher imports lower. */
const RANKS: ReadonlyMap<string, number> = new Map([
  // The door: flags, environment variables, rendering text, creating the worker pool; the library's entry point.
  ['cli', 13],
  ['index.ts', 13],
  // The built-in tables: an input the door hands in as a registry, never imported by the engine.
  ['tables', 12],
  // The engine's commands, peers that never import one another.
  ['run', 11],
  ['verify', 11],
  ['report', 11],
  // --schema files (YAML, JSON) read and compiled into model tables.
  ['schemaFile', 10],
  // Where files go: a local folder or S3.
  ['output', 9],
  // The worker pool and each thread's DuckDB.
  ['workers', 8],
  // Tables' versions across runs: one rule for every table, over its definition and the metadata's records.
  ['versions', 6],
  // What is kept between runs: metadata, the pending record, manifests, the lock, the cache.
  ['state', 5],
  // The table model and its compiler.
  ['model', 4],
  // Records shared by several layers: types and their small pure helpers.
  ['records', 3],
  // File primitives.
  ['files', 2],
  // Errors.
  ['errors', 1],
]);

/**
 * Imports that still break the rule, each to be removed by the named piece of work; the lead empties this list once
 * it is merged. An edge here that no longer exists fails the test, so the list cannot outlive its reason.
 */
const ALLOWED: readonly string[] = [];

const label = (edge: ImportEdge): string => `${edge.from} -> ${edge.to}`;

describe('the import analyser, on a synthetic tree', () => {
  let root = '';
  const tree = (name: string): string => join(root, name);
  const ranks = new Map([
    ['top', 3],
    ['left', 2],
    ['right', 2],
    ['base', 1],
  ]);
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'synthgen-layers-'));
    const files: Record<string, string> = {
      // The clean tree: top -> left -> base, a static, a re-export, a dynamic and a type import, a package ignored.
      'clean/top/main.ts': `import { a } from '../left/a.js';\nexport { b } from '../base/b.js';\nconst later = await import('../base/b.js');\nexport type T = import('../base/b.js').B;\nimport { readFile } from 'node:fs';\nexport { a, later, readFile };\n`,
      'clean/left/a.ts': `// import { x } from '../top/main.js' is only a comment\nimport { b } from '../base/b.js';\nexport const a = b + "import('../top/main.js')";\n`,
      'clean/base/b.ts': `export const b = 1;\nexport interface B { readonly n: number }\n`,
      // Upward: base imports top. Sideways: left imports its peer right (dynamically).
      'dirty/top/main.ts': `export const m = 1;\n`,
      'dirty/base/up.ts': `import { m } from '../top/main.js';\nexport const up = m;\n`,
      'dirty/left/a.ts': `export const a = await import('../right/r.js');\n`,
      'dirty/right/r.ts': `export const r = 1;\n`,
      // A circle of three files inside one folder: allowed by rank, refused as a circle.
      'circle/left/x.ts': `import { y } from './y.js';\nexport const x = y;\n`,
      'circle/left/y.ts': `import type { Z } from './sub/z.js';\nexport const y: Z = 1;\n`,
      'circle/left/sub/z.ts': `import { x } from '../x.js';\nexport type Z = typeof x;\n`,
      'circle/left/free.ts': `import { x } from './x.js';\nexport const f = x;\n`,
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(tree(path)), { recursive: true });
      await writeFile(tree(path), text);
    }
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('every kind of import is found, and none in a comment or a string', () => {
    const text = `import a from './a.js';\nimport type { B } from './b.js';\nexport * from './c.js';\nexport { d } from './d.js';\nconst e = import('./e.js');\ntype F = import('./f.js').F;\n// import g from './g.js';\nconst h = "from './h.js'";\n`;
    expect(importSpecifiers('s.ts', text)).toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js', './f.js']);
  });

  test('the clean tree has its imports resolved, and nothing to report', () => {
    const edges = importEdges(tree('clean'));
    expect(edges.map(label).sort()).toEqual([
      'left/a.ts -> base/b.ts',
      'top/main.ts -> base/b.ts',
      'top/main.ts -> base/b.ts',
      'top/main.ts -> base/b.ts',
      'top/main.ts -> left/a.ts',
    ]);
    expect(layerViolations(edges, ranks)).toEqual([]);
    expect(cycles(edges)).toEqual([]);
    expect(cycles(folderEdges(edges))).toEqual([]);
  });

  test('an upward and a sideways import are each reported as file -> file, and make a folder cycle when both ways', () => {
    const edges = importEdges(tree('dirty'));
    expect(layerViolations(edges, ranks)).toEqual(['base/up.ts -> top/main.ts', 'left/a.ts -> right/r.ts']);
    const both = [...edges, { from: 'right/r.ts', to: 'left/b.ts' }];
    expect(cycles(folderEdges(both))).toEqual([['left', 'right']]);
  });

  test('a folder missing from the rank table is reported', () => {
    expect(layerViolations([{ from: 'top/a.ts', to: 'unknown/b.ts' }], ranks)).toEqual(['top/a.ts -> unknown/b.ts (no rank for unknown)']);
  });

  test('a file circle is found with its files, type imports and subfolders included, and a file leading into it is not part of it', () => {
    const edges = importEdges(tree('circle'));
    expect(layerViolations(edges, ranks)).toEqual([]);
    expect(cycles(edges)).toEqual([['left/sub/z.ts', 'left/x.ts', 'left/y.ts']]);
  });
});

describe('src/ keeps to its layers', () => {
  const edges = importEdges(SRC);
  const allowed = new Set(ALLOWED);
  const kept = edges.filter((edge) => !allowed.has(label(edge)));

  test('the source tree was read (so the rules below measured something)', () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(new Set(edges.map((e) => e.from.split('/')[0])).size).toBeGreaterThan(10);
  });

  test('every folder of src/ has a rank', () => {
    const folders = new Set(edges.flatMap((e) => [e.from, e.to]).map((f) => f.split('/')[0] ?? f));
    expect([...folders].filter((f) => !RANKS.has(f)).sort()).toEqual([]);
  });

  test('every allowed exception still exists (otherwise remove it from ALLOWED)', () => {
    const present = new Set(edges.map(label));
    expect(ALLOWED.filter((edge) => !present.has(edge))).toEqual([]);
  });

  test('no file imports from a folder of the same or a higher rank', () => {
    expect(layerViolations(kept, RANKS)).toEqual([]);
  });

  test('no folders import each other, directly or through others', () => {
    expect(cycles(folderEdges(kept))).toEqual([]);
  });

  test('no files import each other in a circle', () => {
    expect(cycles(edges).map((group) => group.join(' | '))).toEqual([]);
  });
});
