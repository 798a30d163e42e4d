/**
 * Where the original tool's files of a table are (`--legacy-files users=LOCATION`): a Parquet file, a folder (every
 * `.parquet` file under it, at any depth), or an S3 prefix (every `.parquet` object under it, copied into a temporary
 * folder for DuckDB to read, then removed: synthgen's DuckDB reads no S3 itself). Each file keeps the name a line
 * about it gives: its path, or its s3:// URL.
 */
import { createWriteStream } from 'node:fs';
import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UserError } from '../../errors/userError.js';
import { reasonOf } from '../../errors/errno.js';
import type { S3Settings } from '../../records/s3Settings.js';
import type { Vocabulary } from '../../errors/vocabulary.js';

export interface LegacyFile {
  /** Where DuckDB reads it. */
  readonly path: string;
  /** How a line names it: the path given, or the object's URL. */
  readonly name: string;
}

/** How to reach a store for an s3:// location: the run's --s3-endpoint, --s3-region and checksums. */
export type LegacyS3Access = Omit<S3Settings, 'target'>;

/** Every `.parquet` regular file under `folder`, at any depth, in name order. Links are not followed. */
async function parquetUnder(folder: string, name: string): Promise<LegacyFile[]> {
  const found: LegacyFile[] = [];
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.isDirectory()) found.push(...(await parquetUnder(join(folder, entry.name), join(name, entry.name))));
    else if (entry.isFile() && entry.name.endsWith('.parquet')) found.push({ path: join(folder, entry.name), name: join(name, entry.name) });
  }
  return found;
}

/** The setting that gave a table's files (`legacyFiles { users: ./old }`), in the reader's words: messages start with it. */
export type Flag = (words: Vocabulary) => string;

async function localFiles(location: string, flag: Flag): Promise<LegacyFile[]> {
  const path = resolve(location);
  const stats = await lstat(path).catch((error: unknown) => {
    throw new UserError((w) => `${flag(w)}: ${location} cannot be read (${reasonOf(error)}): give the file or folder holding the original tool's Parquet files`);
  });
  if (stats.isFile()) return [{ path, name: location }];
  if (!stats.isDirectory()) throw new UserError((w) => `${flag(w)}: ${location} is neither a file nor a folder: give the file or folder holding the original tool's Parquet files`);
  const files = await parquetUnder(path, location);
  if (files.length === 0) throw new UserError((w) => `${flag(w)}: ${location} holds no .parquet files: give the folder holding the original tool's Parquet files`);
  return files;
}

/** `s3://bucket/prefix` as bucket and prefix (a folder: it ends with `/` unless empty). */
function s3Location(location: string, flag: Flag): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(location);
  if (!match) throw new UserError((w) => `${flag(w)}: ${location} is not an S3 location: write s3://bucket/prefix`);
  const prefix = match[2] ?? '';
  return { bucket: match[1] ?? '', prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` };
}

/** Copies every `.parquet` object under the location into `folder`; the files in key order. */
async function s3Files(location: string, flag: Flag, access: LegacyS3Access, folder: string): Promise<LegacyFile[]> {
  const { bucket, prefix } = s3Location(location, flag);
  // The AWS SDK is loaded only for files in S3.
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  const { createS3Client, describeS3Failure, listKeys } = await import('../../output/s3/upload.js');
  const client = createS3Client({ ...access, target: { bucket, prefix } });
  try {
    let keys: string[];
    try {
      keys = (await listKeys(client, bucket, prefix)).filter((key) => key.endsWith('.parquet')).sort();
    } catch (error: unknown) {
      throw new UserError((w) => `${flag(w)}: cannot list ${location}: ${describeS3Failure(error)}; check the location, ${w.s3Endpoint} and the credentials`);
    }
    if (keys.length === 0) throw new UserError((w) => `${flag(w)}: ${location} holds no .parquet objects: give the prefix holding the original tool's Parquet files`);
    const files: LegacyFile[] = [];
    for (const [index, key] of keys.entries()) {
      const path = join(folder, `${String(index).padStart(6, '0')}.parquet`);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!(object.Body instanceof Readable)) throw new Error('the object has no body');
        await pipeline(object.Body, createWriteStream(path, { flags: 'wx' }));
      } catch (error: unknown) {
        throw new UserError((w) => `${flag(w)}: cannot read s3://${bucket}/${key}: ${describeS3Failure(error)}`);
      }
      files.push({ path, name: `s3://${bucket}/${key}` });
    }
    return files;
  } finally {
    client.destroy();
  }
}

/** Runs `use` on the files at `location`; any copy made of them is removed after. */
export async function withLegacyFiles<T>(location: string, flag: Flag, access: LegacyS3Access, use: (files: readonly LegacyFile[]) => Promise<T>): Promise<T> {
  if (!location.startsWith('s3://')) return use(await localFiles(location, flag));
  const folder = await mkdtemp(join(tmpdir(), 'synthgen-legacy-'));
  try {
    return await use(await s3Files(location, flag, access, folder));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
