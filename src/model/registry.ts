/**
 * The tables a run can make: the built-in ones and those of the user's modules, checked together and ordered so that
 * parents come before children (topologically, not by list position). Each table is compiled once here against
 * stand-in parent ranges, which runs every SQL builder: a field that reads an unknown field, a parent it does not
 * declare, a pool it does not list, or itself, fails now with one line naming the table and the field, not in a
 * worker as a DuckDB binder error.
 */
import { createHash } from 'node:crypto';
import { standInOwn, standInParents } from './time/standInRanges.js';
import { type TableLookup, compileTable } from './compileTable.js';
import type { CompiledTable, TableRows } from './compiledTable.js';
import { DefinitionError, definitionProblem, isTable } from './defineTable.js';
import { originalPool, poolValues } from './poolValues.js';
import type { PoolDefinition, TableDefinition } from './tableDefinition.js';
import type { LegacyTableSpec } from './legacy/legacyTable.js';
import { NO_CACHE, type ValueCache } from './valueCache.js';
import { BUILTIN_ORIGIN, type TableOrigin, describeOrigin } from '../records/tableOrigin.js';

export interface RegisteredTable {
  readonly definition: TableDefinition;
  /** Where it comes from; built-in when absent. */
  readonly origin?: TableOrigin;
}

/** Stand-in rows for checking and hashing a definition: what they compile to depends only on the definitions. */
const CHECK_AS_OF = '2025-01-01T00:00:00Z';
const CHECK_ROWS = 1000;

/**
 * The tables a table's rows need made first: its parents, the tables of its group parent's first draws, and the
 * other parents of its children tables, whose lines its aggregates recompute.
 */
export function prerequisites(definition: TableDefinition, definitions: readonly TableDefinition[]): string[] {
  // A children table's first draws (ChildrenOf.firstDraws) recompute its parent's picks among their tables' rows.
  const needed = new Set([...definition.parents.map((p) => p.table), ...(definition.timeline?.after ?? []), ...Object.keys(definition.children?.firstDraws?.draws ?? {})]);
  for (const child of definitions) {
    if (child.children?.parent !== definition.name) continue;
    for (const parent of child.parents) if (parent.table !== definition.name) needed.add(parent.table);
  }
  return [...needed];
}

/** Parents before children, keeping the given order among tables that do not depend on each other. */
function topologicalOrder(entries: readonly RegisteredTable[]): RegisteredTable[] {
  const placed = new Set<string>();
  const ordered: RegisteredTable[] = [];
  const definitions = entries.map((entry) => entry.definition);
  let remaining = [...entries];
  while (remaining.length > 0) {
    const ready = remaining.find((entry) => prerequisites(entry.definition, definitions).every((table) => placed.has(table)));
    if (!ready) {
      const names = remaining.map((entry) => entry.definition.name).join(', ');
      throw new DefinitionError(`tables ${names} reference each other as parents in a cycle: a parent must be generated before its children, so break the cycle`);
    }
    ordered.push(ready);
    placed.add(ready.definition.name);
    remaining = remaining.filter((entry) => entry !== ready);
  }
  return ordered;
}

export class TableRegistry {
  readonly #tables: ReadonlyMap<string, RegisteredTable>;
  readonly #builtinPools: ReadonlySet<PoolDefinition>;
  /** How the original tool's files of the tables it made are read (run/legacy/), by table. */
  readonly #legacy: Readonly<Record<string, LegacyTableSpec>>;
  /** Where the built-in pools' values and the part sizes are kept between runs (the door's disk cache). */
  readonly cache: ValueCache;
  /** Each table against stand-in ranges, compiled once when the registry is made; hashing reads it again. */
  readonly #checked = new Map<string, CompiledTable>();
  readonly lookup: TableLookup = (name) => this.#tables.get(name)?.definition;

