/**
 * Choosing a parent row and recomputing it. A child row draws a rank in [0, total) with a power-law skew, hashes it
 * to a position (so the popular parents are spread over the ID space, not just the oldest rows), then finds the
 * segment the position falls in. The parent's values are recomputed from that segment's seed and as-of:
 * nothing is read back from files, so references hold across runs and when the parent files are elsewhere.
 */
import { type RandomSource, streamSalt, uniform } from './random.js';
import type { ParentRange } from '../state/segment.js';
import { epochSeconds, ubigint } from './sql.js';

/** A CASE tree of depth log2(n) over the segments' cumulative starts: the 1-based segment a position lies in. */
function segmentIndexSql(position: string, starts: readonly number[], low: number, high: number): string {
  if (low === high) return String(low + 1);
  const middle = Math.floor((low + high + 1) / 2);
  return `CASE WHEN ${position} < ${starts[middle]} THEN ${segmentIndexSql(position, starts, low, middle - 1)} ELSE ${segmentIndexSql(position, starts, middle, high)} END`;
}

function listOf(values: readonly string[]): string {
  return `[${values.join(', ')}]`;
}

export interface ParentFields {
  /** Helper fields (name -> SQL) that compute the chosen parent's position, segment and id, in dependency order. */
  readonly fields: ReadonlyArray<readonly [string, string]>;
  /** Draws of the chosen parent row. */
  readonly source: RandomSource;
}

/**
 * The fields that pick a parent for each child row, and the parent's draws.
 * `pickDraw` is the child's own draw that drives the choice; `prefix` names the helper fields.
 */
export function parentFields(options: {
  readonly table: string;
  readonly ranges: readonly ParentRange[];
  readonly skew: number;
  readonly pickDraw: RandomSource;
  readonly pickKey: string;
  readonly prefix: string;
}): ParentFields {
  const { table, ranges, skew, prefix } = options;
  const starts: number[] = [];
  let total = 0;
  for (const range of ranges) {
    starts.push(total);
    total += range.last_id - range.first_id + 1;
  }
  if (total === 0) throw new Error(`no rows of ${table} to reference`);
  const rank = `LEAST(${total - 1}, floor(${total} * pow(${uniform(options.pickDraw, options.pickKey)}, ${skew}))::BIGINT)`;
  // Hashing the rank (not a multiplicative permutation: 128-bit arithmetic cost ~700 ns a row) spreads popularity
  // over the IDs; the salt depends only on the parent table, so the same parents stay popular across runs.
  const spread = ubigint(streamSalt(0, table, 'popularity'));
  const position = `(hash(xor(${rank}::UBIGINT, ${spread})) % ${total}::UBIGINT)::BIGINT`;
  const positionField = `${prefix}_pos`;
  const segmentField = `${prefix}_seg`;
  const idField = `${prefix}_id`;
  const q = (name: string) => `"${name}"`;
  const segment = segmentIndexSql(q(positionField), starts, 0, ranges.length - 1);
  const firstIds = listOf(ranges.map((r) => String(r.first_id)));
  const startList = listOf(starts.map(String));
  const id = `(${firstIds}[${q(segmentField)}] + ${q(positionField)} - ${startList}[${q(segmentField)}])::BIGINT`;
  const asOfs = listOf(ranges.map((r) => String(epochSeconds(r.as_of))));
  const source: RandomSource = {
    id: q(idField),
    asOf: ranges.length === 1 ? String(epochSeconds(ranges[0]?.as_of ?? '')) : `${asOfs}[${q(segmentField)}]`,
    bits(key: string): string {
      const salts = ranges.map((r) => ubigint(streamSalt(r.seed, table, key)));
      const salt = salts.length === 1 ? (salts[0] ?? '') : `${listOf(salts)}[${q(segmentField)}]`;
      return `hash(xor(${q(idField)}::UBIGINT, ${salt}))`;
    },
  };
  return {
    fields: [
      [positionField, position],
      [segmentField, segment],
      [idField, id],
    ],
    source,
  };
}
