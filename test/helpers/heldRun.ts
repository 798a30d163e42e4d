/**
 * The test-only hold (src/cli/testHold.ts): a run started with `held(n)` in its environment writes `n` parts, says so
 * on stderr, and waits there until a signal stops it (or SIGCONT continues it), so that a test signals it at a known
 * state instead of racing a run large enough to take long.
 */
import { until } from './processes.js';

/** The environment (this process's, plus the hold) of a run that holds after `parts` parts. */
export function held(parts: number): NodeJS.ProcessEnv {
  return { ...process.env, SYNTHGEN_TEST_HOLD_AFTER_PARTS: String(parts) };
}

/** Waits until `output()` (the run's stderr, or a terminal's text) says the run holds. */
export async function untilHeld(output: () => string, seconds = 120): Promise<void> {
  await until('the run to hold (SYNTHGEN_TEST_HOLD_AFTER_PARTS)', async () => output().includes('synthgen: test hold:'), seconds);
}
