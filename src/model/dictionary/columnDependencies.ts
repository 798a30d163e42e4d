/**
 * What each column depends on, from what the compiler recorded its SQL reading (compileTable.ts): the other columns
 * of its table, its parents' columns, and engine inputs (its own draws, creation time, parent picks, pools). Helper
 * fields are not written, so the walk goes through them to the columns and inputs they read; a helper that a column
 * merely shows (the column reads it and nothing else: `registration_date` is `_registered` as a timestamp) is named
 * as that column, since that is where a reader sees its value.
 */
import { type FieldReads, type TableLookup, compileTable } from '../compileTable.js';
import type { EngineInput } from '../recordedSource.js';
import type { TableDefinition } from '../tableDefinition.js';
import { standInOwn, standInParents } from '../time/standInRanges.js';

export interface ColumnDependencies {
  /** Other columns of the same table, in column order. */
  readonly columns: readonly string[];
  /** Parents' columns, `users.registration_date`, in the order of the parents and their columns. */
  readonly parents: readonly string[];
  /** Engine inputs: `own id`, `own draws`, `own creation time`, `as-of`, `pick of users`, `pool street_name`, ... */
  readonly inputs: readonly EngineInput[];
}

/** The stand-in run the dictionary compiles against: what a field reads does not depend on it. */
const AS_OF = '2025-01-01T00:00:00Z';
const ROWS = 1000;

/** Per table: the helpers some column merely shows, and the first such column. */
type Shown = (table: string) => ReadonlyMap<string, string>;

function shownHelpers(definition: TableDefinition, reads: ReadonlyMap<string, FieldReads>): Map<string, string> {
  const shown = new Map<string, string>();
  for (const column of definition.columns) {
    const field = reads.get(column.name);
    const [only] = field?.fields ?? [];
    const helper = only === undefined ? undefined : reads.get(only);
    if (field?.fields.length !== 1 || field.inputs.length > 0 || !helper || helper.engine || helper.table !== definition.name) continue;
    if (!shown.has(helper.field)) shown.set(helper.field, column.name);
  }
  return shown;
}

class Walk {
  readonly columns = new Set<string>();
  readonly parents = new Set<string>();
  readonly inputs = new Set<EngineInput>();
  readonly #seen = new Set<string>();

  constructor(
    readonly definition: TableDefinition,
    readonly reads: ReadonlyMap<string, FieldReads>,
    readonly tables: TableLookup,
    readonly shown: Shown,
    readonly start: string,
  ) {}

  /** The field's own inputs, and through each field it reads, what that one gives. */
  from(name: string): void {
    const field = this.reads.get(name);
    if (!field) return;
    for (const input of field.inputs) this.inputs.add(input);
    for (const read of field.fields) this.visit(read);
  }

  visit(name: string): void {
    if (this.#seen.has(name)) return;
    this.#seen.add(name);
    const field = this.reads.get(name);
    if (!field) return;
    if (field.engine) {
      this.inputs.add(field.field);
      return;
    }
    const owner = field.table === this.definition.name ? this.definition : this.tables(field.table);
    const column = owner?.columns.some((c) => c.name === field.field) ? field.field : this.shown(field.table).get(field.field);
    // The column being described may show this helper itself: then what it depends on is what the helper reads.
    if (column === undefined || (owner === this.definition && column === this.start)) {
      this.from(name);
    } else if (owner === this.definition) {
      this.columns.add(column);
    } else {
      this.parents.add(`${field.table}.${column}`);
    }
  }
}

/** Engine inputs in a fixed order: the row's own, then each parent's in the order of the parents, then pools. */
function inputRank(definition: TableDefinition): (input: EngineInput) => number {
  const own = ['own id', 'own draws', 'own creation time', 'as-of'];
  const perParent = ['pick of', 'draws of', 'creation time of', 'as-of of'];
  return (input) => {
    const index = own.indexOf(input);
    if (index >= 0) return index;
    const parent = definition.parents.findIndex((p) => input.endsWith(` of ${p.table}`));
    const kind = perParent.findIndex((k) => input.startsWith(`${k} `));
    return parent >= 0 && kind >= 0 ? own.length + parent * perParent.length + kind : Number.MAX_SAFE_INTEGER;
  };
}

function ordered(definition: TableDefinition, walk: Walk, tables: TableLookup): ColumnDependencies {
  const parentOrder = definition.parents.flatMap((p) => (tables(p.table)?.columns ?? []).map((c) => `${p.table}.${c.name}`));
  const rank = inputRank(definition);
  // Reading a parent's column implies its pick: say the pick only when nothing of the parent's is named.
  const named = new Set([...walk.parents].map((p) => p.split('.')[0]));
  const inputs = [...walk.inputs].filter((i) => !(i.startsWith('pick of ') && named.has(i.slice('pick of '.length))));
  return {
    columns: definition.columns.map((c) => c.name).filter((c) => walk.columns.has(c)),
    parents: parentOrder.filter((p) => walk.parents.has(p)),
    inputs: inputs.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)),
  };
}

function readsOf(definition: TableDefinition, tables: TableLookup): ReadonlyMap<string, FieldReads> {
  const parents = standInParents(definition.name, tables, { rows: () => ROWS, seed: 0, asOf: AS_OF });
  return compileTable(definition, { seed: 0, asOf: AS_OF, own: standInOwn(ROWS, AS_OF), parents }, tables).reads;
}

/** Each column's dependencies, by column name. `tables` must know the table's parents (and theirs). */
export function columnDependencies(definition: TableDefinition, tables: TableLookup): ReadonlyMap<string, ColumnDependencies> {
  const reads = readsOf(definition, tables);
  const known = new Map<string, ReadonlyMap<string, string>>([[definition.name, shownHelpers(definition, reads)]]);
  const shown: Shown = (table) => {
    let helpers = known.get(table);
    const parent = tables(table);
    if (!helpers && parent) known.set(table, (helpers = shownHelpers(parent, readsOf(parent, tables))));
    return helpers ?? new Map();
  };
  const result = new Map<string, ColumnDependencies>();
  for (const column of definition.columns) {
    const walk = new Walk(definition, reads, tables, shown, column.name);
    walk.from(column.name);
    result.set(column.name, ordered(definition, walk, tables));
  }
  return result;
}

/** `registration_date, users.country; own draws`, or `nothing` for a constant. */
export function describeDependencies(dependencies: ColumnDependencies): string {
  const fields = [...dependencies.columns, ...dependencies.parents].join(', ');
  const inputs = dependencies.inputs.join(', ');
  return [fields, inputs].filter((part) => part !== '').join('; ') || 'nothing (a constant)';
}
