/**
 * Name lotteries: `slots` entries in which each name fills slots in proportion to its share, so that one
 * hash-indexed lookup draws a name with the real frequencies. The head is a published list of the most common names
 * with their shares; the tail (the remaining share) is faker's names of the locale's origin languages, each name at
 * least one slot and the first ones more (a Zipf-like decay), so that a big country has thousands of names.
 */
import { apportion } from '../../model/columns/weighted.js';
import { emailToken } from './emailToken.js';
import type { Shares } from './surnames.js';

/** One source of tail names: the names (already in the order they should rank), and its weight in the tail. */
export interface TailSource {
  readonly names: readonly string[];
  readonly weight: number;
}

/** Longest email token a name may have: the email format keeps the split of `firstlast` below 32 (emailAddress.ts). */
export const MAX_TOKEN = 31;

function usable(name: string): boolean {
  const token = emailToken(name);
  return token.length >= 2 && token.length <= MAX_TOKEN;
}

/**
 * A tail source's slots: one for each name while they last, the rest spread with weights 1/(i + n/3), no name above
 * `cap`: what a capped name cannot take goes to the next names below the cap, in order.
 */
function tailSlots(names: readonly string[], slots: number, cap: number): string[] {
  if (slots <= 0 || names.length === 0) return [];
  if (names.length >= slots) return names.slice(0, slots);
  const offset = names.length / 3;
  const target = Math.min(slots, names.length * cap);
  const counts = apportion(names.map((_, i) => 1 / (i + offset)), target - names.length).map((extra) => Math.min(cap, 1 + extra));
  let left = target - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % counts.length) {
    if ((counts[i] ?? cap) < cap) {
      counts[i] = (counts[i] ?? 0) + 1;
      left -= 1;
    }
  }
  return names.flatMap((name, i) => Array.from({ length: counts[i] ?? 1 }, () => name));
}

export function nameLottery(head: Shares, tails: readonly TailSource[], slots: number): string[] {
  const headSlots = head.map(([, percent]) => Math.max(1, Math.round((percent / 100) * slots)));
  const result = head.flatMap(([name], i) => Array.from({ length: headSlots[i] ?? 1 }, () => name));
  const seen = new Set(head.map(([name]) => name));
  // No tail name may outrank the head: a source too small for its weight passes its slots on to the next ones.
  const cap = Math.max(1, Math.min(...headSlots));
  let weightLeft = tails.reduce((sum, t) => sum + t.weight, 0);
  for (const source of tails) {
    const share = Math.round(((slots - result.length) * source.weight) / weightLeft);
    weightLeft -= source.weight;
    const fresh = source.names.filter((name) => usable(name) && !seen.has(name));
    const filled = tailSlots(fresh, weightLeft > 0 ? share : slots - result.length, cap);
    for (const name of filled) seen.add(name);
    result.push(...filled);
  }
  // Sources too small for all the slots leave some over: the tail's names take them in turn.
  const fallback = result.slice(head.length > 0 ? (headSlots.reduce((a, b) => a + b, 0)) : 0);
  for (let i = 0; result.length < slots && fallback.length > 0; i += 1) result.push(fallback[i % fallback.length] ?? '');
  return result.slice(0, slots);
}

/**
 * Each entry's rank among the entries of its group whose email token is the same (0 for the first). The email of a
 * row names its entry by (token, rank): emailAddress.ts relies on ranks staying below `limit`.
 */
export function tokenRanks(entries: readonly string[], groupOf: (index: number) => number, limit: number): number[] {
  const counts = new Map<string, number>();
  return entries.map((name, index) => {
    const key = `${groupOf(index)}:${emailToken(name)}`;
    const rank = counts.get(key) ?? 0;
    if (rank >= limit) throw new Error(`name lottery: ${key} fills more than ${limit} slots of one locale`);
    counts.set(key, rank + 1);
    return rank;
  });
}
