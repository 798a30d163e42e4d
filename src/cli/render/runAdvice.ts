/**
 * What a stopped or refused run tells the user to do next, in the commands of this CLI: the one that finishes the
 * interrupted run, and the one that removes what it wrote. A resume must load the tables' definitions again, each
 * with the flag of its kind: a schema file's with --schema, a module's with --tables.
 */
import { resolve } from 'node:path';
import type { ResumableRunError, StoppedRun } from '../../errors/resumableRunError.js';
import { describeFormat } from '../../records/parquetFormat.js';
import { formatFlags } from './formatFlags.js';
import { CLI_WORDS } from './cliVocabulary.js';
import type { RecordedSetting, ResumeDiffers } from '../../run/spec/resumeDiffers.js';
import type { RunSpec } from '../../run/spec/runSpec.js';

/** The run's files, as the commands name them. */
type Where = Pick<StoppedRun, 'metadataPath' | 'modules' | 'schemas'>;

function metadataFlag(metadataPath: string): string {
  return resolve(metadataPath) === resolve('./metadata.json') ? '' : ` --metadata ${metadataPath}`;
}

/** `synthgen --resume --schema bank.yaml --metadata m.json`. */
export function resumeCommand({ metadataPath, modules, schemas }: Where): string {
  const tables = [...[...new Set(modules)].map((module) => ` --tables ${module}`), ...[...new Set(schemas)].map((file) => ` --schema ${file}`)].join('');
  return `synthgen --resume${tables}${metadataFlag(metadataPath)}`;
}

/** The command that removes what an interrupted run on this metadata wrote. */
export function discardCommand(metadataPath: string): string {
  return `synthgen --discard-interrupted${metadataFlag(metadataPath)}`;
}

/** The sentence every stopped run ends with. */
export function howToFinish(where: Where): string {
  return `Run the same command again (or ${resumeCommand(where)}) to finish it, or ${discardCommand(where.metadataPath)} to remove what it wrote.`;
}

/** The engine's account of a stopped run, with the advice it calls for. */
export function stoppedRunText(error: ResumableRunError): string {
  const { run, next } = error;
  const reason = error.render(CLI_WORDS);
  switch (next.kind) {
    case 'finish-or-discard':
      return `${reason} ${howToFinish(run)}`;
    case 'fix-and-discard':
      return `${reason}: fix the table's definition, remove what the run wrote with ${discardCommand(run.metadataPath)}, and run again`;
    case 'finish-or-delete':
      return `${reason}: finish it with ${resumeCommand(run)}, or delete its objects (${next.objects}) and then ${next.record}`;
  }
}

/** The flag (and value) that asks for the run's own setting; a run started without --since has only the flag to drop. */
function recordedFlag(run: RunSpec, setting: RecordedSetting): string {
  switch (setting) {
    case 'tables':
      return `--table-names ${run.tables.join(',')}`;
    case 'rows':
      return `--num-rows ${run.tables.map((t) => `${t}=${run.rows[t]}`).join(',')}`;
    case 'fileSizeLimit':
      return `--file-size-limit ${run.fileSizeLimitMB}`;
    case 'format':
      return `${formatFlags(run.format).join(' ')} (${describeFormat(run.format)})`;
    case 'seed':
      return `--seed ${run.seed}`;
    case 'asOf':
      return `--as-of ${run.asOf}`;
    case 'since':
      return run.since === undefined ? '--since' : `--since ${run.since}`;
  }
}

/** A resume that asks for another setting than the run's: the flag to drop, or what to pass instead. */
export function resumeDiffersText({ run, setting }: ResumeDiffers): string {
  const differs = recordedFlag(run, setting);
  const [flag, ...value] = differs.split(' ');
  return `--resume finishes run ${run.runId} as it was started (${run.command}), which differs in ${flag}: drop the flag${value.length > 0 ? ` or pass ${differs}` : ''}`;
}
