/** Progress on stderr while a run goes, one line rewritten in place; only when stderr is a terminal. */
import type { ProgressEvent } from '../run/runTypes.js';
import { printableLine } from './render/printable.js';

export function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} B`;
}

export function progressReporter(stream: NodeJS.WriteStream): ((event: ProgressEvent) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let parts = 0;
  let rows = 0;
  let doneParts = 0;
  let doneRows = 0;
  let bytes = 0;
  const start = performance.now();
  return (event) => {
    if (event.type === 'phase' || event.type === 'upload-wait') return;
    if (event.type === 'notice') {
      stream.write(`\r\x1b[2K${printableLine(event.message)}\n`);
      return;
    }
    if (event.type === 'planned') {
      parts = event.parts;
      rows = event.rows;
    } else {
      doneParts += 1;
      doneRows += event.rows;
      bytes += event.bytes;
    }
    const seconds = (performance.now() - start) / 1000;
    const rate = doneRows / Math.max(seconds, 1e-3);
    const eta = rate > 0 ? Math.ceil((rows - doneRows) / rate) : undefined;
    const line = `parts ${doneParts}/${parts} · ${formatCount(doneRows)}/${formatCount(rows)} rows · ${formatCount(rate)} rows/s · ${formatBytes(bytes)}${eta !== undefined ? ` · ETA ${eta}s` : ''}`;
    stream.write(`\r\x1b[2K${line}`);
    if (doneParts === parts && parts > 0) stream.write('\n');
  };
}
