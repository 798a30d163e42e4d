/** What a run reports of its uploads: the output target measures it, the run's summary carries it. */
export interface UploadSummary {
  readonly target: string;
  readonly objects: number;
  readonly bytes: number;
  /** Time with at least one upload under way. */
  readonly seconds: number;
  readonly mb_per_second: number;
}
