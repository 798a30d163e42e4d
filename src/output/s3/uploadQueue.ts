/**
 * Uploads finished parts while later parts are still being generated, at most `concurrency` at a time. The first
 * upload that fails for good is kept as `failure`: the run then stops dispatching new parts.
 */
import { rm } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../../records/s3Settings.js';
import { type UploadOutcome, uploadFile } from './upload.js';

export interface QueuedFile {
  readonly path: string;
  readonly key: string;
  readonly sha256: string;
  readonly bytes: number;
  /** Which part of the run it is (for the run's journal). */
  readonly table: string;
  readonly index: number;
}

export class UploadQueue {
  readonly #client: S3Client;
  readonly #settings: S3Settings;
  readonly #concurrency: number;
  readonly #onUploaded: (file: QueuedFile, outcome: UploadOutcome) => Promise<void>;
  readonly #waiting: QueuedFile[] = [];
  readonly #idle: (() => void)[] = [];
  #running = 0;
  #stopped = false;
  failure: Error | undefined;
  bytes = 0;
  objects = 0;
  /** Time with at least one upload under way, for the throughput figure. */
  busyMs = 0;
  #busySince = 0;

  constructor(options: {
    client: S3Client;
    settings: S3Settings;
    concurrency: number;
    onUploaded: (file: QueuedFile, outcome: UploadOutcome) => Promise<void>;
  }) {
    this.#client = options.client;
    this.#settings = options.settings;
    this.#concurrency = Math.max(1, options.concurrency);
    this.#onUploaded = options.onUploaded;
  }

  /** Files queued or uploading: the run waits when generation gets far ahead of uploads. */
  get pending(): number {
    return this.#waiting.length + this.#running;
  }

  /**
   * Queues a file, unless the queue stopped or an upload failed for good: no upload would start, and a file waiting
   * for none would keep `drained` waiting forever. Such a file stays in staging, recorded, for --resume.
   */
  add(file: QueuedFile): void {
    if (this.#stopped || this.failure) return;
    this.#waiting.push(file);
    this.#pump();
  }

  /** Resolves when nothing is queued or running (woken after every upload, so it checks again each time). */
  async drained(): Promise<void> {
    while (this.pending > 0) await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  /**
   * Starts no more uploads: the files still queued stay in staging, where the run's record finds them for --resume.
   * Those under way finish (or fail), so that what the record says was uploaded is.
   */
  stop(): void {
    this.#stopped = true;
    this.#waiting.length = 0;
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  /** Resolves when fewer than `limit` files are queued or uploading. */
  async below(limit: number): Promise<void> {
    while (this.pending >= limit && !this.failure && !this.#stopped) await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#running < this.#concurrency && this.#waiting.length > 0 && !this.failure) {
      const file = this.#waiting.shift();
      if (!file) break;
      if (this.#running === 0) this.#busySince = performance.now();
      this.#running += 1;
      void this.#upload(file);
    }
  }

  async #upload(file: QueuedFile): Promise<void> {
    try {
      const outcome = await uploadFile(this.#client, this.#settings, file);
      this.bytes += file.bytes;
      this.objects += 1;
      await this.#onUploaded(file, outcome);
      // Only now, with the object confirmed, is the staging copy expendable.
      await rm(file.path, { force: true });
    } catch (error: unknown) {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
      this.#waiting.length = 0;
    } finally {
      this.#running -= 1;
      if (this.#running === 0) this.busyMs += performance.now() - this.#busySince;
      this.#pump();
      for (const resolve of this.#idle.splice(0)) resolve();
    }
  }
}
