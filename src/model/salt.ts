/**
 * The salts of random streams (random.ts): one 64-bit number per (seed, table, key), from which every draw of the
 * stream is hashed; and orders fixed by a salt, for what is built once in JavaScript (popularity classes).
 */
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash;
}

/** splitmix64's finalizer: spreads FNV's weak high bits. */
function mix64(value: bigint): bigint {
  let z = value & MASK;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return z ^ (z >> 31n);
}

/** The 64-bit salt of one random stream: one per (seed, table, key). */
export function streamSalt(seed: number, table: string, key: string): bigint {
  return mix64(fnv1a64(`${seed}\u0000${table}\u0000${key}`));
}

/** 0..n-1 in an order fixed by `salt` (Fisher-Yates over splitmix64): for tables built once, in JavaScript. */
export function shuffled(n: number, salt: bigint): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let state = salt;
  for (let i = n - 1; i > 0; i -= 1) {
    state = (state + 0x9e3779b97f4a7c15n) & MASK;
    const j = Number(mix64(state) % BigInt(i + 1));
    [order[i], order[j]] = [order[j] ?? j, order[i] ?? i];
  }
  return order;
}
