/**
 * `synthgen verify`: checks a generated dataset (local folder or S3 prefix) against its run manifests and rules.
 * What checks it is imported only when it runs: help and a refused command line do without it.
 */
import { dirname } from 'node:path';
import { Command, Option } from 'clipanion';
import { describeTarget } from '../../records/s3Target.js';
import { printable } from '../render/printable.js';
import { registryFor, schemaOption, tablesOption } from '../tableModules.js';
import type { VerifyCheck, VerifyReport } from '../../verify/verify.js';
import { type FieldOf, isEndpoint, isOutFolder, isMetadataFile, isS3Target, requires, rule } from '../validators.js';
import { s3Environment } from '../s3Environment.js';
import { workerMemory } from '../workerMemory.js';
import { CLI_WORDS } from '../render/cliVocabulary.js';

type Field = FieldOf<VerifyCommand>;

export class VerifyCommand extends Command {
  static override paths = [['verify']];

  static override usage = Command.Usage({
    description: 'Check a generated dataset: files against the run manifests, keys, foreign keys, times against as-of, bounds and cross-table rules',
    details: `
      Every file a run manifest (\`<out>/_runs/<run-id>.json\`) lists must be present with its size, SHA-256, row
      count and ID range, and no Parquet file may be missing from every manifest. Primary keys must be unique and
      contiguous, unique columns unique, foreign keys must resolve (to the parent's files when they are there, else
      to IDs the metadata holds), no date or time may be after its run's as-of (unless its column says it may),
      numbers must lie within their column's bounds, and each table's rules must hold; each violation names up to
      5 offending rows by primary key. A schema file's table is checked row by row against the version that made
      the row (its columns, bounds, unique columns and rules, as the metadata records them). Runs the metadata records elsewhere (another
      folder or bucket) are not looked for here; references to their IDs are checked against the metadata. Only
      \`<table>/<file>.parquet\` paths inside the dataset are read, and only regular files; for S3, objects whose keys
      would leave the prefix are reported, never downloaded. Exits 1 on any violation.
    `,
    examples: [
      ['Verify ./data (and the runs ./metadata.json records)', '$0 verify'],
      ['Another folder, as JSON', '$0 verify --out /mnt/datasets/shop --metadata /mnt/datasets/shop.json --json'],
      ['A dataset in S3', '$0 verify --s3-bucket s3://my-bucket/synthetic'],
    ],
  });

  tables = tablesOption();
  schema = schemaOption();
  out = Option.String('--out', './data', { description: 'Dataset folder (default ./data)', validator: isOutFolder });
  metadata = Option.String('--metadata', './metadata.json', { description: 'Metadata file, if there is one (default ./metadata.json)', validator: isMetadataFile });
  s3Bucket = Option.String('--s3-bucket', { description: 'Verify the dataset at a bucket or s3://bucket/prefix instead of --out', validator: isS3Target });
  s3Endpoint = Option.String('--s3-endpoint', { description: 'S3-compatible endpoint URL', validator: isEndpoint });
  s3Region = Option.String('--s3-region', { description: 'Bucket region' });
  json = Option.Boolean('--json', false, { description: 'Print the report as JSON on stdout' });

  static override schema = [
    rule('--s3-endpoint and --s3-region need --s3-bucket', ...(['s3Endpoint', 's3Region'] satisfies Field[]).map((field) => requires(field, ['s3Bucket'] satisfies Field[]))),
  ];

  override async execute(): Promise<number> {
    const [{ loadMetadata, realMetadataPath }, { verifyDataset }] = await Promise.all([import('../../state/metadata.js'), import('../../verify/verify.js')]);
    const registry = await registryFor({ modules: this.tables, schemas: this.schema, metadataPath: this.metadata });
    const loaded = await loadMetadata(this.metadata);
    const metadata = loaded.exists ? loaded.metadata : undefined;
    // Beside the real file (a symlinked metadata keeps them beside its target), as runs write them.
    const metadataFolder = metadata ? dirname(await realMetadataPath(this.metadata)) : undefined;
    const legacy = metadataFolder === undefined ? {} : { metadataFolder };
    const memory = workerMemory();
    let report: VerifyReport;
    const target = this.s3Bucket;
    if (target !== undefined) {
      const { readSettings, withS3Dataset } = await import('../../output/s3/s3Dataset.js');
      report = await withS3Dataset(readSettings(target, this.s3Endpoint, this.s3Region, s3Environment()), 'verify', ({ root, refused }) => {
        const findings = refused.map(({ key, reason }): VerifyCheck => ({ check: `object s3://${target.bucket}/${key}`, result: 'violation', detail: reason }));
        return verifyDataset({ root, label: describeTarget(target).replace(/\/$/, ''), s3: target, findings, registry, ...(metadata ? { metadata } : {}), ...legacy, ...memory, words: CLI_WORDS });
      });
    } else {
      report = await verifyDataset({ root: this.out, registry, ...(metadata ? { metadata } : {}), ...legacy, ...memory, words: CLI_WORDS });
    }
    this.context.stdout.write(this.json ? `${JSON.stringify(report, null, 2)}\n` : printable(plainReport(report)));
    return report.ok ? 0 : 1;
  }
}

function plainReport(report: VerifyReport): string {
  const mark = { ok: 'ok  ', violation: 'FAIL', skipped: 'skip' } as const;
  const lines = [`synthgen verify ${report.root}: ${report.runs} run${report.runs === 1 ? '' : 's'}, ${report.files} files`];
  // Files that pass are summed up in one line; everything else is listed.
  const passedFiles = report.checks.filter((c) => c.check.startsWith('file ') && c.result === 'ok').length;
  if (passedFiles) lines.push(`  ${mark.ok} ${passedFiles} files present, with the size, SHA-256, rows and IDs their manifests give`);
  for (const check of report.checks.filter((c) => !(c.check.startsWith('file ') && c.result === 'ok'))) {
    lines.push(`  ${mark[check.result]} ${check.check}: ${check.detail}`);
  }
  lines.push(
    report.ok
      ? `OK: ${Object.entries(report.rows).map(([t, n]) => `${t} ${n}`).join(', ')} rows; no violations`
      : `${report.violations} violation${report.violations === 1 ? '' : 's'}`,
  );
  return `${lines.join('\n')}\n`;
}
