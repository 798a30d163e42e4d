/** "did you mean": the nearest of the valid names to a wrong one, when it is near enough to be a slip. */
import { closest, distance } from 'fastest-levenshtein';

export function nearest(name: string, valid: readonly string[]): string | undefined {
  if (valid.length === 0) return undefined;
  const best = closest(name, valid);
  return distance(name, best) <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** ` (did you mean plan?)`, or nothing. */
export function didYouMean(name: string, valid: readonly string[]): string {
  const best = nearest(name, valid);
  return best === undefined ? '' : ` (did you mean ${best}?)`;
}
