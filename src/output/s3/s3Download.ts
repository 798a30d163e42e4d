/**
 * Copies the objects of an S3 dataset into a local folder, keeping their layout: for verifying it. Keys come from
 * the bucket and are not trusted: S3 keeps `p/../../x` verbatim, and joined to a folder it would name a path
 * outside it. Only keys of the dataset's layout are downloaded (`_runs/<name>.json`, `<table>/<name>.parquet`);
 * a key with `..` or `.` segments, empty segments, backslashes or control characters is refused, never written.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isErrno } from '../../errors/errno.js';
import { relativePathProblem } from '../../files/relativePathProblem.js';
import { RUNS_FOLDER } from '../../state/runManifest.js';
import type { S3Target } from '../../records/s3Target.js';
import { listKeys } from './upload.js';

export interface RefusedKey {
  readonly key: string;
  /** Why it was not downloaded, as the rest of a sentence: `its key has a ".." segment, ...`. */
  readonly reason: string;
}

export interface Download {
  /** Objects written into the folder. */
  readonly downloaded: number;
  readonly refused: readonly RefusedKey[];
}

/** Whether a safe relative key is one verify reads: a manifest, or a file one folder deep (a table's). */
function inLayout(segments: readonly string[]): boolean {
  if (segments.length !== 2) return false;
  const [folder, name = ''] = segments;
  return folder === RUNS_FOLDER ? name.endsWith('.json') : name.endsWith('.parquet');
}

/** Why a listed key must not be written under the folder, or undefined. */
function keyProblem(key: string, prefix: string): string | undefined {
  if (!key.startsWith(prefix)) return 'it is not under the prefix';
  const problem = relativePathProblem(key.slice(prefix.length));
  return problem && `its key has ${problem}, so it names no file inside the prefix`;
}

/** Downloads the dataset's objects under the target's prefix into `directory` (which must be new and empty). */
export async function downloadPrefix(client: S3Client, target: S3Target, directory: string): Promise<Download> {
  const keys = await listKeys(client, target.bucket, target.prefix);
  const root = resolve(directory);
  const refused: RefusedKey[] = [];
  let downloaded = 0;
  for (const key of keys) {
    // A folder marker (`prefix/users/`) names no file.
    if (key === target.prefix || key.endsWith('/')) continue;
    const problem = keyProblem(key, target.prefix);
    if (problem) {
      refused.push({ key, reason: `${problem}; not downloaded` });
      continue;
    }
    const segments = key.slice(target.prefix.length).split('/');
    if (!inLayout(segments)) continue;
    const path = join(root, ...segments);
    // What the checks above rule out, checked once more where it matters: the path the bytes go to.
    if (!path.startsWith(root + sep)) {
      refused.push({ key, reason: 'it names no file inside the prefix; not downloaded' });
      continue;
    }
    await mkdir(join(root, segments[0] ?? ''), { recursive: true });
    const object = await client.send(new GetObjectCommand({ Bucket: target.bucket, Key: key }));
    if (!(object.Body instanceof Readable)) throw new Error(`s3://${target.bucket}/${key}: no body`);
    try {
      // Exclusive: two keys never share a file, even on a file system that folds case.
      await pipeline(object.Body, createWriteStream(path, { flags: 'wx' }));
    } catch (error: unknown) {
      if (!isErrno(error, 'EEXIST')) throw error;
      object.Body.destroy();
      refused.push({ key, reason: 'another key names the same file here (a file system that ignores case?); not downloaded' });
      continue;
    }
    downloaded += 1;
  }
  return { downloaded, refused };
}
