/**
 * Text the CLI prints that may quote what it was given (a path, a value, a module's error message), made safe for a
 * terminal: control characters and the Unicode bidirectional controls are shown as `\uXXXX`. Printed raw, an escape
 * sequence restyles or moves the cursor, and a right-to-left override reorders the rest of the line, so a file
 * named `x\u202Egnp.exe` reads as `xexe.png`.
 */

/**
 * C0 controls but the newline, DEL and C1 controls; the bidi marks, embeddings, overrides and isolates; the line and
 * paragraph separators, which some terminals break lines at.
 */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

function escaped(character: string): string {
  return `\\u${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` with every unsafe character escaped; newlines are kept (callers that want one line join them first). */
export function printable(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/** A message as one printable line: line breaks and the spaces around them become one space. */
export function printableLine(text: string): string {
  return printable(text.replace(/\s*\n\s*/g, ' '));
}
