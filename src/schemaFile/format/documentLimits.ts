/**
 * What a schema file may not be, whatever its shape, checked on the parsed document before any of it is turned into
 * values: too large to read, nested deeper than any schema needs (JSON 2,000 levels deep overflowed the stack), a
 * NUL character in a value (DuckDB's strings cannot hold one), or aliases that expand into more than the file says
 * (a YAML "billion laughs"). Each is one line at the place in the file.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { SourceSpot } from './schemaFormat.js';

/** A schema file is at most this large: 100,000 columns of 50 characters each fit in 5 MB. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** The deepest nesting a schema needs is about 8 (tables, table, columns, column, list, of, generator, options). */
export const MAX_DEPTH = 32;
/** yaml's own guard: an alias may stand for at most this many nodes' worth of the file (its default). */
export const MAX_ALIAS_COUNT = 100;

/** The first place the document breaks a limit, and what to say, or undefined. */
export function documentProblem(document: Document, spotOf: (offset: number) => SourceSpot): { at: SourceSpot; message: string } | undefined {
  // Walked with a stack of its own: a recursive walk is what a deep file overflows.
  const stack: { node: unknown; depth: number }[] = [{ node: document.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() ?? { node: undefined, depth: 0 };
    const at = () => spotOf((node as { range?: [number] }).range?.[0] ?? 0);
    if (isMap(node) || isSeq(node)) {
      if (depth > MAX_DEPTH) return { at: at(), message: `nested more than ${MAX_DEPTH} levels deep: a schema file needs far fewer; flatten it` };
      for (const item of node.items) {
        if (isPair(item)) {
          stack.push({ node: item.value, depth: depth + 1 });
          stack.push({ node: item.key, depth: depth + 1 });
        } else {
          stack.push({ node: item, depth: depth + 1 });
        }
      }
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('\0')) {
      return { at: at(), message: 'a NUL character (\\0) in a value: DuckDB cannot write one in a string; remove it' };
    } else if (isAlias(node) && depth > MAX_DEPTH) {
      return { at: at(), message: `nested more than ${MAX_DEPTH} levels deep: a schema file needs far fewer; flatten it` };
    }
  }
  return undefined;
}

/** The first alias of the document (`*name`): where an alias bomb is reported. */
export function firstAlias(document: Document, spotOf: (offset: number) => SourceSpot): SourceSpot {
  const stack: unknown[] = [document.contents];
  let found: number | undefined;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) found = Math.min(found ?? Infinity, node.range?.[0] ?? 0);
    if (isMap(node) || isSeq(node)) for (const item of node.items) stack.push(...(isPair(item) ? [item.key, item.value] : [item]));
  }
  return spotOf(found ?? 0);
}
