/**
 * A pool's values, built once per process and checked. The built-in pools' values are also kept in the cache handed
 * in (the disk cache, state/cache.ts), whose namespace hashes every file of the package, so a changed builder never reads stale values.
 * A user's pools are never cached on disk: their builders may read anything (other files, closures), which no key
 * can cover, so an edited module always gets fresh values.
 */
import { messageOf } from '../errors/thrownValue.js';
import { UserError } from '../errors/userError.js';
import type { PoolDefinition } from './tableDefinition.js';
import type { ValueCache } from './valueCache.js';

export type PoolValues = readonly (string | number)[];

const built = new Map<PoolDefinition, Promise<PoolValues>>();
/** Pools under another name (a children table's inside its parent's query) and the pool each stands for. */
const originals = new WeakMap<PoolDefinition, PoolDefinition>();

/** Records that `copy` holds `original`'s values under another name: it is built, and cached, as `original`. */
export function renamedFrom(copy: PoolDefinition, original: PoolDefinition): void {
  originals.set(copy, originals.get(original) ?? original);
}

/** The pool whose values `pool` holds: itself, unless it is one under another name. */
export function originalPool(pool: PoolDefinition): PoolDefinition {
  return originals.get(pool) ?? pool;
}

function checked(pool: PoolDefinition, values: unknown): PoolValues {
  if (!Array.isArray(values) || values.length === 0) throw new UserError(`pool ${pool.name}: build() must return a non-empty list of values`);
  const want = pool.type === 'number' ? 'number' : 'string';
  const index = values.findIndex((value) => typeof value !== want || (want === 'number' && !Number.isFinite(value)));
  if (index >= 0) {
    throw new UserError(`pool ${pool.name}: value ${index} is ${JSON.stringify(values[index]) ?? String(values[index])}, not ${pool.type === 'number' ? 'a finite number' : 'text'}: a ${pool.type} pool holds only ${pool.type === 'number' ? 'numbers' : 'strings'}`);
  }
  return values as PoolValues;
}

/** Whether `values` are what the pool holds (for a cached entry: one that is not is built again, not refused). */
function holdsValues(pool: PoolDefinition, values: unknown): boolean {
  try {
    checked(pool, values);
    return true;
  } catch {
    return false;
  }
}

async function build(pool: PoolDefinition): Promise<PoolValues> {
  try {
    return checked(pool, await pool.build());
  } catch (error: unknown) {
    if (error instanceof UserError) throw error;
    throw new UserError(`pool ${pool.name}: build() threw: ${messageOf(error)}`);
  }
}

/** The pool's values, kept in `cache` when one is given (only the built-in pools': see above). */
export function poolValues(pool: PoolDefinition, cache: ValueCache | undefined): Promise<PoolValues> {
  // A renamed pool is its original's values: built once, and read from the original's cache entry.
  const original = originals.get(pool);
  if (original) return poolValues(original, cache);
  let values = built.get(pool);
  if (!values) {
    values = cache ? cache.value(`pool-${pool.name}.json`, () => build(pool), (cached): cached is PoolValues => holdsValues(pool, cached)) : build(pool);
    built.set(pool, values);
  }
  return values;
}
