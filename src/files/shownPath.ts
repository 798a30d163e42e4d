/**
 * A path as messages give it: relative to the working folder when it is inside it (what the user most likely typed),
 * so that naming a real path (a symlink resolved, an --out made absolute) does not make every message absolute.
 */
import { isAbsolute, relative } from 'node:path';

export function shownPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}
