/**
 * A resume asked for something other than what the interrupted run was doing: it finishes the run only as it was
 * started. The error names the setting and carries the run as recorded; the caller says what to pass instead (the
 * CLI, in its flags: cli/render/runAdvice.ts).
 */
import { UserError } from '../../errors/userError.js';
import type { RunSpec } from './runSpec.js';

/** A setting of the run a resume may not change. */
export type RecordedSetting = 'tables' | 'rows' | 'fileSizeLimit' | 'format' | 'seed' | 'asOf' | 'since';

export class ResumeDiffers extends UserError {
  /** The interrupted run, as it recorded itself. */
  readonly run: RunSpec;
  readonly setting: RecordedSetting;

  constructor(run: RunSpec, setting: RecordedSetting) {
    super(`run ${run.runId} was started with another ${setting} (${run.command}): a resume finishes it as it was started`);
    this.run = run;
    this.setting = setting;
  }
}