  private constructor(ordered: readonly RegisteredTable[], builtinPools: ReadonlySet<PoolDefinition>, legacy: Readonly<Record<string, LegacyTableSpec>>, cache: ValueCache) {
    this.#tables = new Map(ordered.map((entry) => [entry.definition.name, entry]));
    this.#builtinPools = builtinPools;
    this.#legacy = legacy;
    this.cache = cache;
  }

  /** Checks the tables together; the first problem is thrown as one line naming the table and field. */
  static create(entries: readonly RegisteredTable[], builtinPools: ReadonlySet<PoolDefinition>, legacy: Readonly<Record<string, LegacyTableSpec>> = {}, cache: ValueCache = NO_CACHE): TableRegistry {
    const byName = new Map<string, RegisteredTable>();
    for (const entry of entries) {
      if (!isTable(entry.definition)) throw new DefinitionError(`${describeOrigin(entry.origin ?? BUILTIN_ORIGIN)}: a table must be made with defineTable()`);
      const name = entry.definition.name;
      const earlier = byName.get(name);
      if (earlier) throw definitionProblem(name, undefined, `is defined twice (by ${describeOrigin(earlier.origin ?? BUILTIN_ORIGIN)} and ${describeOrigin(entry.origin ?? BUILTIN_ORIGIN)}): rename one`);
      byName.set(name, entry);
    }
    for (const { definition } of entries) {
      for (const parent of definition.parents) {
        const known = byName.get(parent.table);
        if (!known) {
          throw definitionProblem(definition.name, `parent ${parent.table}`, (w) => `no table ${parent.table} is defined: define it, or pass the module that does with ${w.tablesModules}`);
        }
        // A children table's keys are (parent id, line), not IDs a pick could draw.
        if (known.definition.children) {
          throw definitionProblem(definition.name, `parent ${parent.table}`, `${parent.table} is a children table (its rows come in groups per ${known.definition.children.parent}), so it cannot be referenced: reference ${known.definition.children.parent}`);
        }
      }
    }
    const registry = new TableRegistry(topologicalOrder(entries), builtinPools, legacy, cache);
    registry.#checkPoolNames();
    // Every table is compiled now, so that a mistake is one line before anything runs, but for those entered as
    // built-in (the release's own, pinned by its tests): they are compiled when first used. Compiling all three up
    // front cost every command ~0.6 CPU-seconds before its first step, a refusal of a bad flag included.
    for (const { definition, origin } of registry.#tables.values()) if (origin?.kind !== 'builtin') registry.compileForCheck(definition.name);
    return registry;
  }

  /**
   * The same tables as new definitions of the same names, parents and children (a schema file's tables once the
   * dataset's records gave them their versions, schemaFile/loadSchemaTables.ts), with their origins. What they may
   * differ in (a version, an origin) is read by no check, so nothing is checked again: the registry is made once.
   * Each table is compiled for checking afresh when first asked.
   */
  revised(entries: readonly RegisteredTable[]): TableRegistry {
    const byName = new Map(entries.map((entry) => [entry.definition.name, entry]));
    const shape = (definition: TableDefinition) => JSON.stringify([definition.parents, definition.children ?? null, definition.pools.map((pool) => pool.name)]);
    const ordered = this.names.flatMap((name) => {
      const entry = byName.get(name);
      const before = this.get(name);
      return entry && before && shape(entry.definition) === shape(before) && isTable(entry.definition) ? [entry] : [];
    });
    if (ordered.length !== this.#tables.size || byName.size !== this.#tables.size) throw new Error('a revised registry has the same tables, parents and children');
    return new TableRegistry(ordered, this.#builtinPools, this.#legacy, this.cache);
  }

  #checkPoolNames(): void {
    const seen = new Map<string, { pool: PoolDefinition; table: string }>();
    for (const { definition } of this.#tables.values()) {
      for (const pool of definition.pools) {
        const other = seen.get(pool.name);
        if (other && other.pool !== pool) throw definitionProblem(definition.name, `pool ${pool.name}`, `${other.table} has another pool of that name: give each its own`);
        seen.set(pool.name, { pool, table: definition.name });
      }
    }
  }

  /** The tables whose rows a table's query reads (prerequisites()). */
  prerequisites(name: string): string[] {
    const definition = this.get(name);
    return definition ? prerequisites(definition, this.definitions) : [];
  }

  /** The children tables of a table (ChildrenOf), made in the same runs as it. */
  childrenOf(name: string): string[] {
    return this.names.filter((table) => this.get(table)?.children?.parent === name);
  }

  /** Every table, parents first. */
  get names(): readonly string[] {
    return [...this.#tables.keys()];
  }

  get definitions(): readonly TableDefinition[] {
    return [...this.#tables.values()].map((entry) => entry.definition);
  }

  get(name: string): TableDefinition | undefined {
    return this.#tables.get(name)?.definition;
  }

  /** Where a table's definition comes from (tableOrigin.ts); a name the registry lacks has none to load: built-in. */
  originOf(name: string): TableOrigin {
    return this.#tables.get(name)?.origin ?? BUILTIN_ORIGIN;
  }

  /** The given tables, parents first; each must be one of the registry's (callers check names first, with a message). */
  ordered(names: readonly string[]): string[] {
    const unknown = names.find((name) => !this.#tables.has(name));
    if (unknown !== undefined) throw new Error(`unknown table ${unknown}: names are checked before they are ordered`);
    return this.names.filter((name) => names.includes(name));
  }

  /** Whether a pool's values may be cached on disk: only the built-in ones, whose builders the package's hash covers. */
  isBuiltinPool(pool: PoolDefinition): boolean {
    return this.#builtinPools.has(originalPool(pool));
  }

  /** The cache a pool's values are kept in: the registry's for a built-in pool, none for a user's. */
  poolCache(pool: PoolDefinition): ValueCache | undefined {
    return this.isBuiltinPool(pool) ? this.cache : undefined;
  }

  /** How the original tool's files of a table are read (run/legacy/), when it made that table. */
  legacyLayout(name: string): LegacyTableSpec | undefined {
    return Object.hasOwn(this.#legacy, name) ? this.#legacy[name] : undefined;
  }

  /** The tables whose original tool's files can be read. */
  get legacyTables(): readonly string[] {
    return Object.keys(this.#legacy);
  }

  compile(name: string, rows: TableRows): CompiledTable {
    const definition = this.get(name);
    if (!definition) throw new Error(`unknown table ${name}`);
    return compileTable(definition, rows, this.lookup);
  }

  /** The table compiled against stand-in parent ranges: what checking and hashing a definition read. */
  compileForCheck(name: string): CompiledTable {
    const known = this.#checked.get(name);
    if (known) return known;
    const definition = this.get(name);
    if (!definition) throw new Error(`unknown table ${name}`);
    const parents = standInParents(name, this.lookup, { rows: () => CHECK_ROWS, seed: 0, asOf: CHECK_AS_OF }, this.prerequisites(name));
    const own = standInOwn(CHECK_ROWS, CHECK_AS_OF);
    const compiled = this.compile(name, { seed: 0, asOf: CHECK_AS_OF, own, parents });
    this.#checked.set(name, compiled);
    return compiled;
  }

  /**
   * A hash of everything that decides a table's values: its compiled SQL (which includes what it recomputes of its
   * parents), its column types and the values of the pools it reads. The metadata records it for a module's tables,
   * so a later run can tell that the module changed under rows already generated.
   */
  async definitionHash(name: string, withVersion = true): Promise<string> {
    const definition = this.get(name);
    if (!definition) throw new Error(`unknown table ${name}`);
    const compiled = this.compileForCheck(name);
    const hash = createHash('sha256');
    const version = withVersion ? definition.version : 0;
    hash.update(JSON.stringify({ name, version, parents: definition.parents, columns: definition.columns.map((c) => [c.name, c.type]) }));
    hash.update(compiled.select(1, CHECK_ROWS));
    for (const pool of compiled.pools) {
      hash.update(JSON.stringify([pool.name, pool.type, await poolValues(pool, this.poolCache(pool))]));
    }
    return hash.digest('hex');
  }
}
