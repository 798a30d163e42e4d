/**
 * Ctrl-C and termination requests while a run goes. The first SIGINT or SIGTERM aborts the run with the signal's
 * name as the reason: the engine stops dispatching and interrupts the parts under way (their partial files are
 * removed), then keeps the finished files and the run's record, to be finished or discarded later, and fails with
 * the signal's exit code. A second signal exits at once, removing the partial files itself: the record already
 * holds what a resume needs.
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
  readonly #howToFinish: string;
  readonly #stderr: NodeJS.WritableStream;
  #listening = false;

  readonly #onSignal = (received: NodeJS.Signals): void => {
    const signal: StopSignal = received === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
    if (this.#controller.signal.aborted) {
      for (const partial of this.#inFlight.values()) rmSync(partial, { force: true });
      this.#stderr.write(`\nsynthgen: stopped by ${signal}; metadata unchanged. ${this.#howToFinish}\n`);
      process.exit(STOP_EXIT_CODES[signal]);
    }
    this.#controller.abort(signal);
    this.#stderr.write(`\nsynthgen: ${signal}: stopping the parts under way\n`);
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
    if (event.type === 'interruptible') this.#listen();
    else if (event.type === 'part-started') this.#inFlight.set(event.path, event.partialPath);
    else this.#inFlight.delete(event.path);
  };

  /** Once the run has settled: signals are the process's again. */
  dispose(): void {
    if (!this.#listening) return;
    this.#listening = false;
    process.off('SIGINT', this.#onSignal);
    process.off('SIGTERM', this.#onSignal);
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    process.on('SIGINT', this.#onSignal);
    process.on('SIGTERM', this.#onSignal);
  }
}
