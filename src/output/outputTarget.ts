/**
 * Where a run's files go: a local folder, or an S3 bucket. Either way each part is written under `<out>/<table>/`
 * first (executeParts.ts); what happens to it then, where the manifest goes and what a stopped run has to show for
 * itself is the target's.
 */
import type { UploadSummary } from '../records/uploadSummary.js';
import type { StoppedRun } from '../errors/resumableRunError.js';

/** What a target reads and records of the run's record (runJournal.ts). */
export interface PlacementJournal {
  writtenCount(): number;
  uploaded(table: string, index: number): string | undefined;
  uploadedCount(): number;
  markUploaded(table: string, index: number, sha256: string): Promise<void>;
}

/** A finished part, written and linked into place under `<out>`. */
export interface FileToPlace {
  readonly table: string;
  readonly index: number;
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** With S3: how long generation was held back because uploads lagged, and the wait for the last ones. */
export interface UploadWait {
  readonly heldBackSeconds: number;
  readonly afterLastPartSeconds: number;
}

/**
 * Used in this order: preflight, begin, then placedBefore / place for each part, settle, and after a clean run
 * placeManifest and cleanUp.
 */
export interface OutputTarget {
  /** What executing the parts amounts to, as --profile names the phase. */
  readonly executePhase: string;
  /** Checks, before anything is generated, that the files can go where they should: one line if not. */
  preflight(signal?: AbortSignal): Promise<void>;
  /** The object a part's file becomes, when the file itself is not the output. */
  objectOf(table: string, path: string): string | undefined;
  /** Placing starts once the run has recorded itself; each file is recorded in `journal` as it lands. */
  begin(journal: PlacementJournal, workers: number): Promise<void>;
  /** The SHA-256 of a part an earlier attempt already placed: a file left at its path is only a staging copy. */
  placedBefore(table: string, index: number): string | undefined;
  /** Puts a finished file where it belongs; may wait, so that generation does not run too far ahead. */
  place(file: FileToPlace): Promise<void>;
  /** Why a file could not be placed, for good: the run then starts no more parts. */
  readonly failure: Error | undefined;
  /** Resolves once every file placed has landed (or placing failed, or stopped). */
  settle(): Promise<UploadWait | undefined>;
  /** The run is stopping: start placing no more files; those under way finish. */
  stop(): void;
  /** Puts the manifest where it belongs; returns how the metadata refers to it. `run` is what a failure names. */
  placeManifest(path: string, run: StoppedRun): Promise<string>;
  /** After the commit: removes what only the way there needed. */
  cleanUp(manifestPath: string): Promise<void>;
  /** What a stopped run keeps, and where: the sentence after what stopped it. */
  keptFiles(partCount: number): string;
  uploadSummary(objects: number): UploadSummary | undefined;
}
