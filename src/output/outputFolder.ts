/**
 * Making sure a run can write its output folders, and only real ones inside --out, before it writes anything. Folders are created one level at a
 * time rather than with `mkdir -p`: Node's recursive mkdir retries forever where a parent exists but refuses
 * children (`/proc/self`), and a run must fail with one line there, not hang.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, parse, resolve } from 'node:path';
import { errnoCode, reasonOf } from '../errors/errno.js';
import { UserError } from '../errors/userError.js';
import { refuseLinkedFolder } from '../files/linkedFolder.js';
import { RUNS_FOLDER } from '../state/runManifest.js';

function cannot(directory: string, why: string): UserError {
  return new UserError((w) => `cannot write to output folder ${directory} (${why}): pass ${w.out} with a writable folder`);
}

/** Creates `directory` and any missing parents, each with a plain mkdir; every failure is one UserError. */
export async function ensureDirectory(directory: string): Promise<void> {
  const absolute = resolve(directory);
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    const found = await stat(current).then(
      (s) => (s.isDirectory() ? 'directory' : 'other'),
      (error: unknown) => (errnoCode(error) === 'ENOENT' ? 'missing' : reasonOf(error)),
    );
    if (found === 'directory') break;
    if (found === 'other') throw cannot(absolute, `${current} is not a folder`);
    if (found !== 'missing') throw cannot(absolute, found);
    if (current === parse(current).root) throw cannot(absolute, 'no part of it exists');
    missing.push(current);
    current = dirname(current);
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error: unknown) {
      if (errnoCode(error) === 'EEXIST' && (await stat(folder).then((s) => s.isDirectory(), () => false))) continue;
      throw cannot(absolute, reasonOf(error));
    }
  }
}

/** Creates `directory` and proves a file can be created in it. */
export async function checkWritable(directory: string): Promise<void> {
  await ensureDirectory(directory);
  const probe = join(directory, `.synthgen-probe-${randomUUID()}`);
  try {
    await writeFile(probe, '', { flag: 'wx' });
    await unlink(probe);
  } catch (error: unknown) {
    throw cannot(directory, reasonOf(error));
  }
}

/**
 * The run's folders inside `out` (its manifests' and each table's) are checked to be no symbolic links
 * (linkedFolder.ts), then created and probed: for a local run they are the output, for an S3 run its staging.
 */
export async function checkOutputFolders(out: string, tables: readonly string[]): Promise<void> {
  await refuseLinkedFolders(out, tables);
  for (const table of tables) await checkWritable(join(out, table));
}

/** Only the first half of checkOutputFolders, which writes nothing: for a check that must come before any write. */
export async function refuseLinkedFolders(out: string, tables: readonly string[]): Promise<void> {
  for (const folder of [RUNS_FOLDER, ...tables]) await refuseLinkedFolder(join(out, folder));
}
