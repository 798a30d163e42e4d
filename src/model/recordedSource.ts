/**
 * Draws that note what a field's SQL reads of them: the compiler hands each field's builder its row (and its
 * parents' rows) through this, so the data dictionary can say which engine inputs a column depends on without a
 * list beside the logic. The SQL is the source's own, unchanged.
 */
import type { RandomSource } from './random.js';

/** An engine input a field read: `own draws`, `creation time of users`, `pool street_name`, ... */
export type EngineInput = string;

/** `source`, noting each read in `inputs`; `whose` is undefined for the row's own draws, else the parent table. */
export function recordedSource(source: RandomSource, whose: string | undefined, inputs: Set<EngineInput>): RandomSource {
  const label = (what: string) => (whose === undefined ? (what === 'as-of' ? what : `own ${what}`) : `${what} of ${whose}`);
  return {
    get id() {
      // A parent's id is its pick, which the compiler records as the pick field.
      if (whose === undefined) inputs.add(label('id'));
      return source.id;
    },
    get asOf() {
      inputs.add(label('as-of'));
      return source.asOf;
    },
    get created() {
      inputs.add(label('creation time'));
      return source.created;
    },
    get popularity() {
      inputs.add(label('popularity'));
      return source.popularity;
    },
    get popularityRank() {
      inputs.add(label('popularity rank'));
      return source.popularityRank;
    },
    bits: (key) => {
      inputs.add(label('draws'));
      return source.bits(key);
    },
  };
}
