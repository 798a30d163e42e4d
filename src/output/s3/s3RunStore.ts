/**
 * A committed run in S3, for taking it back (`synthgen remove`): its manifest `[prefix/]_runs/<run id>.json` beside
 * its objects. An object is deleted only when its size and the SHA-256 kept in its metadata at upload are those the
 * manifest lists: anything else at its key is left and said.
 */
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { UserError } from '../../errors/userError.js';
import type { ManifestFile, RunManifest } from '../../state/runManifest.js';
import { RUNS_FOLDER } from '../../state/runManifest.js';
import { type FileRemoval, type RunStore, fileProblem, parseRunManifest } from '../runStore.js';
import { type S3Target, describeTarget, objectKey } from '../../records/s3Target.js';
import type { S3Settings } from '../../records/s3Settings.js';
import { createS3Client, isMissingObject, listKeys, preflight, s3Failure } from './upload.js';

/** How to reach the store, as the command was given it. */
export type S3Reach = Omit<S3Settings, 'target'>;

/** The bucket and prefix of a manifest's `s3://bucket/[prefix/]_runs/<run id>.json`, or undefined for another URL. */
function targetOf(url: string, runId: string): S3Target | undefined {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(url);
  const suffix = `${RUNS_FOLDER}/${runId}.json`;
  if (!match || !match[2]?.endsWith(suffix)) return undefined;
  return { bucket: match[1] ?? '', prefix: match[2].slice(0, -suffix.length) };
}

async function bodyBytes(body: unknown): Promise<Buffer> {
  if (!(body instanceof Readable)) throw new Error('no body');
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export class S3RunStore implements RunStore {
  readonly root: string;
  readonly manifestName: string;
  readonly #target: S3Target;
  readonly #settings: S3Settings;
  readonly #client: S3Client;
  readonly #runId: string;

  private constructor(url: string, runId: string, target: S3Target, reach: S3Reach) {
    this.manifestName = url;
    this.#runId = runId;
    this.#target = target;
    this.root = describeTarget(target);
    this.#settings = { ...reach, target };
    this.#client = createS3Client(this.#settings);
  }

  /** The store of the run whose manifest is at `url`, its bucket checked first (credentials, access, endpoint). */
  static async open(url: string, runId: string, reach: S3Reach): Promise<S3RunStore> {
    const target = targetOf(url, runId);
    if (!target) throw new UserError(`the manifest of run ${runId} is recorded at ${url}, which is not where synthgen puts one`);
    const store = new S3RunStore(url, runId, target, reach);
    try {
      await preflight(store.#client, store.#settings);
    } catch (error: unknown) {
      store.close();
      throw error;
    }
    return store;
  }

  #key(name: string): string {
    return `${this.#target.prefix}${name}`;
  }

  async manifest(): Promise<RunManifest | undefined> {
    try {
      const object = await this.#client.send(new GetObjectCommand({ Bucket: this.#target.bucket, Key: this.#key(`${RUNS_FOLDER}/${this.#runId}.json`) }));
      return parseRunManifest(await bodyBytes(object.Body), this.manifestName, this.#runId);
    } catch (error: unknown) {
      if (isMissingObject(error)) return undefined;
      if (error instanceof UserError) throw error;
      throw s3Failure(error, this.#settings, `cannot read the manifest ${this.manifestName}`);
    }
  }

  async leftovers(tables: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (const table of tables) {
      const keys = await listKeys(this.#client, this.#target.bucket, objectKey(this.#target, table, this.#runId)).catch((error: unknown) => {
        throw s3Failure(error, this.#settings, `cannot list ${this.root}${table}/`);
      });
      found.push(...keys.map((key) => `s3://${this.#target.bucket}/${key}`));
    }
    return found;
  }

  where(file: ManifestFile): string {
    return `s3://${this.#target.bucket}/${this.#key(file.path)}`;
  }

  async remove(file: ManifestFile): Promise<FileRemoval> {
    const problem = fileProblem(file);
    if (problem) return { outcome: 'left', reason: problem };
    const key = this.#key(file.path);
    try {
      const head = await this.#client.send(new HeadObjectCommand({ Bucket: this.#target.bucket, Key: key }));
      if (head.ContentLength !== file.bytes || head.Metadata?.sha256 !== file.sha256) return { outcome: 'left', reason: `it does not hold the bytes run ${this.#runId} uploaded` };
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#target.bucket, Key: key }));
      return { outcome: 'removed' };
    } catch (error: unknown) {
      if (isMissingObject(error)) return { outcome: 'missing' };
      throw s3Failure(error, this.#settings, `cannot remove ${this.where(file)}`);
    }
  }

  async removeManifest(): Promise<void> {
    try {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#target.bucket, Key: this.#key(`${RUNS_FOLDER}/${this.#runId}.json`) }));
    } catch (error: unknown) {
      if (!isMissingObject(error)) throw s3Failure(error, this.#settings, `cannot remove ${this.manifestName}`);
    }
  }

  async tidy(): Promise<void> {
    // A prefix has no folders to remove.
  }

  close(): void {
    this.#client.destroy();
  }
}
