/**
 * Which functions a schema file's SQL may call, as DuckDB itself declares them (duckdb_functions()): a scalar
 * function whose every overload DuckDB marks CONSISTENT (the same result for the same arguments), or a built-in
 * macro whose body calls only such functions. Anything else is refused: VOLATILE functions (random(), error(),
 * sleep_ms()), CONSISTENT_WITHIN_QUERY ones (now(), get_current_time(), txid_current()), aggregates and table
 * functions. An allow-list read from the DuckDB synthgen pins, so a function a later DuckDB adds is judged by its
 * own declaration, never let through by a list that did not know it.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Functions DuckDB 1.5 marks CONSISTENT whose value is not a function of their arguments: the session's settings
 * (threads, memory_limit and temp_directory differ by worker and machine) and the local clock.
 */
const MISLABELLED: ReadonlySet<string> = new Set(['current_setting', 'current_localtimestamp', 'current_localtime']);

export type Verdict = 'consistent' | 'varies' | 'aggregate' | 'table' | 'unknown';

interface Entry {
  readonly types: Set<string>;
  readonly stabilities: Set<string>;
  readonly macros: { readonly body: string; readonly parameters: readonly string[] }[];
}

export class FunctionCatalog {
  readonly #entries: ReadonlyMap<string, Entry>;
  readonly #verdicts = new Map<string, Promise<Verdict>>();
  readonly #connection: DuckDBConnection;

  private constructor(connection: DuckDBConnection, entries: ReadonlyMap<string, Entry>) {
    this.#connection = connection;
    this.#entries = entries;
  }

  static async load(connection: DuckDBConnection): Promise<FunctionCatalog> {
    const reader = await connection.runAndReadAll('SELECT function_name AS name, function_type AS type, stability, macro_definition AS macro, parameters FROM duckdb_functions()');
    const entries = new Map<string, Entry>();
    for (const row of reader.getRowObjectsJson()) {
      const name = String(row['name']).toLowerCase();
      const entry = entries.get(name) ?? { types: new Set<string>(), stabilities: new Set<string>(), macros: [] };
      entry.types.add(String(row['type']));
      if (row['type'] === 'scalar') entry.stabilities.add(String(row['stability']));
      if (row['type'] === 'macro' && typeof row['macro'] === 'string') entry.macros.push({ body: row['macro'], parameters: Array.isArray(row['parameters']) ? row['parameters'].map(String) : [] });
      entries.set(name, entry);
    }
    return new FunctionCatalog(connection, entries);
  }

  /** Whether DuckDB has a function (or macro) of this name. */
  has(name: string): boolean {
    return this.#entries.has(name.toLowerCase());
  }

  /** What DuckDB declares of the function `name`. */
  verdict(name: string): Promise<Verdict> {
    const key = name.toLowerCase();
    let verdict = this.#verdicts.get(key);
    if (!verdict) {
      // Settled as 'varies' while it is judged: a macro that reaches itself again is not trusted.
      this.#verdicts.set(key, Promise.resolve('varies'));
      verdict = this.#judge(key);
      this.#verdicts.set(key, verdict);
    }
    return verdict;
  }

  async #judge(name: string): Promise<Verdict> {
    const entry = this.#entries.get(name);
    if (!entry) return 'unknown';
    if (MISLABELLED.has(name)) return 'varies';
    if (entry.types.has('scalar')) return [...entry.stabilities].every((s) => s === 'CONSISTENT') ? 'consistent' : 'varies';
    if (entry.types.has('macro')) {
      // A body is as consistent as what it calls; what it calls that DuckDB does not know is not trusted.
      for (const macro of entry.macros) {
        for (const called of await this.#calledIn(macro.body, macro.parameters)) {
          const verdict = await this.verdict(called);
          if (verdict !== 'consistent') return verdict === 'aggregate' ? 'aggregate' : 'varies';
        }
      }
      return 'consistent';
    }
    return entry.types.has('aggregate') ? 'aggregate' : 'table';
  }

  /**
   * The functions a macro's body calls, as DuckDB's parser reads it, and the bare names it reads that are neither
   * its parameters nor its lambdas' (current_timestamp is one: DuckDB calls it).
   */
  async #calledIn(body: string, parameters: readonly string[]): Promise<string[]> {
    const reader = await this.#connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS tree', [`SELECT ${body}`]);
    const tree: unknown = JSON.parse(String(reader.getRowObjects()[0]?.['tree']));
    if ((tree as { error?: boolean }).error) return ['(a body that does not parse)'];
    const called: string[] = [];
    const read: string[] = [];
    const bound = new Set(parameters);
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (typeof value !== 'object' || value === null) return;
      const node = value as Record<string, unknown>;
      if (node['class'] === 'FUNCTION' && typeof node['function_name'] === 'string') called.push(node['function_name']);
      if (node['class'] === 'LAMBDA') JSON.stringify(node['lhs']).replace(/"column_names":\["([^"]+)"/g, (_, name: string) => (bound.add(name), ''));
      if (node['class'] === 'COLUMN_REF' && Array.isArray(node['column_names'])) read.push(String(node['column_names'][0]));
      Object.values(node).forEach(visit);
    };
    visit(tree);
    return [...called, ...read.filter((name) => !bound.has(name))];
  }
}
