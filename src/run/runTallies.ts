/**
 * The run's tallies (model/tallies.ts): which parts write which tally files, which parts load them, and the order the
 * tables run in so that every tally is written before a part reads it. A table that tallies another of the run (or
 * reads its group parent's written values, model/parentWritten.ts) runs after it, and its first part waits until
 * every part before it is done, unless an earlier wait already saw its sources written. The files are the run's
 * scratch: a resumed run writes again the tallies of parts an earlier attempt finished (runPart in executeParts.ts).
 */
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompiledTable } from '../model/compiledTable.js';
import type { TablePlan } from '../records/plan.js';
import { type TallyInput, type TallyLayout, type TallyOutput, tallyLayouts } from '../model/tallies.js';

export interface RunTallies {
  /** The run's tables in the order their parts run: each after the tables it tallies. */
  readonly order: readonly string[];
  /** Whether the first part of `table` waits for every part before it: it reads tallies of tables of the run not yet waited for. */
  waits(table: string): boolean;
  /** The tallies part `index` of `table` writes, for the tables that read them. */
  outputs(table: string, index: number): readonly TallyOutput[];
  /** The tallies a part of `table` loads. */
  inputs(table: string): readonly TallyInput[];
  /** Whether part `index` of `table` lacks a tally file it writes (a part an earlier attempt of the run finished). */
  lacks(table: string, index: number): Promise<boolean>;
  /** Where a part is computed again only for its tallies. */
  scratchPart(table: string, index: number): string;
  /** Makes the folder the tallies are written in. */
  prepare(): Promise<void>;
}

function fileOf(folder: string, layout: Pick<TallyLayout, 'table' | 'key' | 'byParent'>, index: number): string {
  return join(folder, `${layout.table}__${layout.key}${layout.byParent ? '__written' : ''}-${index}.parquet`);
}

/**
 * Tables in run order, those that read tallies of others of the run moved after every table that reads none (stable
 * otherwise): they wait once, together, and the tables they wait for run side by side first.
 */
function executionOrder(tables: readonly string[], sourcesOf: (table: string) => readonly string[]): string[] {
  const order: string[] = tables.filter((table) => sourcesOf(table).every((source) => source === table));
  const left = tables.filter((table) => !order.includes(table));
  while (left.length > 0) {
    const ready = left.findIndex((table) => sourcesOf(table).every((source) => source === table || order.includes(source)));
    // A circle of tallies cannot be ordered: the rest keep their order, and a tally not yet written reads as none.
    const [next] = left.splice(ready === -1 ? 0 : ready, 1);
    if (next !== undefined) order.push(next);
  }
  return order;
}

/**
 * The tables whose first part waits for every part before it. Once one has waited, every table before it is written,
 * so a later table waits only for a source at or after the last that waited (users and products wait once, together).
 */
function waitingTables(order: readonly string[], sourcesOf: (table: string) => readonly string[]): Set<string> {
  const waiting = new Set<string>();
  let written = 0;
  order.forEach((table, position) => {
    if (sourcesOf(table).some((source) => source !== table && order.indexOf(source) >= written)) {
      waiting.add(table);
      written = position;
    }
  });
  return waiting;
}

export function runTallies(tables: readonly string[], compiled: ReadonlyMap<string, CompiledTable>, plans: Readonly<Record<string, TablePlan>>, scratch: string): RunTallies {
  const folder = join(scratch, 'tallies');
  const inRun = new Set(tables);
  // One file per (table, key) and part, holding every column any table of the run asks of it.
  const reads = tables.flatMap((table) => (compiled.get(table)?.tallies ?? []).flatMap((layout) => (inRun.has(layout.table) ? layout.columns : [])));
  const written = tallyLayouts(reads);
  const sourcesOf = (table: string) => (compiled.get(table)?.tallies ?? []).map((layout) => layout.table).filter((source) => inRun.has(source));
  const outputs = (table: string, index: number): TallyOutput[] => written.filter((layout) => layout.table === table).map((layout) => ({ ...layout, path: fileOf(folder, layout, index) }));
  const order = executionOrder(tables, sourcesOf);
  const waiting = waitingTables(order, sourcesOf);
  return {
    order,
    waits: (table) => waiting.has(table),
    outputs,
    inputs: (table) =>
      (compiled.get(table)?.tallies ?? []).map((layout) => {
        const parts = inRun.has(layout.table) ? (plans[layout.table]?.parts ?? 0) : 0;
        // Every column the file holds is read back by its name; the part loads only the ones its table reads.
        return { ...layout, files: Array.from({ length: parts }, (_, index) => fileOf(folder, layout, index)) };
      }),
    lacks: async (table, index) => {
      for (const output of outputs(table, index)) {
        if (!(await access(output.path).then(() => true, () => false))) return true;
      }
      return false;
    },
    scratchPart: (table, index) => join(folder, `computed-${table}-${index}.parquet`),
    prepare: async () => {
      if (written.length > 0) await mkdir(folder, { recursive: true });
    },
  };
}
