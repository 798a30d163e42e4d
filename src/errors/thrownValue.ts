/**
 * What a user's code threw or rejected with, as text, whatever it is. JavaScript throws any value: an Error, a
 * string, a symbol, or an object whose `toString`, `name` or `message` throws in turn. Describing it must never
 * throw, or the report of the user's error becomes an internal error of ours.
 */

/** `Name: first line of the message` for an Error, the value as text otherwise; undefined when it cannot be shown. */
export function describeThrown(value: unknown): string | undefined {
  try {
    if (value instanceof Error) {
      const message = String(value.message).split('\n')[0] ?? '';
      return `${String(value.name)}: ${message}`;
    }
    // String() of a symbol is its description; `${}` of one throws.
    const text = String(value);
    return text.split('\n')[0];
  } catch {
    return undefined;
  }
}

/** The stack an Error carries, or '' (reading it may throw too, through a getter). */
export function stackOf(value: unknown): string {
  try {
    return value instanceof Error ? String(value.stack ?? '') : '';
  } catch {
    return '';
  }
}

/** An Error's message, or the thrown value as text; never throws (see describeThrown). */
export function messageOf(value: unknown): string {
  try {
    return value instanceof Error ? String(value.message) : String(value);
  } catch {
    return `a value that cannot be shown (${typeof value})`;
  }
}

/** The first line of messageOf(value): what a one-line message quotes of an error (DuckDB's run on for lines). */
export function firstLineOf(value: unknown): string {
  return messageOf(value).split('\n')[0] ?? '';
}
