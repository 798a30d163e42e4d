/**
 * Reserving a run's ID ranges: each table continues after its last recorded ID, children may only reference parents
 * synthgen can recompute, and the metadata a successful run will commit is computed here, before anything is
 * written, so bad input fails without side effects.
 */
import { UserError } from '../errors/userError.js';
import type { Metadata, TableOriginRecord, TableState } from '../state/metadata.js';
import { type ParentRange, type Segment, isLegacy } from '../state/segment.js';
import type { TableRegistry } from '../schema/registry.js';

export interface Reservation {
  readonly first: number;
  readonly last: number;
  /** For each parent table, the ranges this run's rows may reference. */
  readonly parents: Record<string, ParentRange[]>;
}

function recomputable(state: TableState | undefined): Segment[] {
  return (state?.segments ?? []).filter((segment): segment is Segment => !isLegacy(segment));
}

export function reserveRanges(options: {
  readonly tables: readonly string[];
  readonly rows: Readonly<Record<string, number>>;
  readonly seed: number;
  readonly asOf: string;
  readonly runId: string;
  readonly before: Metadata;
  readonly registry: TableRegistry;
  /** The module tables' origins (tableOrigins.ts), recorded with their state. */
  readonly origins?: Readonly<Record<string, TableOriginRecord>>;
}): { reserved: Map<string, Reservation>; after: Record<string, TableState> } {
  const reserved = new Map<string, Reservation>();
  const after: Record<string, TableState> = { ...options.before.tables };
  for (const name of options.registry.ordered(options.tables)) {
    const definition = options.registry.get(name);
    if (!definition) throw new UserError(`unknown table ${name}`);
    const state = options.before.tables[name];
    for (const segment of recomputable(state)) {
      if (segment.version !== definition.version) {
        throw new UserError(
          `existing ${name} rows were made by generator version ${segment.version}, this synthgen makes version ${definition.version}: use the synthgen release that made them, or a new --metadata and --out`,
        );
      }
    }
    const parents: Record<string, ParentRange[]> = {};
    for (const reference of definition.parents) {
      const parentSegments = recomputable(after[reference.table]);
      if (parentSegments.length === 0) {
        const legacyOnly = (after[reference.table]?.segments.length ?? 0) > 0;
        throw new UserError(
          legacyOnly
            ? `existing ${reference.table} were made by the legacy tool and cannot be recomputed, so ${name} cannot reference them: generate ${reference.table} with synthgen first, e.g. synthgen --table-names ${reference.table} --num-rows 1000`
            : `No existing ${reference.table} found: generate ${reference.table} first, e.g. synthgen --table-names ${reference.table} --num-rows 1000`,
        );
      }
      // A loop, not Math.max(...spread): a table may have hundreds of thousands of segments.
      const latest = parentSegments.reduce((most, s) => Math.max(most, Date.parse(s.as_of)), -Infinity);
      if (Date.parse(options.asOf) < latest) {
        throw new UserError(
          `--as-of ${options.asOf} is earlier than the as-of of existing ${reference.table} (${new Date(latest).toISOString()}): ${name} cannot be placed before their parents exist; pass a later --as-of`,
        );
      }
      parents[reference.table] = parentSegments.map(({ first_id, last_id, seed, as_of, version }) => ({ first_id, last_id, seed, as_of, version }));
    }
    const rows = options.rows[name] ?? 0;
    const first = (state?.last_id ?? 0) + 1;
    const last = first + rows - 1;
    if (!Number.isSafeInteger(last)) throw new UserError(`--num-rows for ${name} would take IDs past 2^53: use fewer rows`);
    reserved.set(name, { first, last, parents });
    const segment: Segment = {
      first_id: first,
      last_id: last,
      seed: options.seed,
      as_of: options.asOf,
      version: definition.version,
      run_id: options.runId,
      ...(definition.parents.length > 0
        ? { parents: Object.fromEntries(definition.parents.map((p) => [p.table, after[p.table]?.last_id ?? 0])) }
        : {}),
    };
    const origin = options.origins?.[name];
    after[name] = { last_id: last, segments: [...(state?.segments ?? []), segment], ...(origin ? { definition: origin } : {}) };
  }
  return { reserved, after };
}
