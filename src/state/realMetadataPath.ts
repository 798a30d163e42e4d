/**
 * The metadata file a `--metadata` path names, as an absolute path with no symlink in it. The lock, the pending
 * record and the commit are keyed on it, so that a symlink to the metadata, or a path through a symlinked folder, is
 * the same metadata and not a second one with a lock of its own. The file may not exist yet, and a symlink may point
 * to where it will be created (or to another symlink that does), so this cannot be realpath(), which fails on
 * anything missing: the path is walked a component at a time, following each symlink the way the kernel will when
 * the file is created.
 */
import { readlink } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { isErrno, reasonOf } from '../errors/errno.js';
import { UserError } from '../errors/userError.js';

/** Linux's limit (MAXSYMLINKS): a path needing more is taken to be a loop. */
const MAX_LINKS = 40;

function components(path: string): string[] {
  return path.split('/').filter((name) => name !== '' && name !== '.');
}

/** Where the symlink `candidate` points, or undefined if it is not a symlink (or nothing is there yet). */
async function linkTarget(candidate: string, parent: string, given: string): Promise<string | undefined> {
  try {
    return await readlink(candidate);
  } catch (error: unknown) {
    if (isErrno(error, 'EINVAL', 'ENOENT')) return undefined;
    if (isErrno(error, 'ENOTDIR')) {
      throw new UserError((w) => `cannot use ${w.metadata} ${given}: ${parent} is not a folder; pass ${w.metadata} with a path inside a folder`);
    }
    throw new UserError((w) => `cannot use ${w.metadata} ${given}: ${reasonOf(error)}; pass ${w.metadata} with a path you can reach`);
  }
}

export async function realMetadataPath(path: string): Promise<string> {
  // Not path.resolve(): it folds `link/..` away as text, where the kernel goes to the parent of the link's target.
  let pending = components(isAbsolute(path) ? path : `${process.cwd()}/${path}`);
  let resolved = ''; // the root, while empty; never holds a symlink
  let links = 0;
  for (let name = pending.shift(); name !== undefined; name = pending.shift()) {
    if (name === '..') {
      resolved = resolved.slice(0, resolved.lastIndexOf('/'));
      continue;
    }
    const candidate = `${resolved}/${name}`;
    const target = await linkTarget(candidate, resolved || '/', path);
    if (target === undefined) {
      resolved = candidate;
      continue;
    }
    links += 1;
    if (links > MAX_LINKS) {
      throw new UserError((w) => `cannot use ${w.metadata} ${path}: it goes through more than ${MAX_LINKS} symbolic links (a loop?); pass ${w.metadata} with the metadata file's own path`);
    }
    if (isAbsolute(target)) resolved = '';
    pending = [...components(target), ...pending];
  }
  return resolved || '/';
}
