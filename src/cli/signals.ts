/**
 * Ctrl-C and termination requests while a run goes. The first SIGINT or SIGTERM aborts the run with the signal's
 * name as the reason: the engine stops at its next step, whichever phase it is in (sizing, generating, uploading),
 * interrupts the DuckDB queries under way (their partial files are removed), then keeps the finished files and the
 * run's record, to be finished or discarded later, and fails with the signal's exit code.
 *
 * A second signal ends the process at once, whatever DuckDB is doing: it removes the partial files under way and the
 * run's scratch folder, runs the process's exit hooks (the run's lock is released), and ends by the signal itself,
 * its default action restored, so the exit status is the signal's (130 or 143, as a shell reports it). Not
 * process.exit(): that waits for every worker thread to stop, and a thread cannot stop while a DuckDB query of its
 * runs on libuv's pool (DuckDB checks for an interrupt only between vectors, which slow SQL can make minutes apart),
 * and when the query does return to the stopped thread, the native addon aborts the process (exit 134). The record
 * already holds what a resume needs.
 *
 * The handlers are installed only once the engine says an abort stops the run cleanly (its 'interruptible' event).
 * Until then a signal ends the process as it always does: nothing is recorded yet, and a run waiting for the lock
 * or a slow store must not stay behind (relaunch.ts's endWithParent relies on it).
 */
import { rmSync } from 'node:fs';
import { type InterruptEvent, STOP_EXIT_CODES, type StopSignal } from '../run/runTypes.js';
import { printableLine } from './render/printable.js';

export class RunSignals {
  readonly #controller = new AbortController();
  /** The parts under way: path -> its partial file. */
  readonly #inFlight = new Map<string, string>();
  /** The run's scratch folder, once the run is interruptible. */
  #scratch: string | undefined;
  readonly #howToFinish: string;
  readonly #stderr: NodeJS.WritableStream;
  #listening = false;

  readonly #onSignal = (received: NodeJS.Signals): void => {
    const signal: StopSignal = received === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
    if (this.#controller.signal.aborted) {
      this.#endNow(signal);
      return;
    }
    this.#controller.abort(signal);
    this.#stderr.write(`\nsynthgen: ${signal}: stopping the run\n`);
  };

  /** `howToFinish`: the sentence a run stopped at once ends with. */
  constructor(howToFinish: string, stderr: NodeJS.WritableStream = process.stderr) {
    this.#howToFinish = printableLine(howToFinish);
    this.#stderr = stderr;
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** For the run's `onInterruptEvent`. */
  readonly onEvent = (event: InterruptEvent): void => {
    if (event.type === 'interruptible') {
      this.#scratch = event.scratch;
      this.#listen();
    } else if (event.type === 'part-started') this.#inFlight.set(event.path, event.partialPath);
    else this.#inFlight.delete(event.path);
  };

  /** Once the run has settled: signals are the process's again. */
  dispose(): void {
    if (!this.#listening) return;
    this.#listening = false;
    process.off('SIGINT', this.#onSignal);
    process.off('SIGTERM', this.#onSignal);
  }

  /** The second signal: see the top of this file. */
  #endNow(signal: StopSignal): void {
    for (const partial of this.#inFlight.values()) rmSync(partial, { force: true });
    if (this.#scratch) rmSync(this.#scratch, { recursive: true, force: true });
    this.#stderr.write(`\nsynthgen: stopped by ${signal}; metadata unchanged. ${this.#howToFinish}\n`);
    process.exitCode = STOP_EXIT_CODES[signal];
    // Exit hooks must be synchronous, and are the process's to run once: it ends here.
    process.emit('exit', STOP_EXIT_CODES[signal]);
    if (process.platform === 'win32') process.exit(STOP_EXIT_CODES[signal]);
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.kill(process.pid, signal);
    // Not reached once the signal is delivered, which it is before kill() returns to this thread.
    process.exit(STOP_EXIT_CODES[signal]);
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    process.on('SIGINT', this.#onSignal);
    process.on('SIGTERM', this.#onSignal);
  }
}
