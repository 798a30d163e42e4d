/**
 * The engine speaks no CLI: its messages name settings and next steps through a Vocabulary (src/errors/vocabulary.ts),
 * read in the library's words (`metadataPath`, `runGeneration({ kind: 'resume' })`) unless the caller renders them in
 * its own (the CLI: `--metadata`, `synthgen --resume`, src/cli/render/cliVocabulary.ts).
 *
 * First a static scan: no file of src/ outside src/cli/ writes a flag (`--word`) or a command (`synthgen verify`,
 * `synthgen --resume`) in a string or template, found with the TypeScript parser so that comments (which may
 * explain a flag) do not count. Then the same problems in both words: the library's message, and the CLI's rendering.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LIBRARY_WORDS, type Vocabulary } from '../dist/src/errors/vocabulary.js';
import { UserError } from '../dist/src/errors/userError.js';
import { CLI_WORDS } from '../dist/src/cli/render/cliVocabulary.js';
import { loadMetadata } from '../dist/src/state/metadata.js';
import { loadTableModules } from '../dist/src/model/loadTableModules.js';
import { checkOptions } from '../dist/src/run/runRequest.js';
import { sourceFiles } from './helpers/layout.js';

const SRC = resolve(import.meta.dirname, '../src');

/** A flag: `--` and a lower-case word, not inside another word (`a--b`) and not SQL's `-- comment`. */
const FLAG = /(?<![\w-])--[a-z][a-z0-9-]*/g;
/** A command of the CLI: `synthgen --resume`, `synthgen verify` (not "synthgen generated", "synthgen reads"). */
const COMMAND = /\bsynthgen (?:--[a-z][a-z0-9-]*|(?:generate|schema|verify|report|init|runs|remove|resume)\b)/g;

/** What may name a flag or a command in the engine's text, each with why. */
const ALLOWED: readonly { readonly file: string; readonly text: string; readonly why: string }[] = [
  { file: 'report/page/pageAssets.ts', text: '--', why: "the report page's CSS: its custom properties (--ink, --grid) are CSS, not flags" },
  {
    file: 'tables/users.ts',
    text: '--since',
    why: "the data dictionary's description of created_at, user-facing documentation pinned byte for byte by the dictionary's tests and docs",
  },
  { file: 'report/page/reportPage.ts', text: 'synthgen report', why: "the page's name, in its title and heading: no command (its footer's command comes through the words)" },
  { file: 'schemaFile/format/jsonSchema.ts', text: 'synthgen schema', why: "the JSON Schema's title, 'synthgen schema file': a name, no command" },
];

/** Every string, template piece and regular expression of a source text, as written (comments are no tokens). */
function literals(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      found.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `file: text` for each flag or command the engine's files write outside comments, less the allowed ones. */
function cliTextInEngine(): string[] {
  const hits: string[] = [];
  for (const path of sourceFiles(SRC)) {
    const file = relative(SRC, path).split('\\').join('/');
    if (file.startsWith('cli/')) continue;
    for (const literal of literals(file, readFileSync(path, 'utf8'))) {
      for (const match of [...literal.matchAll(FLAG), ...literal.matchAll(COMMAND)]) {
        const allowed = ALLOWED.some((entry) => entry.file === file && match[0].startsWith(entry.text));
        if (!allowed) hits.push(`${file}: ${match[0]} (in "${literal.slice(0, 120)}")`);
      }
    }
  }
  return hits;
}

describe('the engine writes no CLI text', () => {
  test('the scan finds a flag and a command in a string, and none in a comment', () => {
    const text = "// see --out\n/* synthgen verify */\nconst a = 'pass --out';\nconst b = `or ${x} synthgen --resume`;\nconst c = `SELECT 1 -- a comment`;";
    const pieces = literals('probe.ts', text);
    expect(pieces.flatMap((p) => [...p.matchAll(FLAG), ...p.matchAll(COMMAND)].map((m) => m[0]))).toEqual(['--out', '--resume', 'synthgen --resume']);
  });

  test('no file outside src/cli/ writes a flag or a command of the CLI', () => {
    expect(sourceFiles(SRC).length).toBeGreaterThan(100);
    expect(cliTextInEngine()).toEqual([]);
  });

  test('every allowed entry is still needed', () => {
    for (const entry of ALLOWED) {
      const text = readFileSync(join(SRC, entry.file), 'utf8');
      expect(literals(entry.file, text).some((literal) => literal.includes(entry.text)), `${entry.file}: ${entry.text}`).toBe(true);
    }
  });
});

/** Each word of a vocabulary, functions called with sample arguments. */
function wordsOf(words: Vocabulary): Record<string, string> {
  return Object.fromEntries(
    Object.entries(words).map(([key, word]: [string, unknown]) => {
      if (typeof word === 'string') return [key, word];
      const call = word as (...args: unknown[]) => string;
      return [key, key === 'legacyFilesOf' ? call({ users: './old' }) : key === 'generate' ? call('users', 1000) : call('x.yaml')];
    }),
  );
}

describe('the two vocabularies', () => {
  test("the library's words name no flag and no command; the CLI's each name one", () => {
    const library = wordsOf(LIBRARY_WORDS);
    const cli = wordsOf(CLI_WORDS);
    expect(Object.keys(cli).sort()).toEqual(Object.keys(library).sort());
    for (const [key, word] of Object.entries(library)) {
      expect(word, key).not.toMatch(FLAG);
      expect(word, key).not.toMatch(COMMAND);
      expect(cli[key], key).not.toBe(word);
      expect(cli[key], key).toMatch(/--[a-z]|\bsynthgen [a-z-]/);
    }
  });
});

describe('one problem, in either words', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'synthgen-vocabulary-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function refusal(action: () => Promise<unknown>): Promise<UserError> {
    const error = await action().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }

  test('a metadata path that is a folder: metadataPath to a program, --metadata to the CLI', async () => {
    const error = await refusal(() => loadMetadata(dir));
    expect(error.message).toBe(`metadata path ${dir} is a directory, not a file: pass metadataPath with the path of a metadata file (or of one to create)`);
    expect(error.render(LIBRARY_WORDS)).toBe(error.message);
    expect(error.render(CLI_WORDS)).toBe(`metadata path ${dir} is a directory, not a file: pass --metadata with the path of a metadata file (or of one to create)`);
  });

  test("a module of tables that is not there: the error that wraps the loader's speaks the same words", async () => {
    const missing = join(dir, 'missing.mjs');
    const error = await refusal(() => loadTableModules([missing]));
    expect(error.message).toMatch(new RegExp(`^tables module ${missing}: no such file: `));
    expect(error.render(CLI_WORDS)).toMatch(new RegExp(`^--tables ${missing}: no such file: `));
  });

  test("a level for a codec that has none: the format's settings in the run options' names, or the flags", () => {
    const options = { format: { compression: 'snappy', level: 3 } } as const;
    let error: unknown;
    try {
      checkOptions(options);
    } catch (thrown: unknown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(UserError);
    const { message } = error as UserError;
    expect(message).toBe('format.level is for zstd only (DuckDB writes snappy at its one level): drop it, or pass format.compression zstd');
    expect((error as UserError).render(CLI_WORDS)).toBe('--compression-level is for zstd only (DuckDB writes snappy at its one level): drop it, or pass --compression zstd');
  });

  test('a plain message reads the same in either words', () => {
    const error = new UserError('nothing to name');
    expect([error.message, error.render(CLI_WORDS)]).toEqual(['nothing to name', 'nothing to name']);
  });
});
