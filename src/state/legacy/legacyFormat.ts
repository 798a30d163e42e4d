/**
 * The original tool's metadata, read as legacy metadata: its IDs are taken (legacy segments), nothing else of it is
 * kept. It wrote one of two shapes, a table's full list of IDs or only its last ID, each per table (under a "tables"
 * key or at the top level). Either is read strictly: anything else is corrupt, never guessed at.
 */
import { type Json, isCount, isId, isRecord, need } from '../jsonChecks.js';
import { LEGACY_RANGES_KEPT, type LegacySpan, type Metadata, type TableSegment, type TableState, emptyMetadata, isPrototypeKey } from '../parseMetadata.js';
import type { LegacySegment } from '../../records/segment.js';

/** Which of the original tool's shapes a file had, as the migration notice names it. */
export type LegacyShape = 'ID lists per table' | 'last IDs per table';

export interface LegacyMetadata {
  readonly metadata: Metadata;
  readonly shape: LegacyShape;
}

/** What a file that is none of the known formats is, in the corrupt line. */
export const NOT_A_KNOWN_FORMAT = 'it is neither synthgen metadata nor one of the original tool\'s formats (lists of IDs per table, or {"last_id": N} per table)';

/**
 * A legacy ID list as ranges of consecutive IDs or, when there would be more than LEGACY_RANGES_KEPT of them, as one
 * span with the count. Sorted as a typed array, with no Set: a list of millions of IDs takes a second.
 */
function legacySegments(key: string, list: readonly Json[]): TableSegment[] {
  const ids = new Float64Array(list.length);
  for (let i = 0; i < list.length; i += 1) {
    const id = list[i];
    need(isId(id), `legacy ID list "${key}" holds something other than positive integer IDs`);
    ids[i] = id;
  }
  ids.sort();
  const ranges: LegacySegment[] = [];
  let count = 0;
  let lowest = 0;
  let first = 0;
  let last = 0;
  for (const id of ids) {
    if (count > 0 && id === last) continue; // listed twice
    count += 1;
    if (count === 1) lowest = id;
    else if (id === last + 1) {
      last = id;
      continue;
    } else if (ranges.length <= LEGACY_RANGES_KEPT) ranges.push({ first_id: first, last_id: last, legacy: true });
    first = id;
    last = id;
  }
  if (count === 0) return [];
  if (ranges.length < LEGACY_RANGES_KEPT) {
    ranges.push({ first_id: first, last_id: last, legacy: true });
    return ranges;
  }
  return [{ first_id: lowest, last_id: last, legacy: true, count } satisfies LegacySpan];
}

const singular: Record<string, string> = { users: 'user', products: 'product', orders: 'order' };

/** An entry of the last-ID shape: an object whose one key is last_id. */
function isLastIdEntry(entry: Json): entry is Record<string, Json> {
  return isRecord(entry) && Object.hasOwn(entry, 'last_id') && !Object.hasOwn(entry, 'ids');
}

function isIdList(entry: Json): boolean {
  return Array.isArray(entry) || (isRecord(entry) && Array.isArray(entry.ids));
}

/**
 * `{"users": {"last_id": 1000}, ...}`: the IDs 1 to last_id are taken. Every entry must be of that shape, with
 * last_id a whole number from 0 (a table the tool never filled): a file that mixes in anything else is corrupt.
 */
function parseLastIds(root: Record<string, Json>): Metadata {
  const tables: Record<string, TableState> = {};
  for (const [name, entry] of Object.entries(root)) {
    need(!isPrototypeKey(name), `"${name}" is not a table name`);
    need(!isIdList(entry), `it mixes the original tool's two formats: "${name}" lists IDs where the other tables give {"last_id": N}`);
    need(isLastIdEntry(entry), `"${name}" is not {"last_id": N}, as the other tables are`);
    const extra = Object.keys(entry).find((key) => key !== 'last_id');
    need(extra === undefined, `"${name}" has "${extra ?? ''}" beside last_id, which the original tool's format does not have`);
    const lastId = entry.last_id;
    need(isCount(lastId), `"${name}".last_id is ${JSON.stringify(lastId)}, not a whole number from 0 to 2^53 - 1`);
    tables[name] = { last_id: lastId, segments: lastId > 0 ? [{ first_id: 1, last_id: lastId, legacy: true }] : [] };
  }
  return { ...emptyMetadata(), tables };
}

/**
 * The original tool kept full ID lists: `{"users": [1, 2, ...]}`, `{"users": {"ids": [...]}}`, the same under a
 * "tables" key, or `{"user_ids": [...]}`; or, later, only the last ID: `{"users": {"last_id": 1000}}`. Returns
 * undefined when the value looks like none of these.
 */
export function parseLegacy(value: Record<string, Json>): LegacyMetadata | undefined {
  const root = isRecord(value.tables) ? value.tables : value;
  if (Object.values(root).some(isLastIdEntry)) return { metadata: parseLastIds(root), shape: 'last IDs per table' };
  const tables: Record<string, TableState> = {};
  for (const [key, entry] of Object.entries(root)) {
    const list = Array.isArray(entry) ? entry : isRecord(entry) && Array.isArray(entry.ids) ? entry.ids : undefined;
    if (!list) continue;
    const name = Object.entries(singular).find(([, one]) => key === `${one}_ids`)?.[0] ?? key.replace(/_ids$/, '');
    need(!isPrototypeKey(name), `legacy ID list "${key}" does not name a table`);
    const segments = legacySegments(key, list);
    const last = segments[segments.length - 1];
    tables[name] = { last_id: last ? last.last_id : 0, segments };
  }
  return Object.keys(tables).length > 0 ? { metadata: { ...emptyMetadata(), tables }, shape: 'ID lists per table' } : undefined;
}
