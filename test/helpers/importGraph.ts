/**
 * Reads the import graph of a source tree (test/architecture-layers.test.ts): every static `import` and
 * `export ... from`, and every dynamic `import()` of a string literal, found with the TypeScript compiler's own parser
 * (so a specifier in a comment or a string is not mistaken for an import), resolved to the file it names.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { sourceFiles } from './layout.js';

/** One import between two files of the tree, both named from the tree's root with `/` (so `run/plan.ts`). */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

/** The specifiers a source text imports, re-exports from, or imports dynamically with a literal. */
export function importSpecifiers(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) found.push(first.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The source file a relative specifier names (`./x.js` is `./x.ts`, a folder is its `index.ts`), or undefined. */
function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

/** Every import between two source files under `root` (packages and files outside the tree are left out). */
export function importEdges(root: string): ImportEdge[] {
  const name = (path: string): string => relative(root, path).split(sep).join('/');
  return sourceFiles(root).flatMap((path) =>
    importSpecifiers(path, readFileSync(path, 'utf8')).flatMap((specifier) => {
      const target = resolveSpecifier(path, specifier);
      if (target === undefined || !target.startsWith(root + sep)) return [];
      return [{ from: name(path), to: name(target) }];
    }),
  );
}

/** The folder a file belongs to: the first segment of its path, or the file itself at the root (`index.ts`). */
export function folderOf(file: string): string {
  return file.split('/')[0] ?? file;
}

/**
 * Each import that points up or sideways: to another folder whose rank is the same or higher than its own.
 * A folder missing from `ranks` is reported too, so a new folder cannot slip past the table.
 */
export function layerViolations(edges: readonly ImportEdge[], ranks: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (const { from, to } of edges) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (a === b) continue;
    const ra = ranks.get(a);
    const rb = ranks.get(b);
    if (ra === undefined || rb === undefined) out.push(`${from} -> ${to} (no rank for ${ra === undefined ? a : b})`);
    else if (rb >= ra) out.push(`${from} -> ${to}`);
  }
  return [...new Set(out)].sort();
}

/** The strongly connected groups of more than one node (or a node importing itself), each sorted, as cycles. */
export function cycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, new Set());
    if (!next.has(to)) next.set(to, new Set());
    next.get(from)?.add(to);
  }
  // Tarjan's algorithm, iterative so a deep tree cannot overflow the stack.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  for (const start of [...next.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { node: string; rest: string[] }[] = [];
    const enter = (node: string): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, rest: [...(next.get(node) ?? [])].sort() });
    };
    enter(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (top === undefined) break;
      const child = top.rest.shift();
      if (child !== undefined) {
        if (!index.has(child)) enter(child);
        else if (onStack.has(child)) low.set(top.node, Math.min(low.get(top.node) ?? 0, index.get(child) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(top.node) ?? 0));
      if (low.get(top.node) !== index.get(top.node)) continue;
      const group: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member);
        group.push(member);
        if (member === top.node) break;
      }
      const selfLoop = next.get(top.node)?.has(top.node) ?? false;
      if (group.length > 1 || selfLoop) found.push(group.sort());
    }
  }
  return found.sort((x, y) => (x[0] ?? '').localeCompare(y[0] ?? ''));
}

/** The folder-level graph of a file graph: one edge per pair of distinct folders with at least one import. */
export function folderEdges(edges: readonly ImportEdge[]): ImportEdge[] {
  const seen = new Map<string, ImportEdge>();
  for (const { from, to } of edges) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (a !== b) seen.set(`${a} ${b}`, { from: a, to: b });
  }
  return [...seen.values()];
}
