/** "did you mean": the nearest of the valid names to a wrong one, when it is near enough to be a slip. */
import { distance } from 'fastest-levenshtein';

/** Levenshtein counts two swapped letters as two edits, which would tie `maen` with `min`; a slip of order is one. */
function slipDistance(name: string, candidate: string): number {
  const sorted = (text: string) => [...text].sort().join('');
  return distance(name, candidate) - (name.length === candidate.length && sorted(name) === sorted(candidate) ? 1 : 0);
}

export function nearest(name: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of valid) {
    const d = slipDistance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** ` (did you mean plan?)`, or nothing. */
export function didYouMean(name: string, valid: readonly string[]): string {
  const best = nearest(name, valid);
  return best === undefined ? '' : ` (did you mean ${best}?)`;
}
