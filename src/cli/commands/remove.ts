/**
 * `synthgen remove`: takes back a dataset's last run (or a named run nothing builds on), or every run. What it does
 * is the engine's (src/run/runs/removeRuns.ts); this says what would go, and asks for --yes before anything does.
 */
import { Command, Option } from 'clipanion';
import type { RemovalSummary, RunRemoval, RunsToRemove } from '../../run/runs/removeRuns.js';
import { formatBytes } from '../progress.js';
import { printable } from '../render/printable.js';
import { type FieldOf, isEndpoint, isMetadataFile, rule, t } from '../validators.js';
import { s3Environment } from '../s3Environment.js';

type Field = FieldOf<RemoveCommand>;

export class RemoveCommand extends Command {
  static override paths = [['remove']];

  static override usage = Command.Usage({
    description: "Remove a dataset's last run, or the whole dataset: only the files its manifests list, and the metadata as before",
    details: `
      Without --yes it lists what it would remove and exits 1, changing nothing. With --yes it takes the metadata's
      lock and, for each run (the last first), removes the files its manifest lists that still hold the bytes it
      wrote (a file that does not is left and named), then the manifest, then commits the metadata without the run:
      its tables continue from the IDs and as-of they had before it. A run that a later run continued or whose rows a
      later run references is refused. --all also removes the metadata file once it records nothing. Runs that
      uploaded to S3 are removed from their bucket (the manifest says where; --s3-endpoint and --s3-region reach it).
      A removal that stopped part-way is finished by running it again.
    `,
    examples: [
      ['See what removing the last run would remove', '$0 remove --last-run'],
      ['Remove it', '$0 remove --last-run --yes'],
      ['Remove a whole dataset', '$0 remove --all --metadata shop.json --yes'],
    ],
  });

  lastRun = Option.Boolean('--last-run', false, { description: 'Remove the last run' });
  run = Option.String('--run', { description: 'Remove this run (one no later run continued or references)' });
  all = Option.Boolean('--all', false, { description: 'Remove every run, and the metadata file' });
  metadata = Option.String('--metadata', './metadata.json', { description: 'Metadata file (default ./metadata.json)', validator: isMetadataFile });
  yes = Option.Boolean('--yes', false, { description: 'Remove; without it, only list what would be removed' });
  s3Endpoint = Option.String('--s3-endpoint', { description: 'S3-compatible endpoint URL, for runs in S3', validator: isEndpoint });
  s3Region = Option.String('--s3-region', { description: 'Bucket region, for runs in S3' });
  s3Checksums = Option.Boolean('--s3-checksums', true, { description: "Do not send the SDK's default CRC request checksums, for stores that reject them (default: send them)" });
  json = Option.Boolean('--json', false, { description: 'Print what was (or would be) removed as JSON on stdout' });

  static override schema = [
    rule(
      'say what to remove, once: --last-run, --run RUN_ID or --all (e.g. synthgen remove --last-run)',
      t.hasAtLeastOneKey(['lastRun', 'run', 'all'] satisfies Field[], { missingIf: 'falsy' }),
      t.hasMutuallyExclusiveKeys(['lastRun', 'run', 'all'] satisfies Field[], { missingIf: 'falsy' }),
    ),
  ];

  override async execute(): Promise<number> {
    const { removeRuns } = await import('../../run/runs/removeRuns.js');
    const which: RunsToRemove = this.all ? { kind: 'all' } : this.run !== undefined ? { kind: 'run', runId: this.run } : { kind: 'last' };
    const summary = await removeRuns({
      metadataPath: this.metadata,
      which,
      confirmed: this.yes,
      command: ['synthgen', 'remove', ...process.argv.slice(3)].join(' '),
      s3: { checksums: this.s3Checksums, ...(this.s3Endpoint ? { endpoint: this.s3Endpoint } : {}), ...(this.s3Region ? { region: this.s3Region } : {}), environment: s3Environment() },
    });
    this.context.stdout.write(this.json ? `${JSON.stringify(summary, null, 2)}\n` : printable(plainSummary(summary)));
    if (summary.confirmed) return 0;
    process.stderr.write('synthgen: nothing was removed: pass --yes to remove what is listed\n');
    return 1;
  }
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function nextIds(run: RunRemoval): string {
  return Object.entries(run.next_ids)
    .map(([table, next]) => `${table} from ${next}`)
    .join(', ');
}

function runLines(run: RunRemoval, confirmed: boolean): string[] {
  const bytes = run.files.reduce((n, f) => n + f.bytes, 0);
  if (!confirmed) {
    return [
      `would remove run ${run.run_id} (as-of ${run.as_of}): ${plural(run.files.length, 'file')} (${formatBytes(bytes)}) and its manifest; IDs would continue: ${nextIds(run)}`,
      ...run.files.map((file) => `  ${file.path}`),
      `  ${run.manifest}`,
    ];
  }
  const removed = run.files.filter((f) => f.outcome === 'removed');
  const missing = run.files.filter((f) => f.outcome === 'missing').length;
  return [
    `removed run ${run.run_id}: ${plural(removed.length, 'file')} (${formatBytes(removed.reduce((n, f) => n + f.bytes, 0))})${missing > 0 ? ` (${plural(missing, 'file')} already gone)` : ''} and its manifest; IDs continue: ${nextIds(run)}`,
    ...run.files.filter((f) => f.outcome === 'left').map((file) => `  left ${file.path} in place: ${file.reason ?? 'it is not the run\'s'}`),
  ];
}

function plainSummary(summary: RemovalSummary): string {
  const lines = summary.runs.flatMap((run) => runLines(run, summary.confirmed));
  if (summary.runs.length > 1 && summary.confirmed) {
    const removed = summary.runs.flatMap((run) => run.files.filter((f) => f.outcome === 'removed'));
    lines.unshift(`removed ${plural(summary.runs.length, 'run')}: ${plural(removed.length, 'file')} (${formatBytes(removed.reduce((n, f) => n + f.bytes, 0))})`);
  }
  if (summary.metadata_removed) lines.push(`removed ${summary.metadata}: it recorded nothing more`);
  return `${lines.join('\n')}\n`;
}
