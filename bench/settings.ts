/**
 * The suite's command line and sizes: `--quick` (small sizes, to try the code), `--only=<section>[,<section>...]`
 * (measure those sections and replace just them in the day's results), `--cli-args='<flags>'` (appended to every
 * generating run of the CLI, e.g. `--cli-args='--compression snappy'` once that flag exists).
 */
import { resolve } from 'node:path';

export const SECTIONS = ['per-table', 'codecs', 'scaling', 'scaling-default', 'memory', 'many-workers', 's3'] as const;
export type Section = (typeof SECTIONS)[number];

const argValue = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

export const quick = process.argv.includes('--quick');

/** The sections asked for with --only, or undefined for all of them. */
export const only: readonly Section[] | undefined = (() => {
  const given = argValue('only');
  if (given === undefined) return undefined;
  const names = given.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length || !names.length) throw new Error(`--only takes sections from ${SECTIONS.join(', ')} (comma-separated), got "${given}"`);
  return names as Section[];
})();

export const wants = (section: Section): boolean => !only || only.includes(section);

export const EXTRA_CLI_ARGS: readonly string[] = (argValue('cli-args') ?? '').split(/\s+/).filter((arg) => arg !== '');

export const REPEATS = quick ? 2 : 7;
export const NAIVE_ROWS = quick ? 5_000 : 20_000;
export const ENGINE_ROWS = quick ? 100_000 : 500_000;
export const KIND_ROWS = quick ? 50_000 : 200_000;
export const CODEC_ROWS = ENGINE_ROWS;
export const E2E_ORDERS = quick ? 400_000 : 2_000_000;
export const E2E_LIMIT_MB = quick ? 4 : 16;
export const MEMORY_ROWS = quick ? [200_000, 2_000_000] : [1_000_000, 10_000_000];
export const MEMORY_REPEATS = quick ? 1 : 3;

/**
 * The default-limit cases: a table written as one file and one written as two (at 128 MB: 1M orders, one ~68 MB
 * file; 2M orders, ~114 MB + ~22 MB). Quick keeps the shapes at a quarter of the size: 32 MB, 250k and 500k orders.
 */
export const DEFAULT_LIMIT_CASES: readonly { readonly orders: number; readonly fileSizeLimit: number | 'default' }[] = quick
  ? [
      { orders: 250_000, fileSizeLimit: 32 },
      { orders: 500_000, fileSizeLimit: 32 },
    ]
  : [
      { orders: 1_000_000, fileSizeLimit: 'default' },
      { orders: 2_000_000, fileSizeLimit: 'default' },
    ];
/** Far more workers than this machine has cores. */
export const MANY_WORKERS = 64;

export const CLI = resolve(import.meta.dirname, '../src/cli/main.js');
export const AS_OF = '2026-01-01T00:00:00Z';
