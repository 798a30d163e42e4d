/**
 * The help texts, rendered from the commands' clipanion definitions. clipanion's own render shows every value as
 * `#0`, lists a flag that defaults to on under its positive name (`--s3-checksums`, typed `--no-s3-checksums`), and
 * its top-level page lists each command's whole flag list on one line with no examples. This one names each value
 * (`--out DIR`), shows flags as typed, and gives the top-level page a synopsis per command, the files a run makes and
 * examples from every command.
 */
import type { Definition } from 'clipanion';
import { terminalWidth, wrap } from './wrap.js';

/** What each flag's value is, as the help shows it. */
const VALUES: Readonly<Record<string, string>> = {
  '--tables': 'FILE',
  '--schema': 'FILE',
  '--table-names': 'TABLES',
  '--num-rows': 'N',
  '--file-size-limit': 'MB',
  '--out': 'DIR',
  '--metadata': 'FILE',
  '--seed': 'N',
  '--as-of': 'TIME',
  '--since': 'TIME',
  '--workers': 'N',
  '--compression': 'CODEC',
  '--compression-level': 'LEVEL',
  '--row-group-size': 'ROWS',
  '--s3-bucket': 'BUCKET',
  '--s3-endpoint': 'URL',
  '--s3-region': 'REGION',
  '--upload-concurrency': 'N',
  '--file': 'FILE',
  '--format': 'FORMAT',
  '--run': 'RUN_ID',
};

/** Flags that are on unless turned off: shown as users type them. */
const ON_BY_DEFAULT = new Set(['--s3-checksums']);

/** `--out #0` as `--out DIR`, `--s3-checksums` as `--no-s3-checksums`. */
export function flagText(definition: string): string {
  const [names = '', ...values] = definition.split(' ');
  if (values.length === 0) return names.split(',').map((name) => (ON_BY_DEFAULT.has(name) ? `--no-${name.slice(2)}` : name)).join(',');
  const shown = names.split(',').map((name) => `${name} ${VALUES[name] ?? 'VALUE'}`);
  return shown.join(',');
}

/** Each command's line on the top-level page, in the order a newcomer meets them. */
const SYNOPSES: ReadonlyArray<readonly [path: string, synopsis: string, what: string]> = [
  ['synthgen', 'synthgen [generate] --table-names TABLES --num-rows N [options]', ''],
  ['synthgen resume', 'synthgen resume [--metadata FILE]', 'Finish an interrupted run (the same as synthgen --resume)'],
  ['synthgen runs', 'synthgen runs [--metadata FILE] [--json]', ''],
  ['synthgen remove', 'synthgen remove (--last-run | --run RUN_ID | --all) [--metadata FILE] [--yes]', ''],
  ['synthgen verify', 'synthgen verify [--out DIR | --s3-bucket BUCKET] [--metadata FILE] [--json]', ''],
  ['synthgen report', 'synthgen report [--out DIR | --s3-bucket BUCKET] [--file FILE] [--force]', ''],
  ['synthgen schema', 'synthgen schema [TABLE...] [--schema FILE] [--tables FILE] [--format text|md|json]', ''],
  ['synthgen init', 'synthgen init --schema FILE', ''],
];

/** One command's usage line: its synopsis, else what clipanion gives (positional arguments, no flags) and [options]. */
function usageLine(definition: Definition): string {
  const synopsis = SYNOPSES.find(([path]) => path === definition.path)?.[1];
  return synopsis ?? `${definition.usage}${definition.options.length > 0 ? ' [options]' : ''}`;
}

/** clipanion's details (wrapped at 80 columns) wrapped again to the terminal, paragraph by paragraph. */
function detailLines(details: string | undefined, width: number): string[] {
  const paragraphs = (details ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
  return paragraphs.flatMap((paragraph, i) => [...(i > 0 ? [''] : []), ...wrap(paragraph, width, 0, '')]);
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : [title, '', ...lines, ''];
}

function exampleLines(examples: Definition['examples'], width: number): string[] {
  return (examples ?? []).flatMap(([label, command]) => [...wrap(label, width, 0, ''), `  $ ${command}`, '']);
}

/** `synthgen <command> --help`. */
export function commandHelp(definition: Definition, width = terminalWidth()): string {
  const options = definition.options.map((option) => ({ flag: flagText(option.definition), description: option.description ?? '' }));
  const column = Math.min(32, Math.max(0, ...options.map((o) => o.flag.length)) + 4);
  const lines = [
    ...wrap(definition.description ?? '', width, 0, ''),
    '',
    ...section('Usage', wrap(usageLine(definition), width, 4, '  $ ')),
    ...section(
      'Options',
      options.flatMap((o) => wrap(o.description, width, column, `  ${o.flag}`.padEnd(column))),
    ),
    ...section('Details', detailLines(definition.details, width)),
    ...section('Examples', exampleLines(definition.examples, width).slice(0, -1)),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

/** `synthgen --help`: every command, the files a run makes, and examples. */
export function topHelp(definitions: readonly Definition[], version: string, width = terminalWidth()): string {
  const byPath = new Map(definitions.map((d) => [d.path, d]));
  const commands = SYNOPSES.flatMap(([path, synopsis, what]) => [
    `  $ ${synopsis}`,
    ...wrap(what || (byPath.get(path)?.description ?? ''), width, 6),
    '',
  ]);
  const files = [
    'A run writes <out>/<table>/<YYYYMMDDHHMMSS>-<run>.parquet (the run\'s start time in UTC and the random part of its run id;',
    '..._part_001.parquet and on when a table needs several files), its manifest <out>/_runs/<run-id>.json, and records itself',
    'in the metadata file (--metadata, default ./metadata.json), from which the next run continues IDs and time. --out and',
    '--metadata name a dataset: a new dataset needs new ones.',
  ].join(' ');
  const generate = byPath.get('synthgen')?.examples ?? [];
  // The first steps, S3 and an S3-compatible store, then each other command's first example.
  const s3 = generate.filter(([, command]) => command.includes('--s3-bucket')).slice(0, 2);
  const picked = [...generate.slice(0, 4), ...s3, ...SYNOPSES.slice(2).flatMap(([path]) => byPath.get(path)?.examples?.slice(0, 1) ?? [])];
  const lines = [
    `synthgen ${version}: relational synthetic datasets (users, products, orders, and tables of your own) as Parquet, locally or in S3`,
    '',
    ...section('Commands', commands.slice(0, -1)),
    ...section('Files', wrap(files, width, 2)),
    ...section('Examples', exampleLines(picked, width).slice(0, -1)),
    ...wrap('synthgen <command> --help lists a command\'s flags with more examples; synthgen --version prints the version.', width, 0, ''),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
