/** What `synthgen verify` reports: one line per check, and the totals. */

export interface VerifyCheck {
  readonly check: string;
  /** 'skipped' when what it needs is not there (a parent table's files, say). */
  readonly result: 'ok' | 'violation' | 'skipped';
  readonly detail: string;
  /** For a violation: the primary keys of the first few offending rows (up to 5, the lowest), also in `detail`. */
  readonly ids?: readonly number[];
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
