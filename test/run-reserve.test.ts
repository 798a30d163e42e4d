/**
 * reserveRanges, the pure step that gives a run its IDs and computes the metadata it will commit: IDs continue after
 * what is recorded, a child references only parent rows synthgen can recompute, bad combinations (an as-of before the
 * parents', no parent rows) are refused before anything is written, and the metadata it
 * was given is left as it was.
 */
import { describe, expect, test } from 'vitest';
import { type Metadata, type TableState, emptyMetadata } from '../dist/src/state/metadata.js';
import { reserveRanges } from '../dist/src/run/reserve.js';
import { tableRegistry } from '../dist/src/tables/index.js';

/** The as-of of the runs already recorded in the fixtures. */
const AS_OF = '2026-01-01T00:00:00.000Z';
/** Where the recorded runs' windows start. */
const SINCE = '2025-01-01T00:00:00.000Z';
/** A run that continues a table must come after its last as-of. */
const LATER = '2026-02-01T00:00:00.000Z';
const RUN_ID = '20260102030405-0a1b2c3d';
const registry = tableRegistry();

/** The built-in tables' generator version (they share one). */
const BUILTIN_VERSION = registry.get('users')?.version ?? 0;

const segment = (first_id: number, last_id: number, extra: Partial<{ seed: number; since: string; as_of: string; version: number; run_id: string }> = {}) => ({
  first_id,
  last_id,
  seed: 1,
  since: SINCE,
  as_of: AS_OF,
  version: BUILTIN_VERSION,
  run_id: '20260101000000-00000000',
  ...extra,
});

function metadataWith(tables: Record<string, TableState>): Metadata {
  return { ...emptyMetadata(), tables };
}

function reserve(
  before: Metadata,
  tables: string[],
  rows: Record<string, number>,
  extra: { asOf?: string; since?: string; origins?: Parameters<typeof reserveRanges>[0]['origins'] } = {},
) {
  return reserveRanges({
    tables,
    rows,
    seed: 9,
    asOf: extra.asOf ?? LATER,
    ...(extra.since === undefined ? {} : { since: extra.since }),
    runId: RUN_ID,
    before,
    registry,
    ...(extra.origins ? { origins: extra.origins } : {}),
  });
}

const parents = () => metadataWith({ users: { last_id: 100, segments: [segment(1, 100)] }, products: { last_id: 20, segments: [segment(1, 20)] } });

test('IDs continue after the last segment, and the run adds one segment for them', () => {
  const { reserved, after } = reserve(metadataWith({ users: { last_id: 100, segments: [segment(1, 60), segment(61, 100)] } }), ['users'], { users: 50 });
  expect(reserved.get('users')).toEqual({ first: 101, last: 150, since: AS_OF, parents: {} });
  expect(after.users).toEqual({
    last_id: 150,
    segments: [segment(1, 60), segment(61, 100), { first_id: 101, last_id: 150, seed: 9, since: AS_OF, as_of: LATER, version: BUILTIN_VERSION, run_id: RUN_ID }],
  });
});

test('IDs continue after last_id even where it is past the last segment: no recorded ID is reused', () => {
  const { reserved } = reserve(metadataWith({ users: { last_id: 120, segments: [segment(1, 100)] } }), ['users'], { users: 5 });
  expect(reserved.get('users')).toMatchObject({ first: 121, last: 125 });
});

test('a first run of a table starts at ID 1', () => {
  // Its window starts DEFAULT_HISTORY_YEARS (3) before the as-of when no --since is given.
  expect(reserve(emptyMetadata(), ['users'], { users: 3 }).reserved.get('users')).toEqual({ first: 1, last: 3, since: '2023-02-01T00:00:00Z', parents: {} });
});

test("a child gets its parents' recomputable segments, not their legacy ones", () => {
  const before = metadataWith({
    users: { last_id: 100, segments: [{ first_id: 1, last_id: 50, legacy: true }, segment(51, 100, { seed: 4 })] },
    products: { last_id: 20, segments: [segment(1, 20, { seed: 5 })] },
  });
  const { reserved, after } = reserve(before, ['orders'], { orders: 10 });
  expect(reserved.get('orders')?.parents).toEqual({
    users: [{ first_id: 51, last_id: 100, seed: 4, since: SINCE, as_of: AS_OF, version: BUILTIN_VERSION }],
    products: [{ first_id: 1, last_id: 20, seed: 5, since: SINCE, as_of: AS_OF, version: BUILTIN_VERSION }],
  });
  // The child's segment records how many parent rows existed.
  expect(after.orders?.segments[0]).toEqual({
    first_id: 1,
    last_id: 10,
    seed: 9,
    since: '2023-02-01T00:00:00Z',
    as_of: LATER,
    version: registry.get('orders')?.version,
    run_id: RUN_ID,
    parents: { users: 100, products: 20 },
  });
});

test('a child made in the same run as its parent also references the parent rows of this run', () => {
  const { reserved } = reserve(parents(), ['orders', 'users'], { users: 10, orders: 5 });
  expect(reserved.get('orders')?.parents.users).toEqual([
    { first_id: 1, last_id: 100, seed: 1, since: SINCE, as_of: AS_OF, version: BUILTIN_VERSION },
    { first_id: 101, last_id: 110, seed: 9, since: AS_OF, as_of: LATER, version: BUILTIN_VERSION },
  ]);
});

test("an as-of earlier than a parent's is refused", () => {
  const before = metadataWith({ users: { last_id: 100, segments: [segment(1, 100, { as_of: '2026-03-01T00:00:00.000Z' })] }, products: parents().tables.products as TableState });
  expect(() => reserve(before, ['orders'], { orders: 10 }, { asOf: '2026-02-01T00:00:00.000Z' })).toThrow(
    /asOf 2026-02-01T00:00:00.000Z is earlier than the as-of of existing users \(2026-03-01T00:00:00.000Z\).*pass a later asOf/,
  );
});

