/** Exit codes a run's errors carry, shared by the engine, its output targets and the CLI. */

/** Exit code of a run that stopped part-way and can be finished by running it again. */
export const EXIT_RESUMABLE = 3;
