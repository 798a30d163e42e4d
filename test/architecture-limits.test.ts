/**
 * The layout rules over src/: no source file over 400 lines, no function (declaration, method, constructor,
 * accessor, arrow function or function expression) over 80 lines. A failure lists every offender with its size.
 *
 * The measuring helpers (helpers/layout.ts) are checked first on synthetic input, so the rules cannot pass because
 * nothing was measured.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LIMITS, fileViolations, functionSpans, functionViolations, lineCount, sourceFiles } from './helpers/layout.js';

const SRC = resolve(import.meta.dirname, '../src');

/** The inside of a function of exactly `lines` lines: `lines - 2` statements, between its first line and its last. */
function body(lines: number): string {
  return Array.from({ length: lines - 2 }, (_, i) => `  const v${i} = ${i};`).join('\n');
}

describe('the measuring helpers, on synthetic input', () => {
  test('an 81-line function is flagged in every form, an 80-line one is not', () => {
    const forms = (lines: number) => [
      `function declared() {\n${body(lines)}\n}`,
      `export const arrow = () => {\n${body(lines)}\n};`,
      `const expressed = function () {\n${body(lines)}\n};`,
      `class Holder {\n  method() {\n${body(lines)}\n  }\n  constructor() {\n${body(lines)}\n  }\n  get value() {\n${body(lines)}\n  }\n}`,
      `const table = { entry: (x: number) => {\n${body(lines)}\n} };`,
      `export default function () {\n${body(lines)}\n}`,
    ];
    const over = functionSpans('synthetic.ts', forms(LIMITS.functionLines + 1).join('\n\n'));
    expect(over.map((s) => [s.name, s.lines])).toEqual([
      ['declared', 81],
      ['arrow', 81],
      ['expressed', 81],
      ['Holder.method', 81],
      ['Holder.constructor', 81],
      ['get Holder.value', 81],
      ['entry', 81],
      ['default', 81],
    ]);
    const atLimit = functionSpans('synthetic.ts', forms(LIMITS.functionLines).join('\n\n'));
    expect(atLimit).toHaveLength(8);
    expect(atLimit.every((s) => s.lines === LIMITS.functionLines)).toBe(true);
  });

  test('a function nested in another is measured on its own, from its first token (not its doc comment)', () => {
    const text = `/**\n * doc\n */\nfunction outer() {\n  const inner = () => {\n${body(LIMITS.functionLines + 1)}\n  };\n  return inner;\n}\n`;
    expect(functionSpans('nested.ts', text)).toEqual([
      { name: 'outer', line: 4, lines: LIMITS.functionLines + 4 },
      { name: 'inner', line: 5, lines: LIMITS.functionLines + 1 },
    ]);
  });

  test('lines are counted as an editor shows them', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a')).toBe(1);
    expect(lineCount('a\n')).toBe(1);
    expect(lineCount('a\r\nb\n\n')).toBe(3);
  });

  describe('on a temporary tree', () => {
    let root = '';
    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'synthgen-layout-'));
      await writeFile(join(root, 'long.ts'), `${'export const x = 1;\n'.repeat(LIMITS.fileLines + 1)}`);
      await writeFile(join(root, 'atLimit.ts'), `${'export const x = 1;\n'.repeat(LIMITS.fileLines)}`);
      await writeFile(join(root, 'big.ts'), `export function big() {\n${body(LIMITS.functionLines + 1)}\n}\n`);
    });
    afterAll(async () => {
      await rm(root, { recursive: true, force: true });
    });

    test('a 401-line file is flagged with its size, a 400-line one is not', () => {
      const name = root.split(/[\\/]/).pop() ?? '';
      expect(fileViolations(root)).toEqual([`file ${name}/long.ts: 401 lines (limit 400)`]);
    });

    test('an 81-line function in a file is flagged with its name, place and size', () => {
      const name = root.split(/[\\/]/).pop() ?? '';
      expect(functionViolations(root)).toEqual([`function big at ${name}/big.ts:1: 81 lines (limit 80)`]);
    });
  });
});

describe('src/ keeps to the layout limits', () => {
  test('the source tree was read (so the rules below measured something)', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.endsWith(join('src', 'index.ts')))).toBe(true);
  });

  test(`no source file over ${LIMITS.fileLines} lines`, () => {
    expect(fileViolations(SRC)).toEqual([]);
  });

  test(`no function over ${LIMITS.functionLines} lines`, () => {
    expect(functionViolations(SRC)).toEqual([]);
  });
});