test('an as-of equal to the parents’ is accepted', () => {
  expect(() => reserve(parents(), ['orders'], { orders: 10 }, { asOf: AS_OF })).not.toThrow();
});

test('a child with no parent rows is refused, saying to generate the parent first', () => {
  const before = metadataWith({ products: parents().tables.products as TableState });
  expect(() => reserve(before, ['orders'], { orders: 10 })).toThrow(/No existing users found: generate users first/);
});

test('a child whose parent rows are all legacy is refused, naming legacyFiles, or to generate the parent with synthgen', () => {
  const before = metadataWith({ users: { last_id: 50, segments: [{ first_id: 1, last_id: 50, legacy: true }] }, products: parents().tables.products as TableState });
  expect(() => reserve(before, ['orders'], { orders: 10 })).toThrow(/existing users were made by the original tool and synthgen has not read their files, so orders cannot reference them: pass legacyFiles \{ users: .*or generate users with synthgen first, e\.g\. runGeneration\(\{ kind: 'new', tables: \['users'\], rows: \{ users: 1000 \} \}\)$/);
});

test("origins are recorded as the table state's definition, and only for their tables", () => {
  const origin = { kind: 'module', module: '/home/me/tables.mjs', sha256: 'ef'.repeat(32) } as const;
  const { after } = reserve(parents(), ['users', 'orders'], { users: 5, orders: 5 }, { origins: { orders: origin } });
  expect(after.orders?.definition).toEqual(origin);
  expect(after.users).not.toHaveProperty('definition');
});

test('the metadata it is given is never changed', () => {
  const before = parents();
  const copy = structuredClone(before);
  // Frozen all the way down: any write into it throws (ES modules are strict).
  const freeze = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    Object.freeze(value);
    for (const inner of Object.values(value)) freeze(inner);
  };
  freeze(before);
  const { after } = reserve(before, ['users', 'products', 'orders'], { users: 10, products: 10, orders: 10 });
  expect(before).toEqual(copy);
  expect(after.users?.segments).toHaveLength(2);
  expect(after.users?.segments).not.toBe(before.tables.users?.segments);
});

test("a later run's window starts at the table's last as-of, whatever --since says of new tables", () => {
  const { reserved, after } = reserve(parents(), ['users', 'orders'], { users: 5, orders: 5 }, { since: '2024-06-01T00:00:00Z' });
  // users has runs: its window continues from its last as-of; orders has none: its history starts at --since.
  expect(reserved.get('users')?.since).toBe(AS_OF);
  expect(reserved.get('orders')?.since).toBe('2024-06-01T00:00:00Z');
  expect(after.users?.segments.at(-1)).toMatchObject({ since: AS_OF, as_of: LATER });
  expect(after.orders?.segments.at(-1)).toMatchObject({ since: '2024-06-01T00:00:00Z', as_of: LATER });
});

test('a first run starts at --since when it is given', () => {
  expect(reserve(emptyMetadata(), ['users'], { users: 3 }, { since: '2025-07-01T00:00:00Z' }).reserved.get('users')?.since).toBe('2025-07-01T00:00:00Z');
});

test.each([
  ['equal to', AS_OF],
  ['before', '2025-12-31T23:59:59.000Z'],
])("an as-of %s the table's last as-of is refused, saying to pass a later one", (_, asOf) => {
  expect(() => reserve(parents(), ['users'], { users: 5 }, { asOf })).toThrow(
    new RegExp(`asOf ${asOf.replace(/[.]/g, '\\.')} is not after the last as-of of users \\(${AS_OF.replace(/[.]/g, '\\.')}\\).*pass a later asOf`),
  );
});

test('an as-of not after the last as-of of one of the tables refuses the whole run', () => {
  const before = metadataWith({ ...parents().tables, users: { last_id: 100, segments: [segment(1, 100, { as_of: LATER })] } });
  expect(() => reserve(before, ['products', 'users'], { users: 5, products: 5 }, { asOf: LATER })).toThrow(/is not after the last as-of of users/);
});

test('--since with only tables that already have runs is refused, saying to leave it out', () => {
  expect(() => reserve(parents(), ['users'], { users: 5 }, { since: '2024-01-01T00:00:00Z' })).toThrow(
    /since sets where a new table's history starts, and users already has runs: .*leave since out/,
  );
  expect(() => reserve(parents(), ['users', 'products'], { users: 5, products: 5 }, { since: '2024-01-01T00:00:00Z' })).toThrow(
    /and users, products already have runs/,
  );
});

test('a --since not before the as-of is refused', () => {
  expect(() => reserve(emptyMetadata(), ['users'], { users: 3 }, { since: LATER })).toThrow(/since .* is not before asOf/);
});

describe('a segment without since, made before runs had windows, is refused with one line', () => {
  const MESSAGE = /^existing users rows were made by a synthgen release that did not record when each run's rows were created: continue them with that release, or use a new metadataPath and out$/;
  const old = () => {
    const { since: _, ...without } = segment(1, 100);
    return without;
  };
  test('when continuing the table', () => {
    expect(() => reserve(metadataWith({ users: { last_id: 100, segments: [old()] } }), ['users'], { users: 5 })).toThrow(MESSAGE);
  });
  test('when it is a parent of the run', () => {
    const before = metadataWith({ users: { last_id: 100, segments: [old()] }, products: parents().tables.products as TableState });
    expect(() => reserve(before, ['orders'], { orders: 5 })).toThrow(MESSAGE);
  });
});
