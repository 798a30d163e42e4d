/**
 * The rules of options.ts as typanion validators. clipanion applies an option's validator while it reads the command
 * line, so each option's field holds the parsed value, and a bad value stops the command before it starts. Rules
 * across flags are `static schema` entries built from typanion's key predicates, each with the message users read.
 */
import { createRequire } from 'node:module';
import type * as Typanion from 'typanion';
import { UserError } from '../errors/userError.js';
import { parseS3Target } from '../records/s3Target.js';
import {
  MOST_UPLOAD_CONCURRENCY,
  MOST_WORKERS,
  parseAsOf,
  parseBoundedInteger,
  parseCompression,
  parseCompressionLevel,
  parseEndpoint,
  parseFileSizeLimit,
  parseLocalPath,
  parseRowCounts,
  parseRowGroupSize,
  parseSeed,
  parseSince,
  parseTableNames,
} from './options.js';
import { parseLegacyFiles } from './legacyFilesOption.js';
import { CLI_WORDS } from './render/cliVocabulary.js';

/**
 * typanion, require()d. Imported from an ES module, Node first scans its 52 kB CommonJS bundle for the names it
 * exports: ~35 ms of every command line, against ~7 ms for require(), which also hands back the copy clipanion
 * loads.
 */
export const t = createRequire(import.meta.url)('typanion') as typeof Typanion;

/**
 * Records `message` as the validation error. clipanion keeps only the first line of it and prefixes it (main.ts
 * takes the prefix off again), so a value with a newline in it must not cut the message short.
 */
function refuse(state: Typanion.ValidationState | undefined, message: string): false {
  state?.errors?.push(`${state.p ?? '.'}: ${message.replace(/\s*\n\s*/g, ' ')}`);
  return false;
}

/** An option whose field holds what `parse` makes of its text; the UserError `parse` throws is its validation error. */
export function parsedBy<T>(parse: (text: string) => T): Typanion.StrictValidator<unknown, T> {
  return t.makeValidator<unknown, T>({
    test: (value, state): value is T => {
      if (typeof value !== 'string') return refuse(state, `expected text, got ${typeof value}`);
      // Without a coercion to record, the field would keep the text while its type says it holds the parsed value.
      if (state?.coercion === undefined || state.coercions === undefined) return refuse(state, 'this validator only runs with coercion (as clipanion runs it)');
      let parsed: T;
      try {
        parsed = parse(value);
      } catch (error: unknown) {
        if (error instanceof UserError) return refuse(state, error.render(CLI_WORDS));
        throw error;
      }
      state.coercions.push([state.p ?? '.', state.coercion.bind(null, parsed)]);
      return true;
    },
  });
}

export const isTableNames = parsedBy(parseTableNames);
export const isRowCounts = parsedBy(parseRowCounts);
export const isFileSizeLimit = parsedBy(parseFileSizeLimit);
export const isSeed = parsedBy(parseSeed);
export const isAsOf = parsedBy(parseAsOf);
export const isSince = parsedBy(parseSince);
export const isWorkers = parsedBy((text) => parseBoundedInteger(text, '--workers', MOST_WORKERS));
export const isUploadConcurrency = parsedBy((text) => parseBoundedInteger(text, '--upload-concurrency', MOST_UPLOAD_CONCURRENCY));
export const isS3Target = parsedBy(parseS3Target);
export const isEndpoint = parsedBy(parseEndpoint);
export const isCompression = parsedBy(parseCompression);
export const isCompressionLevel = parsedBy(parseCompressionLevel);
export const isRowGroupSize = parsedBy(parseRowGroupSize);
/** `--out` and `--metadata`: local paths, never URLs (a folder named `duckdb:` would be made of one). */
export const isOutFolder = parsedBy((text) => parseLocalPath(text, '--out', 'a local folder'));
export const isMetadataFile = parsedBy((text) => parseLocalPath(text, '--metadata', 'a local file'));
export const isLegacyFiles = parsedBy(parseLegacyFiles);

type Fields = { [key: string]: unknown };

/** A command's field by name, for the schema's rules: a misspelt name would make a rule hold whatever the flags. */
export type FieldOf<C> = keyof C & string;

/**
 * A rule across flags for `static schema`: it holds when every test does. typanion's own messages name the class
 * fields ("Property "s3Region" requires using property "s3Bucket""); users read `message`, which names the flags.
 */
export function rule(message: string, ...tests: readonly Typanion.LooseTest<Fields>[]): Typanion.LooseTest<Fields> {
  return (value, state) => tests.every((test) => test(value)) || refuse(state, message);
}

/** When the field `subject` holds a value, each of `others` must hold one too (an option not given is undefined). */
export function requires(subject: string, others: string[]): Typanion.LooseTest<Fields> {
  return t.hasKeyRelationship(subject, t.KeyRelationship.Requires, others, { missingIf: 'undefined' });
}
