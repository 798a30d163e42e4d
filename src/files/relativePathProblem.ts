/**
 * Keys and paths that come from outside (a bucket's listing, a manifest on disk) are joined to local folders and
 * prefixes. Only plain `a/b/c` paths name what they seem to: a `..` or `.` segment, an empty segment (`a//b`, or a
 * leading `/` that makes the path absolute), a backslash (a separator on Windows) or a control character could name
 * something else, or somewhere outside.
 */

/** What makes `path` other than plain segments joined by '/', or undefined when nothing does. */
export function relativePathProblem(path: string): string | undefined {
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'a control character';
  if (path.includes('\\')) return 'a backslash';
  for (const segment of path.split('/')) {
    if (segment === '') return 'an empty segment';
    if (segment === '..') return 'a ".." segment';
    if (segment === '.') return 'a "." segment';
  }
  return undefined;
}
