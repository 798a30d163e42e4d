/**
 * Errors split by fault. A UserError is something the user can fix: the CLI prints its one-line message and exits
 * non-zero, with no stack. Anything else is a bug and is reported with its stack.
 *
 * A message that names a setting or a next step is written as a function of a Vocabulary: `message` reads it in the
 * library's words (`metadataPath`), and `render(words)` in the caller's (the CLI's `--metadata`). An error that quotes
 * another UserError quotes `inner.render(words)` inside its own function, so that both read in the same words.
 */
import { LIBRARY_WORDS, type Vocabulary } from './vocabulary.js';

/** A message as plain text, or as text in whichever words the reader uses. */
export type Wording = string | ((words: Vocabulary) => string);

export class UserError extends Error {
  override readonly name = 'UserError';
  readonly exitCode: number;
  private readonly wording: (words: Vocabulary) => string;

  constructor(message: Wording, exitCode = 2) {
    super(typeof message === 'string' ? message : message(LIBRARY_WORDS));
    this.exitCode = exitCode;
    this.wording = (words) => inWords(message, words);
  }

  /** The message in `words`: `message` is `render(LIBRARY_WORDS)`. */
  render(words: Vocabulary): string {
    return this.wording(words);
  }
}

/** A wording's text in `words`. */
export function inWords(wording: Wording, words: Vocabulary): string {
  return typeof wording === 'string' ? wording : wording(words);
}
