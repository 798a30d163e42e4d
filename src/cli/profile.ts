/**
 * `--profile`: where a run's time went, printed to stderr at the end: the phases' wall-clock time, then per table
 * the workers' time split into generating rows, writing Parquet and checksums, then (with S3) the waits for uploads.
 */
import type { ProgressEvent } from '../run/runTypes.js';

interface TableTimes {
  parts: number;
  setup: number;
  copy: number;
  generate: number;
  write: number;
  checksum: number;
}

const seconds = (value: number) => `${value.toFixed(2)} s`;

export class Profile {
  readonly #phases: { phase: string; seconds: number }[] = [];
  readonly #tables = new Map<string, TableTimes>();
  #uploadWait: { heldBackSeconds: number; afterLastPartSeconds: number } | undefined;

  record(event: ProgressEvent): void {
    if (event.type === 'phase') this.#phases.push({ phase: event.phase, seconds: event.seconds });
    if (event.type === 'upload-wait') this.#uploadWait = event;
    if (event.type === 'part') {
      const table = this.#tables.get(event.table) ?? { parts: 0, setup: 0, copy: 0, generate: 0, write: 0, checksum: 0 };
      table.parts += 1;
      table.setup += event.timings.setupMs / 1000;
      table.copy += event.timings.copyMs / 1000;
      table.generate += (event.timings.split?.generateMs ?? 0) / 1000;
      table.write += (event.timings.split?.writeMs ?? 0) / 1000;
      table.checksum += event.timings.checksumMs / 1000;
      this.#tables.set(event.table, table);
    }
  }

  report(): string {
    const lines = ['profile (wall-clock per phase):'];
    for (const { phase, seconds: s } of this.#phases) lines.push(`  ${phase.padEnd(36)} ${seconds(s)}`);
    if (this.#tables.size > 0) {
      lines.push('profile (worker time summed over the parts written in this run):');
      for (const [table, t] of this.#tables) {
        lines.push(
          `  ${table.padEnd(9)} ${String(t.parts).padStart(4)} parts  generate rows ${seconds(t.generate)}  write Parquet ${seconds(t.write)}  load pools and plan ${seconds(t.copy - t.generate - t.write)}  sha256 ${seconds(t.checksum)}  setup ${seconds(t.setup)}`,
        );
      }
    }
    if (this.#uploadWait) {
      lines.push('profile (waiting for uploads):');
      lines.push(`  generation held back while uploads caught up  ${seconds(this.#uploadWait.heldBackSeconds)} (summed over workers)`);
      lines.push(`  after the last part was written               ${seconds(this.#uploadWait.afterLastPartSeconds)}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
