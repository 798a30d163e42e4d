/**
 * An S3 run's target: the files written under `<out>` are only staging. Each is uploaded as soon as it is written,
 * while later parts are still being generated, and its staging copy removed once the object is confirmed; the
 * manifest goes beside the objects. The AWS SDK is loaded only here, and only when the run starts: it takes ~0.3 s to
 * import.
 */
import { rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../../errors/userError.js';
import { ResumableRunError, type StoppedRun } from '../../errors/resumableRunError.js';
import { sha256File } from '../../files/fileChecksum.js';
import { EXIT_RESUMABLE } from '../../records/exitCodes.js';
import type { S3RunOptions } from '../../records/s3Settings.js';
import type { UploadSummary } from '../../records/uploadSummary.js';
import { RUNS_FOLDER } from '../../state/runManifest.js';
import { checkOutputFolders, refuseLinkedFolders } from '../outputFolder.js';
import type { FileToPlace, OutputTarget, PlacementJournal, UploadWait } from '../outputTarget.js';
import { describeTarget, objectKey } from '../../records/s3Target.js';
import type { UploadQueue } from './uploadQueue.js';

export class S3OutputTarget implements OutputTarget {
  readonly executePhase = 'generate, write and upload parts';
  readonly #settings: S3RunOptions;
  readonly #out: string;
  readonly #tables: readonly string[];
  #client: S3Client | undefined;
  #journal: PlacementJournal | undefined;
  #uploads: UploadQueue | undefined;
  #workers = 1;
  #heldBackMs = 0;

  constructor(settings: S3RunOptions, out: string, tables: readonly string[]) {
    this.#settings = settings;
    this.#out = out;
    this.#tables = tables;
  }

  get failure(): Error | undefined {
    return this.#uploads?.failure;
  }

  async preflight(signal?: AbortSignal): Promise<void> {
    // A link among the staging folders is refused before the store is asked anything; they are made once it answers.
    await refuseLinkedFolders(this.#out, this.#tables);
    const { createS3Client, preflight } = await import('./upload.js');
    const client = createS3Client(this.#settings);
    await preflight(client, this.#settings, signal);
    this.#client = client;
    await checkOutputFolders(this.#out, this.#tables);
  }

  objectOf(table: string, path: string): string {
    return `s3://${this.#settings.target.bucket}/${objectKey(this.#settings.target, table, basename(path))}`;
  }

  async begin(journal: PlacementJournal, workers: number): Promise<void> {
    const { UploadQueue } = await import('./uploadQueue.js');
    this.#journal = journal;
    this.#workers = workers;
    this.#uploads = new UploadQueue({
      client: this.#clientOrThrow(),
      settings: this.#settings,
      concurrency: this.#settings.uploadConcurrency,
      onUploaded: (file) => journal.markUploaded(file.table, file.index, file.sha256),
    });
  }

  placedBefore(table: string, index: number): string | undefined {
    return this.#journal?.uploaded(table, index);
  }

  async place(file: FileToPlace): Promise<void> {
    const uploads = this.#uploads;
    if (!uploads) throw new Error('a file was placed before placing began');
    if (this.#journal?.uploaded(file.table, file.index)) return;
    // Generation may run ahead of uploads, but not without bound: staging space stays bounded.
    const held = performance.now();
    await uploads.below(this.#settings.uploadConcurrency * 2 + this.#workers);
    this.#heldBackMs += performance.now() - held;
    uploads.add({ ...file, key: objectKey(this.#settings.target, file.table, basename(file.path)) });
  }

  async settle(): Promise<UploadWait | undefined> {
    if (!this.#uploads) return undefined;
    const lastPartWritten = performance.now();
    await this.#uploads.drained();
    return { heldBackSeconds: this.#heldBackMs / 1000, afterLastPartSeconds: (performance.now() - lastPartWritten) / 1000 };
  }

  stop(): void {
    this.#uploads?.stop();
  }

  async placeManifest(path: string, run: StoppedRun): Promise<string> {
    const { uploadFile } = await import('./upload.js');
    const key = objectKey(this.#settings.target, RUNS_FOLDER, `${run.runId}.json`);
    try {
      await uploadFile(this.#clientOrThrow(), this.#settings, { path, key, sha256: await sha256File(path), contentType: 'application/json' });
    } catch (error: unknown) {
      if (error instanceof UserError) throw error;
      const what = error instanceof Error ? error.message : String(error);
      throw new ResumableRunError(`run ${run.runId} stopped: ${what}. Every file is uploaded but nothing was committed.`, run, { kind: 'finish-or-discard' }, EXIT_RESUMABLE);
    }
    return `s3://${this.#settings.target.bucket}/${key}`;
  }

  async cleanUp(manifestPath: string): Promise<void> {
    // The staging folders were only a way station; the manifest's home is beside the objects.
    await rm(manifestPath, { force: true });
    for (const directory of [...this.#tables.map((table) => join(this.#out, table)), dirname(manifestPath)]) await rmdir(directory).catch(() => undefined);
  }

  keptFiles(partCount: number): string {
    return `Nothing was committed; ${this.#journal?.uploadedCount() ?? 0} of ${partCount} files are in ${describeTarget(this.#settings.target)} and the finished ones not yet uploaded are kept in ${this.#out}.`;
  }

  uploadSummary(objects: number): UploadSummary | undefined {
    const uploads = this.#uploads;
    if (!uploads) return undefined;
    return {
      target: describeTarget(this.#settings.target),
      objects,
      bytes: uploads.bytes,
      seconds: uploads.busyMs / 1000,
      mb_per_second: uploads.busyMs > 0 ? uploads.bytes / 1e6 / (uploads.busyMs / 1000) : 0,
    };
  }

  #clientOrThrow(): S3Client {
    if (!this.#client) throw new Error('the S3 target was used before its preflight');
    return this.#client;
  }
}
