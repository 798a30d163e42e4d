/**
 * In-process runs one after another, for a test file whose tests (or steps) run at once: runs on the shared test pool
 * (helpers/engine.ts) must not overlap, since each tells the pool where its threads spill and ends them when done. A
 * spawned CLI, a verify or a query may overlap them; only the engine runs take turns.
 */
let turn: Promise<unknown> = Promise.resolve();

/** Runs `work` once every run handed in before it has settled; its result, or what it threw. */
export function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const mine = turn.then(work);
  turn = mine.catch(() => undefined);
  return mine;
}
