/**
 * TEST-ONLY: SYNTHGEN_TEST_HOLD_AFTER_PARTS=N makes a run, once N parts are written and recorded and none is under
 * way, say so on stderr (TEST_HOLD_LINE) and wait until it is stopped (SIGINT, SIGTERM, its parent gone: the stop is
 * then the one a signal makes at any point of a run) or continued (SIGCONT: a job stopped and resumed goes on to its
 * end). Tests signal a run at that known state with a small dataset instead of racing one large enough to take long.
 * Not a user's setting: the README does not name it.
 */
import { UserError } from '../errors/userError.js';
import type { TestHold } from '../run/runTypes.js';

export const TEST_HOLD_ENV = 'SYNTHGEN_TEST_HOLD_AFTER_PARTS';
export const TEST_HOLD_LINE = 'synthgen: test hold:';

/** The run option for the environment's hold, if it asks for one; `signal` is the run's. */
export function testHoldFromEnv(signal: AbortSignal, stderr: NodeJS.WritableStream = process.stderr): { testHold?: TestHold } {
  const text = process.env[TEST_HOLD_ENV];
  if (text === undefined || text === '') return {};
  const afterParts = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(afterParts)) throw new UserError(`${TEST_HOLD_ENV} must be a number of parts, got "${text}"`);
  const hold = () =>
    new Promise<void>((resolve) => {
      // Nothing else may be left to keep the process alive while it waits.
      const alive = setInterval(() => undefined, 60_000);
      const release = () => {
        clearInterval(alive);
        signal.removeEventListener('abort', release);
        process.off('SIGCONT', release);
        resolve();
      };
      signal.addEventListener('abort', release, { once: true });
      process.on('SIGCONT', release);
      stderr.write(`\n${TEST_HOLD_LINE} ${afterParts} parts written and recorded; waiting for a signal\n`);
      if (signal.aborted) release();
    });
  return { testHold: { afterParts, hold } };
}
