/**
 * Metadata as an earlier synthgen run left it, for tests that start from recorded rows: segments with the window
 * (since, as_of] their rows were created in, at the built-in tables' generator version. A run on top of them must
 * pass an as-of after EARLIER_AS_OF (each run continues from its table's last as-of).
 */
import { type Metadata, emptyMetadata } from '../../dist/src/state/metadata.js';
import { tableRegistry } from '../../dist/src/tables/index.js';
import type { Segment } from '../../dist/src/records/segment.js';

/** Where the recorded runs' windows start. */
export const EARLIER_SINCE = '2025-01-01T00:00:00.000Z';
/** The recorded runs' as-of. */
export const EARLIER_AS_OF = '2025-12-01T00:00:00.000Z';
/** The built-in tables' generator version (they share one). */
export const BUILTIN_VERSION = tableRegistry().get('users')?.version ?? 0;

/** A segment as synthgen records it, every field present. */
export type RecordedSegment = Segment & { readonly since: string };

/** One recorded run's segment of IDs first_id..last_id; `extra` overrides any field. */
export function recordedSegment(first_id: number, last_id: number, extra: Partial<RecordedSegment> = {}): RecordedSegment {
  return { first_id, last_id, seed: 1, since: EARLIER_SINCE, as_of: EARLIER_AS_OF, version: BUILTIN_VERSION, run_id: '20260101000000-00000000', ...extra };
}

/** 100 users and 20 products made by one earlier run: orders (their child) has parents to reference. */
export function usersAndProducts(): Metadata {
  return {
    ...emptyMetadata(),
    tables: { users: { last_id: 100, segments: [recordedSegment(1, 100)] }, products: { last_id: 20, segments: [recordedSegment(1, 20)] } },
  };
}
