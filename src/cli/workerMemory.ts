/**
 * SYNTHGEN_WORKER_MEMORY_MB, read here at the door: each DuckDB thread's memory limit in MB, handed to the worker
 * pool, verify and report as a setting (workers/workerBudget.ts). A bad value is one line before anything starts.
 */
import { parseMemoryPerThreadMB } from '../workers/workerBudget.js';

export function workerMemory(env: NodeJS.ProcessEnv = process.env): { readonly memoryPerThreadMB?: number } {
  const mb = parseMemoryPerThreadMB(env.SYNTHGEN_WORKER_MEMORY_MB);
  return mb === undefined ? {} : { memoryPerThreadMB: mb };
}
