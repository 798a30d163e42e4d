/**
 * The README and the pages under docs/ link to each other: every relative link must point at a file that exists, and
 * every #anchor at a heading of the page it names (as GitHub makes anchors of headings), so that moving a section
 * cannot leave a link behind. Links to other sites are not followed.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The text outside fenced code blocks, line by line (a link or heading in code is not one). */
function proseLines(text: string): string[] {
  let fenced = false;
  return text.split('\n').filter((line) => {
    if (line.trimStart().startsWith('```')) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

/** Every anchor of a Markdown page's headings, numbered as GitHub numbers repeated ones. */
function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** The link targets of a page's prose: `[text](target)` and `![alt](target)`, inline code left out. */
function linksOf(text: string): string[] {
  const targets: string[] = [];
  for (const line of proseLines(text)) {
    const prose = line.replace(/`[^`]*`/g, '');
    for (const match of prose.matchAll(/\]\(([^()\s]+)(?:\s+"[^"]*")?\)/g)) if (match[1]) targets.push(match[1]);
  }
  return targets;
}

/**
 * The links of `pages` (path -> text, paths under `root`) that point at no file or no heading, as `page: target`.
 * A page named in `pages` is read from there, any other file from the disk.
 */
async function brokenLinks(root: string, pages: ReadonlyMap<string, string>): Promise<string[]> {
  const broken: string[] = [];
  for (const [page, text] of pages) {
    for (const target of linksOf(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: and the like
      const [path = '', anchor] = target.split('#', 2);
      const file = path === '' ? join(root, page) : resolve(dirname(join(root, page)), decodeURIComponent(path));
      const name = relative(root, file);
      const known = pages.get(name);
      if (known === undefined && !existsSync(file)) {
        broken.push(`${page}: ${target} (no file ${name})`);
        continue;
      }
      if (anchor === undefined) continue;
      const linked = known ?? (name.endsWith('.md') ? await readFile(file, 'utf8') : undefined);
      if (linked === undefined || !anchorsOf(linked).has(anchor)) broken.push(`${page}: ${target} (no heading #${anchor} in ${name})`);
    }
  }
  return broken;
}

/** README.md and every docs/*.md, by their path under the repository. */
async function documentation(): Promise<Map<string, string>> {
  const names = ['README.md', ...(await readdir(join(ROOT, 'docs'))).filter((name) => name.endsWith('.md')).map((name) => join('docs', name))];
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(join(ROOT, name), 'utf8')] as const)));
}

describe('links between the README and docs/', () => {
  test('every relative link and #anchor of README.md and docs/*.md resolves', async () => {
    const pages = await documentation();
    expect(pages.size).toBeGreaterThan(5);
    expect(await brokenLinks(ROOT, pages)).toEqual([]);
  });

  test('a link to a missing page, or to a heading a page does not have, is found', async () => {
    const pages = new Map([
      ['README.md', '# Title\n\n## Quick start\n\nSee [time](docs/time.md#time), [gone](docs/gone.md), [here](#quick-start), [nowhere](#nowhere).\n\n```\n[in code](docs/ignored.md)\n```\n'],
      ['docs/time.md', '# Time\n\nBack to [the README](../README.md#quick-start), [not there](../README.md#no-such-heading), [a site](https://example.com/x).\n'],
    ]);
    expect(await brokenLinks(ROOT, pages)).toEqual([
      'README.md: docs/gone.md (no file docs/gone.md)',
      'README.md: #nowhere (no heading #nowhere in README.md)',
      'docs/time.md: ../README.md#no-such-heading (no heading #no-such-heading in README.md)',
    ]);
  });

  test('anchors are made as GitHub makes them', () => {
    expect([...anchorsOf('# Interrupted runs, the lock, manifests and verify\n## What synthgen guarantees\n## `--workers` and threads\n## Time\n## Time\n')]).toEqual([
      'interrupted-runs-the-lock-manifests-and-verify',
      'what-synthgen-guarantees',
      '--workers-and-threads',
      'time',
      'time-1',
    ]);
  });
});
