/**
 * How a run stops the parts under way at once (Ctrl-C, SIGTERM): the coordinator posts on a BroadcastChannel named
 * for the run, and each worker thread interrupts its DuckDB query. The COPY then fails, the part's hidden partial
 * file is removed, and the worker stays usable. Terminating the thread instead would abort the process from inside
 * DuckDB's native code.
 */
import { BroadcastChannel } from 'node:worker_threads';

export function stopChannelName(runId: string): string {
  return `synthgen-stop-${runId}`;
}

/** Coordinator side: tells every worker of the run to interrupt what it is doing. */
export function stopWorkers(name: string): void {
  const channel = new BroadcastChannel(name);
  channel.postMessage('stop');
  channel.close();
}

const listening = new Map<string, BroadcastChannel>();

/** Worker side: calls `onStop` when the run posts on `name`; one listener per name per thread. */
export function onStopRequest(name: string, onStop: () => void): void {
  if (listening.has(name)) return;
  const channel = new BroadcastChannel(name);
  // Listening must not keep the thread alive when the pool shuts down.
  channel.unref();
  channel.onmessage = () => onStop();
  listening.set(name, channel);
}
