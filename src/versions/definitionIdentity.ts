/**
 * The identity of a table defined in code (synthgen's own, a --tables module's): what decides which rows exist and
 * when they were created, which no version may change under existing rows. A schema file's tables say the same from
 * their spec (schemaFile/schemaIdentity.ts), as the metadata has recorded it since schema files had versions.
 */
import { createHash } from 'node:crypto';
import type { TableDefinition } from '../model/tableDefinition.js';
import type { Timeline } from '../model/time/timeline.js';

/** Arrivals are sampled over these years: every table's history lies within 50 years of a run's as-of. */
const FROM = Date.UTC(1990, 0, 1) / 1000;
const TO = Date.UTC(2060, 0, 1) / 1000;
/** Every 23 hours: co-prime with the day's 24 and the week's 168, so each hour of the week is sampled, in each season. */
const STEP = 23 * 3600;

/**
 * A timeline is code (a rate for each hour), so it is known by what it returns: its rate sampled over the years,
 * to 9 significant digits (a later Node may differ in a last bit of Math.exp), and the parent it grows with.
 */
function arrivalsOf(timeline: Timeline | undefined): unknown {
  if (!timeline) return 'even';
  const hash = createHash('sha256');
  for (let hour = FROM; hour < TO; hour += STEP) hash.update(`${timeline.rate(hour).toPrecision(9)},`);
  return {
    rate: hash.digest('hex'),
    scaleWith: timeline.scaleWith ?? null,
    ...(timeline.pastYears ? { pastYears: timeline.pastYears } : {}),
    ...(timeline.after ? { after: [...timeline.after].sort() } : {}),
  };
}

export function definitionIdentity(definition: TableDefinition): string {
  const { primaryKey, parents, children, timeline } = definition;
  return createHash('sha256')
    .update(
      JSON.stringify({
        key: primaryKey,
        parents: parents.map((p) => [p.column, p.table]).sort(),
        children: children ? [children.parent, children.column, children.line] : null,
        arrivals: arrivalsOf(timeline),
      }),
    )
    .digest('hex');
}
