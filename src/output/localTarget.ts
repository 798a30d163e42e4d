/** A local run's target: the files written under `<out>` are the output, and the manifest stays beside them. */
import type { UploadSummary } from '../records/uploadSummary.js';
import { checkOutputFolders } from './outputFolder.js';
import type { OutputTarget, PlacementJournal, UploadWait } from './outputTarget.js';

export class LocalTarget implements OutputTarget {
  readonly executePhase = 'generate and write parts';
  readonly failure = undefined;
  readonly #out: string;
  readonly #tables: readonly string[];
  #journal: PlacementJournal | undefined;

  constructor(out: string, tables: readonly string[]) {
    this.#out = out;
    this.#tables = tables;
  }

  async preflight(): Promise<void> {
    await checkOutputFolders(this.#out, this.#tables);
  }

  objectOf(): undefined {
    return undefined;
  }

  async begin(journal: PlacementJournal): Promise<void> {
    this.#journal = journal;
  }

  placedBefore(): undefined {
    return undefined;
  }

  async place(): Promise<void> {
    // Written and linked into place is placed.
  }

  async settle(): Promise<UploadWait | undefined> {
    return undefined;
  }

  stop(): void {
    // Every file is in place as soon as it is written.
  }

  async placeManifest(path: string): Promise<string> {
    return path;
  }

  async cleanUp(): Promise<void> {
    // Nothing was staged.
  }

  keptFiles(partCount: number): string {
    return `Nothing was committed and the metadata is unchanged; ${this.#journal?.writtenCount() ?? 0} of ${partCount} files are written and kept in ${this.#out}.`;
  }

  uploadSummary(): UploadSummary | undefined {
    return undefined;
  }
}
