/** The report `synthgen verify --json` prints, as tests read it. */
export interface Check {
  check: string;
  result: string;
  detail: string;
}

export interface Report {
  ok: boolean;
  checks: Check[];
}

/** The report's violation lines, in its order. */
export const violations = (report: Report): Check[] => report.checks.filter((c) => c.result === 'violation');
