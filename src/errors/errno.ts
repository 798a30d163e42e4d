/**
 * The one place errors from the system are read: errno codes and a message without Node's "ECODE: " prefix, so
 * every one-line message is built the same way.
 */

/** The errno code of a Node system error (`ENOENT`, `ENOSPC`, ...), or undefined for anything else. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

export function isErrno(error: unknown, ...codes: readonly string[]): boolean {
  const code = errnoCode(error);
  return code !== undefined && codes.includes(code);
}

/** An error's message on one line, without Node's `ECODE: ` prefix. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^[A-Z][A-Z0-9_]+: /, '').replace(/\s*\n\s*/g, ' ');
}
