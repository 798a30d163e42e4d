/**
 * A run's manifest: `<out>/_runs/<run-id>.json` (and beside the objects on S3), naming every file the run made with
 * its table, ID range, row count, byte size and SHA-256, and everything needed to make the same files again (tool
 * and generator versions, seed, as-of, arguments). `synthgen verify` checks a dataset against its manifests; the
 * metadata's run record points at it. Written atomically, before the metadata is committed.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { atomicWrite } from './atomicWrite.js';

export const MANIFEST_FORMAT = 'synthgen-run-manifest';
export const RUNS_FOLDER = '_runs';

export interface ManifestFile {
  readonly table: string;
  /** Relative to the dataset root (`--out`, or the S3 prefix): `<table>/<file name>`. */
  readonly path: string;
  readonly first_id: number;
  readonly last_id: number;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

export interface RunManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly format_version: 1;
  readonly run_id: string;
  readonly versions: Readonly<Record<string, string>>;
  /** Each table's generator version (changes whenever its values do). */
  readonly table_versions: Readonly<Record<string, number>>;
  readonly seed: number;
  readonly as_of: string;
  /** No finish time: a resumed run writes the same manifest, byte for byte, as the attempt it finishes. */
  readonly started_at: string;
  readonly command: string;
  readonly arguments: {
    readonly tables: readonly string[];
    readonly rows: Readonly<Record<string, number>>;
    readonly file_size_limit_mb: number;
    readonly s3?: string;
  };
  readonly tables: Readonly<Record<string, { readonly first_id: number; readonly last_id: number; readonly rows: number }>>;
  readonly files: readonly ManifestFile[];
}

let versions: Record<string, string> | undefined;

/** synthgen's own version and the pinned generators', as installed. */
export function toolVersions(): Record<string, string> {
  if (versions) return versions;
  const require = createRequire(import.meta.url);
  const versionOf = (name: string) => {
    try {
      return String((require(`${name}/package.json`) as { version?: unknown }).version ?? 'unknown');
    } catch {
      return 'unknown';
    }
  };
  const own = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  versions = {
    synthgen: String(own.version ?? 'unknown'),
    '@faker-js/faker': versionOf('@faker-js/faker'),
    '@duckdb/node-api': versionOf('@duckdb/node-api'),
    node: process.version,
  };
  return versions;
}

export function manifestName(runId: string): string {
  return `${RUNS_FOLDER}/${runId}.json`;
}

/** Writes the manifest under `root` atomically; returns its path. */
export async function writeManifest(root: string, manifest: RunManifest): Promise<string> {
  const path = join(root, manifestName(manifest.run_id));
  await mkdir(dirname(path), { recursive: true });
  await atomicWrite(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return path;
}
