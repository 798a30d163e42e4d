/**
 * An in-process run stopped where `synthgen` under SYNTHGEN_TEST_HOLD_AFTER_PARTS=n is stopped by Ctrl-C
 * (test/helpers/heldRun.ts): once `parts` parts are written and recorded and none is under way, its signal is
 * aborted with SIGINT. The run's option is the one the CLI sets from that variable (src/cli/testHold.ts).
 */
import { type EngineRun, engineRun } from './engine.js';

/** What the run threw once stopped; the test fails if it finished instead. */
export async function engineInterruptedAfter(dir: string, options: EngineRun, parts: number): Promise<unknown> {
  const controller = new AbortController();
  const hold = (): Promise<void> => {
    controller.abort('SIGINT');
    return Promise.resolve();
  };
  return engineRun(dir, { ...options, signal: controller.signal, testHold: { afterParts: parts, hold } }).then(
    () => {
      throw new Error(`the run finished before ${parts} parts were written`);
    },
    (error: unknown) => error,
  );
}
