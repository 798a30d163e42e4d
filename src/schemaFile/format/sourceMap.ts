/**
 * Where a value of a parsed schema file is written: the YAML document's nodes keep their offsets, and a path of keys
 * and indexes (as zod reports it) leads to the node, or to the key of an entry that should not be there.
 */
import type { Wording } from '../../errors/userError.js';
import { type Document, type LineCounter, isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { SourceSpot } from './schemaFormat.js';

export type ValuePath = readonly PropertyKey[];

/** Reports a problem at a place in the file. */
export type Fail = (path: ValuePath, message: Wording, key?: boolean) => never;

export class SourceMap {
  constructor(
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  /** The spot of an offset in the file. */
  spotOf(offset: number): SourceSpot {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /** The node at a path: the deepest one the path reaches when part of it is missing. */
  private nodeAt(path: ValuePath, keyOfLast: boolean): unknown {
    let node: unknown = this.document.contents;
    for (const [i, step] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
        if (!pair) return node;
        if (keyOfLast && i === path.length - 1) return pair.key;
        node = pair.value ?? pair.key;
      } else if (isSeq(node)) {
        const item = node.items[Number(step)];
        if (item === undefined) return node;
        node = item;
      } else {
        return node;
      }
    }
    return node;
  }

  /** Where the value at `path` is written (its key when `key`, for an entry that is itself the problem). */
  at(path: ValuePath, key = false): SourceSpot {
    const node = this.nodeAt(path, key);
    const offset = isNode(node) && node.range ? node.range[0] : 0;
    return this.spotOf(offset);
  }
}
