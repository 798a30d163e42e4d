/**
 * date and timestamp columns, as epoch seconds until the column converts them: the row's creation time, a time
 * between two instants (ISO, or as_of / created with spans added), or another time (the row's, or a parent's) plus
 * a drawn span. Unless `future`, a value is capped at the row's as-of, so nothing lies after it.
 */
import { DAY, HOUR, MINUTE, YEAR, toDate, toTimestamp } from '../../../schema/columns/time.js';
import type { RandomSource } from '../../../schema/random.js';
import type { RowContext } from '../../../schema/tableDefinition.js';
import type { CompiledColumn, GeneratorInput } from '../compiledColumn.js';
import { type Distribution, numberSql } from './numbers.js';

const UNITS: Record<string, number> = { s: 1, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY, y: YEAR };

/** Seconds in a span: a number of seconds, or `90s`, `15m`, `2h`, `3d`, `2w`, `1y`. */
export function spanSeconds(span: number | string): number {
  if (typeof span === 'number') return span;
  const match = /^(\d+(?:\.\d+)?)\s*([smhdwy])$/.exec(span.trim());
  return match ? Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1) : Number.NaN;
}

/** SQL epoch seconds for an instant: ISO, or as_of / created plus or minus spans. */
export function instantSql(instant: string, row: RandomSource): string {
  const relative = /^(as_of|created)((?:\s*[+-]\s*\d+(?:\.\d+)?\s*[smhdwy])*)$/.exec(instant.trim());
  if (!relative) {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(instant) ? `${instant}T00:00:00Z` : instant;
    const at = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
    return String(Math.floor(at / 1000));
  }
  const base = relative[1] === 'as_of' ? row.asOf : row.created;
  const offsets = [...(relative[2] ?? '').matchAll(/([+-])\s*(\d+(?:\.\d+)?\s*[smhdwy])/g)].map((m) => (m[1] === '-' ? -1 : 1) * spanSeconds((m[2] ?? '').replace(/\s+/g, '')));
  const total = offsets.reduce((a, b) => a + b, 0);
  return total === 0 ? `(${base})` : `(${base} + ${total})`;
}

interface TimeOptions {
  readonly created?: true | undefined;
  readonly between?: readonly [string, string] | undefined;
  readonly after?: string | undefined;
  readonly span?: { readonly min?: number | string | undefined; readonly max: number | string; readonly distribution?: Distribution | undefined; readonly mean?: number | string | undefined } | undefined;
  readonly distribution?: Distribution | undefined;
  readonly future?: true | undefined;
}

/** SQL epoch seconds of the time column or parent's time column `path` reads. */
function referencedSeconds(path: string, context: RowContext, input: GeneratorInput): string {
  const [first = '', second] = path.split('.');
  if (second === undefined) return `epoch(${context.field(first)})`;
  const reference = input.aliases.get(first);
  return `epoch(${context.parent(reference?.table ?? first).value(second)})`;
}

function secondsSql(options: TimeOptions, context: RowContext, row: RandomSource, key: string, input: GeneratorInput): string {
  if (options.created) return row.created;
  if (options.between) {
    const [from, to] = options.between.map((instant) => instantSql(instant, row)) as [string, string];
    const share = numberSql({ min: 0, max: 1, distribution: options.distribution }, row, key, false);
    return `(${from} + ${share} * (${to} - ${from}))`;
  }
  const span = options.span ?? { max: 0 };
  const min = spanSeconds(span.min ?? 0);
  const mean = span.mean === undefined ? undefined : spanSeconds(span.mean);
  const seconds = numberSql({ min, max: spanSeconds(span.max), distribution: span.distribution, mean }, row, key, false);
  return `(${referencedSeconds(options.after ?? '', context, input)} + ${seconds})`;
}

function describeTime(options: TimeOptions): string {
  const cap = options.future ? ' May lie after as-of.' : ' Never after the run\'s as-of.';
  if (options.created) return 'The row\'s creation time: rises with the key, on the table\'s arrivals calendar, inside its run\'s window.';
  if (options.between) return `Between ${options.between[0]} and ${options.between[1]} (${options.distribution ?? 'uniform'}).${cap}`;
  const span = options.span ?? { max: 0 };
  return `${options.after} plus ${span.min ?? 0} to ${span.max}${span.distribution ? ` (${span.distribution}${span.mean === undefined ? '' : `, mean ${span.mean}`})` : ''}.${cap}`;
}

export function timeColumn(options: TimeOptions, kind: 'date' | 'timestamp', key: string, input: GeneratorInput): CompiledColumn {
  const capped = (seconds: string, row: RandomSource) => (options.future || options.created ? seconds : `LEAST(${seconds}, ${row.asOf})`);
  return {
    type: kind === 'date' ? 'DATE' : 'TIMESTAMPTZ',
    sql: (context, row) => {
      const seconds = `floor(${capped(secondsSql(options, context, row, key, input), row)})::BIGINT`;
      return kind === 'date' ? toDate(seconds) : toTimestamp(seconds);
    },
    distribution: describeTime(options),
    ...(options.future ? { mayFollowAsOf: true as const } : {}),
  };
}
