/** `--profile`: where a run's time went, printed to stderr at the end: phases, then per table the parts' split. */
import type { ProgressEvent } from '../engine/run.js';

export class Profile {
  readonly #phases: { phase: string; seconds: number }[] = [];
  readonly #tables = new Map<string, { parts: number; setup: number; copy: number; checksum: number }>();

  record(event: ProgressEvent): void {
    if (event.type === 'phase') this.#phases.push({ phase: event.phase, seconds: event.seconds });
    if (event.type === 'part') {
      const table = this.#tables.get(event.table) ?? { parts: 0, setup: 0, copy: 0, checksum: 0 };
      table.parts += 1;
      table.setup += event.timings.setupMs / 1000;
      table.copy += event.timings.copyMs / 1000;
      table.checksum += event.timings.checksumMs / 1000;
      this.#tables.set(event.table, table);
    }
  }

  report(): string {
    const lines = ['profile (wall-clock per phase):'];
    for (const { phase, seconds } of this.#phases) lines.push(`  ${phase.padEnd(36)} ${seconds.toFixed(2)} s`);
    lines.push('profile (worker time summed over parts: generate + COPY to Parquet, then SHA-256):');
    for (const [table, t] of this.#tables) {
      lines.push(`  ${table.padEnd(9)} ${String(t.parts).padStart(4)} parts  generate+copy ${t.copy.toFixed(2)} s  sha256 ${t.checksum.toFixed(2)} s  setup ${t.setup.toFixed(2)} s`);
    }
    return `${lines.join('\n')}\n`;
  }
}
