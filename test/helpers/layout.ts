/**
 * Measures the source layout the project holds itself to (test/architecture-limits.test.ts): lines per file and lines
 * per function. The functions are found with the TypeScript compiler's own parser, so
 * what counts as a function is what the language says, not a regular expression's guess.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';

export const LIMITS = { fileLines: 400, functionLines: 80 } as const;

/** A source file: a `.ts` file that is not a declaration file. */
export function isSourceFile(name: string): boolean {
  return name.endsWith('.ts') && !name.endsWith('.d.ts');
}

/** Every source file under `root`, as absolute paths, sorted. */
export function sourceFiles(root: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.isFile() && isSourceFile(entry.name)) files.push(path);
  }
  return files.sort();
}

/** Lines in a text, not counting the empty "line" after a final newline. */
export function lineCount(text: string): number {
  if (text === '') return 0;
  const lines = text.split(/\r?\n/).length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

export interface FunctionSpan {
  /** What a reader would search for: `name`, `Class.method`, `<arrow>`, ... */
  readonly name: string;
  /** 1-based line of the function's first token (its doc comment not included). */
  readonly line: number;
  /** Lines from the first token to the last, both included. */
  readonly lines: number;
}

function propertyName(name: ts.PropertyName | ts.BindingName | undefined, source: ts.SourceFile): string | undefined {
  if (name === undefined) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return name.getText(source);
}

function className(node: ts.Node, source: ts.SourceFile): string {
  const parent = node.parent;
  if ((ts.isClassDeclaration(parent) || ts.isClassExpression(parent)) && parent.name) return `${parent.name.text}.`;
  if (ts.isObjectLiteralExpression(parent) || ts.isClassLike(parent)) {
    const holder = parent.parent;
    if (holder && ts.isVariableDeclaration(holder)) return `${propertyName(holder.name, source) ?? ''}.`;
  }
  return '';
}

/** The name a function goes by: its own, or the variable, property or class member it is assigned to. */
function functionName(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return `${className(node, source)}constructor`;
  if (ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
    const kind = ts.isGetAccessorDeclaration(node) ? 'get ' : ts.isSetAccessorDeclaration(node) ? 'set ' : '';
    return `${kind}${className(node, source)}${propertyName(node.name, source) ?? '<method>'}`;
  }
  const own = node.name && propertyName(node.name, source);
  if (own) return own;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    const assigned = propertyName(parent.name, source);
    if (assigned) return ts.isPropertyDeclaration(parent) ? `${className(parent, source)}${assigned}` : assigned;
  }
  const isDefault = ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  if (ts.isExportAssignment(parent) || isDefault) return 'default';
  return ts.isArrowFunction(node) ? '<arrow>' : '<function>';
}

function isMeasured(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** Every function with a body in a source text (nested ones too, each measured on its own). */
export function functionSpans(fileName: string, text: string): FunctionSpan[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const spans: FunctionSpan[] = [];
  const visit = (node: ts.Node): void => {
    if (isMeasured(node) && node.body !== undefined) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      spans.push({ name: functionName(node, source), line: first + 1, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return spans;
}

/** A path as the reports name it: from the folder holding `root`, with `/` (so `src/run/plan.ts`). */
function relativeName(root: string, path: string): string {
  return relative(dirname(root), path).split(sep).join('/');
}

/** Each source file under `root` over the line limit, as `file <name>: <lines> lines (limit ...)`. */
export function fileViolations(root: string, limit: number = LIMITS.fileLines): string[] {
  return sourceFiles(root).flatMap((path) => {
    const lines = lineCount(readFileSync(path, 'utf8'));
    return lines > limit ? [`file ${relativeName(root, path)}: ${lines} lines (limit ${limit})`] : [];
  });
}

/** Each function under `root` over the line limit, as `function <name> at <file>:<line>: <lines> lines (limit ...)`. */
export function functionViolations(root: string, limit: number = LIMITS.functionLines): string[] {
  return sourceFiles(root).flatMap((path) => {
    const name = relativeName(root, path);
    return functionSpans(name, readFileSync(path, 'utf8'))
      .filter((span) => span.lines > limit)
      .map((span) => `function ${span.name} at ${name}:${span.line}: ${span.lines} lines (limit ${limit})`);
  });
}
