/**
 * The one owner of a run's pending record (pendingRun.ts) while the run goes: the dispatch loop and the upload queue
 * tell it what happened to a part, and it saves the record after each change, in order, so the file on disk never
 * goes back in time. Nothing else changes the record.
 */
import { type PendingRun, type WrittenFile, savePendingRun } from '../state/pendingRun.js';

type ByPart<T> = Record<string, Record<string, T>>;

function copy<T>(value: Readonly<Record<string, Readonly<Record<string, T>>>>): ByPart<T> {
  return Object.fromEntries(Object.entries(value).map(([table, parts]) => [table, { ...parts }]));
}

export class RunJournal {
  readonly #metadataPath: string;
  readonly #base: PendingRun;
  readonly #written: ByPart<WrittenFile>;
  readonly #uploaded: ByPart<string>;
  #saving: Promise<void> = Promise.resolve();

  private constructor(metadataPath: string, record: PendingRun) {
    this.#metadataPath = metadataPath;
    this.#base = record;
    this.#written = copy(record.written);
    this.#uploaded = copy(record.uploaded);
  }

  /** Starts journaling `record`, saving it first: a run records itself before it writes anything. */
  static async open(metadataPath: string, record: PendingRun): Promise<RunJournal> {
    const journal = new RunJournal(metadataPath, record);
    await journal.#save();
    return journal;
  }

  get record(): PendingRun {
    return { ...this.#base, written: copy(this.#written), uploaded: copy(this.#uploaded) };
  }

  written(table: string, index: number): WrittenFile | undefined {
    return this.#written[table]?.[String(index)];
  }

  uploaded(table: string, index: number): string | undefined {
    return this.#uploaded[table]?.[String(index)];
  }

  writtenCount(): number {
    return Object.values(this.#written).reduce((n, parts) => n + Object.keys(parts).length, 0);
  }

  uploadedCount(): number {
    return Object.values(this.#uploaded).reduce((n, parts) => n + Object.keys(parts).length, 0);
  }

  /** Recorded before the file is linked into place, so that whatever is at its path later can be proved ours. */
  markWritten(table: string, index: number, file: WrittenFile): Promise<void> {
    (this.#written[table] ??= {})[String(index)] = file;
    return this.#save();
  }

  /** Forgets a file that is no longer in place (removed, or replaced by something not ours). */
  forgetWritten(table: string, index: number): Promise<void> {
    delete this.#written[table]?.[String(index)];
    return this.#save();
  }

  markUploaded(table: string, index: number, sha256: string): Promise<void> {
    (this.#uploaded[table] ??= {})[String(index)] = sha256;
    return this.#save();
  }

  /**
   * Resolves once every change so far is on disk or has failed: a failed save is reported to whoever made the change
   * (each mark's promise), which stops the run.
   */
  settled(): Promise<void> {
    return this.#saving.catch(() => undefined);
  }

  #save(): Promise<void> {
    const record = this.record;
    this.#saving = this.#saving.then(() => savePendingRun(this.#metadataPath, record));
    return this.#saving;
  }
}
