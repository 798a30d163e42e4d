/**
 * The run's side of its AbortSignal, from its request to its commit. An abort interrupts whatever DuckDB query the
 * run's worker threads are running (calibration samples and parts alike, through the stop flag, stopFlag.ts),
 * stops dispatching, and stops placing files (with S3, no new upload starts); each step then ends at its next check
 * (`check()`), so every phase stops: compiling, building pools, sizing, generating, uploading. What the run recorded
 * is kept, to be finished or discarded later.
 */
import { StopFlag } from '../workers/stopFlag.js';
import { type InterruptEvent, STOP_EXIT_CODES, isStopSignal } from './runTypes.js';

/** Thrown by `check()` once the run is stopped: the run's next step is not taken. */
export class RunStopped extends Error {}

export class Interrupt {
  /** Raised on a stop; the run's tasks carry it. */
  readonly flag = new StopFlag();
  readonly #signal: AbortSignal | undefined;
  readonly #listeners: (() => void)[] = [];
  readonly #aborted = new AbortController();
  #stop: { readonly what: string; readonly exitCode: number } | undefined;
  readonly #onAbort = () => {
    const reason: unknown = this.#signal?.reason;
    // Any other abort is a stop asked for, as Ctrl-C is.
    this.#stop = isStopSignal(reason) ? { what: `interrupted by ${reason}`, exitCode: STOP_EXIT_CODES[reason] } : { what: 'interrupted', exitCode: STOP_EXIT_CODES.SIGINT };
    this.flag.raise();
    for (const listener of this.#listeners.splice(0)) listener();
    this.#aborted.abort(this.#stop.what);
  };

  /** `scratch`: the run's scratch folder, which a caller ending the process at once removes itself. */
  constructor(signal: AbortSignal | undefined, scratch: string, onInterruptEvent: ((event: InterruptEvent) => void) | undefined) {
    this.#signal = signal;
    if (signal?.aborted) this.#onAbort();
    else signal?.addEventListener('abort', this.#onAbort, { once: true });
    onInterruptEvent?.({ type: 'interruptible', scratch });
  }

  get stopped(): boolean {
    return this.#stop !== undefined;
  }

  /** What stopped the run, as its message says it, and the exit code; undefined while it goes on. */
  get stop(): { readonly what: string; readonly exitCode: number } | undefined {
    return this.#stop;
  }

  /** Throws RunStopped once the run is stopped. */
  check(): void {
    if (this.#stop) throw new RunStopped(this.#stop.what);
  }

  /** Aborted when the run stops, for what waits on something outside (a store's answer): it need not wait on. */
  get abortSignal(): AbortSignal {
    return this.#aborted.signal;
  }

  /** Calls `listener` when the run stops (at once if it has). */
  onStop(listener: () => void): void {
    if (this.#stop) listener();
    else this.#listeners.push(listener);
  }

  /**
   * `step`, or RunStopped as soon as the run stops, whichever comes first: for a step that may wait on something
   * outside (a slow store), which the run need not wait for to stop. The step itself goes on, unawaited.
   */
  async race<T>(step: Promise<T>): Promise<T> {
    const stopped = new Promise<never>((_resolve, reject) => this.onStop(() => reject(new RunStopped(this.#stop?.what ?? 'interrupted'))));
    // Neither may be left rejected unheard: the step's failure matters only if it comes first.
    stopped.catch(() => undefined);
    step.catch(() => undefined);
    return Promise.race([step, stopped]);
  }

  dispose(): void {
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#listeners.length = 0;
  }
}
