/**
 * date and timestamp columns, as epoch seconds until the column converts them: the row's creation time, a time
 * between two instants (ISO, or as_of / created with spans added), or another time (the row's, or a parent's) plus
 * a drawn span. Unless `future`, a value is capped at the row's as-of, so nothing lies after it.
 */
import { DAY, HOUR, MINUTE, YEAR, toDate, toTimestamp } from '../../../model/columns/time.js';
import type { RandomSource } from '../../../model/random.js';
import type { RowContext } from '../../../model/tableDefinition.js';
import type { CompiledColumn, GeneratorInput } from '../compiledColumn.js';
import { type Distribution, numberSql } from './numbers.js';

/** Units of a fixed length, in seconds. Years and months are calendar ones (spanParts). */
const UNITS: Record<string, number> = { s: 1, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };
const MONTHS_IN: Record<string, number> = { y: 12, mo: 1 };
/** A unit after a number: `mo` before `m`, which alone is minutes. */
const UNIT = '(?:mo|[smhdwy])';
const SPAN_TEXT = new RegExp(`^(\\d+(?:\\.\\d+)?)\\s*(${UNIT})$`);

/**
 * A span as calendar months and seconds: `18y` is 216 months and `3mo` 3, as SQL's INTERVAL counts them (a date 18
 * years before another is the same day of the month, not 18 times 365.25 days before); the other units are seconds.
 */
export function spanParts(span: number | string): { readonly months: number; readonly seconds: number } {
  if (typeof span === 'number') return { months: 0, seconds: span };
  const match = SPAN_TEXT.exec(span.trim());
  if (!match) return { months: 0, seconds: Number.NaN };
  const [amount, unit = 's'] = [Number(match[1]), match[2]];
  const months = MONTHS_IN[unit];
  return months === undefined ? { months: 0, seconds: amount * (UNITS[unit] ?? 1) } : { months: amount * months, seconds: 0 };
}

/** Seconds in a span, a month counted as a twelfth of the mean Gregorian year: for distributions' parameters. */
export function spanSeconds(span: number | string): number {
  const { months, seconds } = spanParts(span);
  return months * (YEAR / 12) + seconds;
}

/** SQL epoch seconds of `seconds` (SQL) moved by calendar months, then by seconds; TIMESTAMP arithmetic, no time zone. */
function moved(seconds: string, months: number, plus: number): string {
  if (months === 0) return plus === 0 ? `(${seconds})` : `(${seconds} + ${plus})`;
  const calendar = `epoch(make_timestamp(CAST((${seconds}) * 1000000 AS BIGINT)) + to_months(${months}))`;
  return plus === 0 ? `(${calendar})` : `(${calendar} + ${plus})`;
}

/** SQL epoch seconds for an instant: ISO, or as_of / created plus or minus spans (calendar years and months first). */
export function instantSql(instant: string, row: RandomSource): string {
  const relative = new RegExp(`^(as_of|created)((?:\\s*[+-]\\s*\\d+(?:\\.\\d+)?\\s*${UNIT})*)$`).exec(instant.trim());
  if (!relative) {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(instant) ? `${instant}T00:00:00Z` : instant;
    const at = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
    return String(Math.floor(at / 1000));
  }
  const base = relative[1] === 'as_of' ? row.asOf : row.created;
  const offsets = [...(relative[2] ?? '').matchAll(new RegExp(`([+-])\\s*(\\d+(?:\\.\\d+)?\\s*${UNIT})`, 'g'))].map((m) => {
    const parts = spanParts((m[2] ?? '').replace(/\s+/g, ''));
    const sign = m[1] === '-' ? -1 : 1;
    return { months: sign * parts.months, seconds: sign * parts.seconds };
  });
  return moved(base, offsets.reduce((n, o) => n + o.months, 0), offsets.reduce((n, o) => n + o.seconds, 0));
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
  const max = spanSeconds(span.max);
  const mean = span.mean === undefined ? undefined : spanSeconds(span.mean);
  const seconds = numberSql({ min, max, distribution: span.distribution, mean }, row, key, false);
  const from = referencedSeconds(options.after ?? '', context, input);
  const [low, high] = [spanParts(span.min ?? 0), spanParts(span.max)];
  if (low.months === 0 && high.months === 0) return `(${from} + ${seconds})`;
  // With calendar years or months, the ends are the calendar dates (after + min, after + max), and the draw falls
  // between them as it falls between the spans' lengths in seconds.
  const [start, end] = [moved(from, low.months, low.seconds), moved(from, high.months, high.seconds)];
  return max > min ? `(${start} + (${seconds} - ${min}) / ${max - min} * (${end} - ${start}))` : start;
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
