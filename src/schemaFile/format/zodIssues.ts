/**
 * zod's issues as one line a user can act on: the most specific problem (inside the branch of a union the value was
 * meant for), with the valid names when a key is unknown, and the format's own words when no branch fits.
 */
import type { z } from 'zod';
import { didYouMean } from './nearest.js';
import type { ValuePath } from './sourceMap.js';

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

export interface Problem {
  readonly path: ValuePath;
  readonly message: string;
  /** The problem is the entry's key (an unknown name), not its value. */
  readonly key: boolean;
}

/** The schemas a value at `path` may be checked against (several inside unions). */
function schemasAt(schema: Schema, path: ValuePath): Schema[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') return schemasAt(def['innerType'] as Schema, path);
  if (def.type === 'union') {
    const options = (def['options'] as Schema[]).flatMap((option) => schemasAt(option, path));
    return path.length === 0 ? [schema, ...options] : options;
  }
  if (path.length === 0) return [schema];
  const [step, ...rest] = path;
  if (def.type === 'object') {
    const child = (def['shape'] as Record<string, Schema>)[String(step)];
    return child ? schemasAt(child, rest) : [];
  }
  if (def.type === 'record') return schemasAt(def['valueType'] as Schema, rest);
  if (def.type === 'array') return schemasAt(def['element'] as Schema, rest);
  if (def.type === 'tuple') {
    const item = (def['items'] as Schema[])[Number(step)];
    return item ? schemasAt(item, rest) : [];
  }
  return [];
}

function keysAt(schema: Schema, path: ValuePath): string[] {
  return schemasAt(schema, path).flatMap((s) => {
    const def = s._zod.def as unknown as { type: string; shape?: Record<string, unknown> };
    return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
  });
}

function describedAt(root: Schema, path: ValuePath): string | undefined {
  return schemasAt(root, path)
    .map((s) => (s as unknown as { description?: string }).description)
    .find((d) => d !== undefined);
}

function plain(message: string): string {
  return message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
}

/**
 * The one problem to report of zod's issues against `root`. `prefix` is where root's value sits in the file (for
 * the source map); `inner` where the issues sit inside root (inside a union's branch).
 */
export function problemOf(root: Schema, issues: readonly Issue[], prefix: ValuePath = [], inner: ValuePath = []): Problem {
  // An unknown name explains a missing one (tablez for tables), so it comes first.
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  if (!issue) return { path: [...prefix, ...inner], message: 'invalid', key: false };
  const within = [...inner, ...issue.path];
  const path = [...prefix, ...within];
  if (issue.code === 'unrecognized_keys') {
    const name = String(issue.keys[0]);
    const valid = keysAt(root, within);
    return { path: [...path, name], message: `unknown option ${name}${didYouMean(name, valid)}: expected ${valid.join(', ') || 'none'}`, key: true };
  }
  if (issue.code === 'invalid_union') {
    // A branch that failed only because the value is another type is not the one meant.
    const meant = issue.errors.filter((branch) => !(branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0));
    const [only] = meant;
    if (meant.length === 1 && only) return problemOf(root, only, prefix, within);
    return { path, message: `not valid here: expected ${describedAt(root, within) ?? 'another form'}`, key: false };
  }
  if (issue.code === 'invalid_key') {
    return { path, message: `${String(path[path.length - 1])} is not a valid name: ${issue.issues[0]?.message ?? 'use lower-case letters, digits and _'}`, key: true };
  }
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
    const description = describedAt(root, within);
    return { path, message: `${String(path[path.length - 1])} is missing${description ? ` (${description.replace(/\.$/, '').toLowerCase()})` : ''}`, key: false };
  }
  return { path, message: plain(issue.message), key: false };
}
