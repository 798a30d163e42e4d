/** The output target of a run: its S3 bucket when it has one, else its local folder. */
import type { S3RunOptions } from '../records/s3Settings.js';
import { LocalTarget } from './localTarget.js';
import type { OutputTarget } from './outputTarget.js';
import { S3OutputTarget } from './s3/s3OutputTarget.js';

export function targetFor(run: { readonly out: string; readonly tables: readonly string[]; readonly s3?: S3RunOptions }): OutputTarget {
  return run.s3 ? new S3OutputTarget(run.s3, run.out, run.tables) : new LocalTarget(run.out, run.tables);
}
