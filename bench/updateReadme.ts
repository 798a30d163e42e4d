/**
 * Refreshes the generated blocks of the docs pages: the data dictionary of docs/data-dictionary.md (from the table
 * definitions) and the measurements of docs/performance.md (from the newest bench/results/*.md), redraws the scaling chart from the newest results, and
 * writes the schema files' JSON Schema (schema/synthgen.schema.json) from the format's definitions. `npm run docs`.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { dataDictionary } from '../src/model/dictionary/dataDictionary.js';
import { BUILTIN_TABLES } from '../src/tables/index.js';
import { type ScalingPoint, writeScalingChart } from './scalingChart.js';
import { JSON_SCHEMA_PATH, schemaFileJsonSchema } from '../src/schemaFile/format/jsonSchema.js';
import { toolVersions } from '../src/state/runManifest.js';

const root = resolve(import.meta.dirname, '../..');

export function replaceBlock(text: string, name: string, content: string, file = 'README.md'): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} ... ${end} block`);
  return `${text.slice(0, from + start.length)}\n${content.trimEnd()}\n${text.slice(to)}`;
}

async function newestResults(): Promise<string | undefined> {
  const directory = join(root, 'bench/results');
  const names = (await readdir(directory).catch(() => [])).filter((n) => /^\d{4}-\d{2}-\d{2}\.md$/.test(n)).sort();
  const newest = names[names.length - 1];
  return newest ? readFile(join(directory, newest), 'utf8') : undefined;
}

/** Draws bench/results/scaling.svg again from the newest results that measured scaling. */
async function redrawChart(): Promise<boolean> {
  const directory = join(root, 'bench/results');
  const names = (await readdir(directory).catch(() => [])).filter((n) => /^\d{4}-\d{2}-\d{2}\.json$/.test(n)).sort().reverse();
  for (const name of names) {
    const report = JSON.parse(await readFile(join(directory, name), 'utf8')) as {
      date: string;
      e2e_orders: number;
      machine: { cpu: string; cores: number };
      scaling?: ScalingPoint[];
    };
    if (!report.scaling?.length) continue;
    const caption = `${report.machine.cpu}, ${report.machine.cores} cores, ${report.date.slice(0, 10)}; ${report.e2e_orders.toLocaleString('en-US')} orders; npm run bench`;
    await writeScalingChart(join(directory, 'scaling.svg'), report.scaling, caption);
    return true;
  }
  return false;
}

/** Replaces the `name` block of the docs page `page` (a path under the repository) with `content`. */
async function refreshBlock(page: string, name: string, content: string): Promise<void> {
  const path = join(root, page);
  await writeFile(path, replaceBlock(await readFile(path, 'utf8'), name, content, page));
}

await refreshBlock('docs/data-dictionary.md', 'dictionary', dataDictionary(BUILTIN_TABLES));
const results = await newestResults();
if (results) await refreshBlock('docs/performance.md', 'performance', results);
const drawn = await redrawChart();
await mkdir(join(root, 'schema'), { recursive: true });
await writeFile(join(root, JSON_SCHEMA_PATH), `${JSON.stringify(schemaFileJsonSchema(toolVersions().synthgen ?? 'unknown'), null, 2)}\n`);
process.stdout.write(`docs/data-dictionary.md${results ? ' and docs/performance.md' : ''} refreshed${drawn ? '; bench/results/scaling.svg redrawn' : ''}; ${JSON_SCHEMA_PATH} written\n`);
