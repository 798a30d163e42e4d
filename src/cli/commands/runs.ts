/** `synthgen runs`: a dataset's runs, from its metadata (and their manifests): what each made, and where. */
import { Command, Option } from 'clipanion';
import type { ListedRun, RunList } from '../../run/runs/listRuns.js';
import { formatBytes } from '../progress.js';
import { printable } from '../render/printable.js';
import { isMetadataFile } from '../validators.js';

export class RunsCommand extends Command {
  static override paths = [['runs']];

  static override usage = Command.Usage({
    description: "List a dataset's runs: run id, as-of, seed, and per table rows, ID range, files and bytes",
    details: `
      Read from the metadata file, and from each run's manifest (\`<out>/_runs/<run-id>.json\`) for the rows of a
      children table, whose IDs are its parent's. An interrupted run that waits to be finished is named too.
      \`synthgen remove --last-run\` takes the last one back.
    `,
    examples: [
      ['The runs ./metadata.json records', '$0 runs'],
      ['Another dataset, as JSON', '$0 runs --metadata /mnt/datasets/shop.json --json'],
    ],
  });

  metadata = Option.String('--metadata', './metadata.json', { description: 'Metadata file (default ./metadata.json)', validator: isMetadataFile });
  json = Option.Boolean('--json', false, { description: 'Print the runs as JSON on stdout' });

  override async execute(): Promise<number> {
    const { listRuns } = await import('../../run/runs/listRuns.js');
    const list = await listRuns(this.metadata);
    this.context.stdout.write(this.json ? `${JSON.stringify(list, null, 2)}\n` : printable(plainList(list, this.metadata)));
    return 0;
  }
}

/** 1234567 as 1,234,567: a run's rows are read exactly here, not at a glance. */
const exact = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${exact(n)} ${word}${n === 1 ? '' : 's'}`;

function runLines(run: ListedRun): string[] {
  const width = Math.max(9, ...Object.keys(run.tables).map((name) => name.length));
  const lines = [`${run.run_id}  as-of ${run.as_of}  seed ${run.seed}  finished ${run.finished_at.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC')}`];
  for (const [name, table] of Object.entries(run.tables)) {
    const rows = table.rows === undefined ? '' : `${exact(table.rows)} rows`;
    const ids = table.per_parent === undefined ? `ids ${table.first_id}-${table.last_id}` : `lines of ${table.per_parent} ${table.first_id}-${table.last_id}`;
    lines.push(`  ${name.padEnd(width)} ${rows.padStart(14)}  ${ids}  ${plural(table.files, 'file')}  ${formatBytes(table.bytes)}`);
  }
  if (run.manifest !== undefined) lines.push(`  ${'manifest'.padEnd(width)} ${run.manifest}`);
  return lines;
}

function plainList(list: RunList, given: string): string {
  const lines = [`synthgen runs of ${given}: ${plural(list.runs.length, 'run')}`];
  for (const [name, ids] of Object.entries(list.legacy)) lines.push(`  ${name}: ids ${ids.first_id}-${ids.last_id} from the original tool (no run of synthgen made them)`);
  for (const run of list.runs) lines.push(...runLines(run));
  if (list.interrupted) lines.push(`interrupted run ${list.interrupted.run_id} is not finished: ${list.interrupted.command}`);
  return `${lines.join('\n')}\n`;
}
