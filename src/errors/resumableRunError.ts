/**
 * A run that stopped before its commit, or a request refused because such a run is recorded: what the user can do
 * about it is finish that run or remove what it wrote. The engine says which run, where it is recorded and what a
 * resume must load again; the caller words the advice (the CLI names its commands: cli/render/runAdvice.ts).
 */
import { UserError, type Wording } from './userError.js';

/** The run to finish or discard. */
export interface StoppedRun {
  readonly runId: string;
  /** The metadata file as the caller named it (not its real path). */
  readonly metadataPath: string;
  /** The modules of tables (--tables) and schema files (--schema) that define the run's tables: a resume loads them again. */
  readonly modules: readonly string[];
  readonly schemas: readonly string[];
}

/** What the user is advised to do next. */
export type NextStep =
  /** Finish the run (it keeps what it wrote) or discard it: said after `reason`. */
  | { readonly kind: 'finish-or-discard' }
  /** Running it again fails the same way: discard it, fix the table's definition, and run again. */
  | { readonly kind: 'fix-and-discard' }
  /** Discarding would leave objects in the bucket: finish the run, or delete `objects` and then `record` by hand. */
  | { readonly kind: 'finish-or-delete'; readonly objects: string; readonly record: string };

export class ResumableRunError extends UserError {
  /** What happened, without the advice: the message up to it (in other words: `render(words)`). */
  readonly reason: string;
  readonly run: StoppedRun;
  readonly next: NextStep;

  constructor(reason: Wording, run: StoppedRun, next: NextStep, exitCode?: number) {
    super(reason, exitCode);
    this.reason = this.message;
    this.run = run;
    this.next = next;
  }
}
