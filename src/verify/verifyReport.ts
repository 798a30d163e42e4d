/** What `synthgen verify` reports: one line per check, and the totals. */

export interface VerifyCheck {
  readonly check: string;
  /** 'skipped' when what it needs is not there (a parent table's files, say). */
  readonly result: 'ok' | 'violation' | 'skipped';
  readonly detail: string;
}

export interface VerifyReport {
  readonly root: string;
  readonly ok: boolean;
  readonly runs: number;
  readonly files: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly violations: number;
  readonly checks: readonly VerifyCheck[];
}
