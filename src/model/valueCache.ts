/**
 * Where values computed once are kept between runs: the built-in pools' values (poolValues.ts) and the samples that
 * size parts. The model only asks; the door decides where they are kept (state/cache.ts keeps them on disk), so the
 * compiler reads no file of its own accord.
 */
export interface ValueCache {
  /** The value kept under `name` if `accept` takes it, else computed by `compute` and kept. */
  value<T>(name: string, compute: () => Promise<T>, accept: (value: unknown) => value is T): Promise<T>;
}

/** No cache: every value is computed. */
export const NO_CACHE: ValueCache = { value: (_name, compute) => compute() };
