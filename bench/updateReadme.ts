/**
 * Refreshes the generated sections of README.md: the data dictionary (from the table definitions) and the
 * performance section (from the newest bench/results/*.md). `npm run docs`.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { dataDictionary } from '../src/engine/dataDictionary.js';

const root = resolve(import.meta.dirname, '../..');

export function replaceBlock(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} block`);
  return `${text.slice(0, from + start.length)}\n${content.trimEnd()}\n${text.slice(to)}`;
}

async function newestResults(): Promise<string | undefined> {
  const directory = join(root, 'bench/results');
  const names = (await readdir(directory).catch(() => [])).filter((n) => /^\d{4}-\d{2}-\d{2}\.md$/.test(n)).sort();
  const newest = names[names.length - 1];
  return newest ? readFile(join(directory, newest), 'utf8') : undefined;
}

const readmePath = join(root, 'README.md');
let readme = await readFile(readmePath, 'utf8');
readme = replaceBlock(readme, 'dictionary', dataDictionary());
const results = await newestResults();
if (results) readme = replaceBlock(readme, 'performance', results);
await writeFile(readmePath, readme);
process.stdout.write(`README.md refreshed${results ? ' (dictionary and performance)' : ' (dictionary)'}\n`);
