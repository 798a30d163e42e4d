/**
 * What must agree across a schema file beyond each value's shape: keys, the tables and columns that refs, parent
 * values, templates, times and aggregates name, ranges that are not empty, and references without cycles. Each
 * problem is reported at the value that names the wrong thing, with the nearest valid name.
 */
import { spanParts, spanSeconds } from '../compile/generators/time.js';
import { TRANSFORMS, templateParts } from '../compile/generators/template.js';
import type { Fail } from './sourceMap.js';
import { didYouMean } from './nearest.js';
import type { ColumnSpec, SchemaSpec, TableSpec } from './schemaFormat.js';

type RefOptions = Extract<ColumnSpec, { generator: 'ref' }>['options'];
type Path = (string | number)[];

/** Weights are relative: past this, a ratio says nothing a smaller one does not, and sums leave the doubles. */
const MAX_WEIGHT = 1e12;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const refTableOf = (options: RefOptions) => (typeof options === 'string' ? options : options.table);
const aliasOf = (column: ColumnSpec & { generator: 'ref' }) => {
  if (typeof column.options !== 'string' && column.options.as !== undefined) return column.options.as;
  return column.name.endsWith('_id') ? column.name.slice(0, -3) : column.name;
};

interface Context {
  readonly spec: SchemaSpec;
  readonly known: ReadonlyMap<string, readonly string[]>;
  readonly fail: Fail;
}

function columnsOf(context: Context, table: string): readonly string[] | undefined {
  return context.spec.tables.find((t) => t.name === table)?.columns.map((c) => c.name) ?? context.known.get(table);
}

function allTables(context: Context): string[] {
  return [...context.spec.tables.map((t) => t.name), ...context.known.keys()];
}

function checkKey(context: Context, table: TableSpec): void {
  const path = ['tables', table.name, 'key'];
  const names = table.columns.map((c) => c.name);
  const named = (name: string, at: (string | number)[]) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column) context.fail(at, `no column ${name}${didYouMean(name, names)}: the key names one of the table's columns`);
    return column;
  };
  if (table.children) {
    if (typeof table.key === 'string') context.fail(path, `a children table's key is [parent key column, line column], e.g. [${table.columns.find((c) => c.generator === 'ref')?.name ?? `${table.children.of}_id`}, line_number]`);
    const [parent, line] = table.key;
    const ref = named(parent, [...path, 0]);
    if (ref.generator !== 'ref' || refTableOf(ref.options) !== table.children.of) context.fail([...path, 0], `${parent} must be a ref to ${table.children.of}, the table this one is children of`);
    const numbered = named(line, [...path, 1]);
    if (numbered.generator !== 'key' || numbered.options !== 'line') context.fail([...path, 1], `${line} must be the line number: { key: line }`);
  } else {
    if (typeof table.key !== 'string') context.fail(path, 'a pair key is for a children table (with children: { of: parent, count: ... }); otherwise name one column');
    const key = named(table.key, path);
    if (key.generator !== 'key' || key.options === 'line') context.fail(path, `${table.key} must be the key column: { key: true }`);
  }
  for (const column of table.columns) {
    if (column.generator !== 'key') continue;
    const at = ['tables', table.name, 'columns', column.name, 'key'];
    if (column.options === 'line' && !table.children) context.fail(at, 'key: line is the line number of a children table (one with children: { of: ... })');
    const isKey = typeof table.key === 'string' ? column.name === table.key : column.name === table.key[1];
    if (!isKey) context.fail(at, `only the table's key (${String(table.key)}) uses the key generator: give ${column.name} another generator`);
  }
}

/** Relative weights (of choices, locales, arrival rates): each finite and at most MAX_WEIGHT. */
function checkWeights(context: Context, weights: readonly (readonly [string | number, number])[], at: Path): void {
  for (const [key, weight] of weights) {
    if (weight > MAX_WEIGHT) context.fail([...at, key], `weight ${weight} is above 1e12: weights are relative, so smaller ones say the same (1 and 3 for one in four)`);
  }
}

/** A locale option: a name, or names with weights, at least one. */
function checkLocale(context: Context, locale: string | Readonly<Record<string, number>> | undefined, at: Path): void {
  if (locale === undefined || typeof locale === 'string') return;
  const entries = Object.entries(locale);
  if (entries.length === 0) context.fail(at, 'no locale: give one (en_US), or several with weights ({ en_US: 3, de: 1 })');
  checkWeights(context, entries, at);
}

/** A distribution's mean, where its shape is measured from min: exponential and lognormal need it above min. */
function checkMean(context: Context, o: { readonly min?: number | string | undefined; readonly distribution?: string | undefined; readonly mean?: number | string | undefined }, at: Path): void {
  if (o.mean === undefined || (o.distribution !== 'exponential' && o.distribution !== 'lognormal')) return;
  const [min, mean] = [spanSeconds(o.min ?? 0), spanSeconds(o.mean)];
  if (!(mean > min)) context.fail([...at, 'mean'], `mean ${o.mean} is not above min ${o.min ?? 0}: an ${o.distribution} distribution runs from min, with its mean above it`);
}

/** Calendar years and months move a date by whole months (to_months): 1.5y is 18 of them, 1.1y is none. */
function checkWholeMonths(context: Context, spans: readonly (readonly [number | string | undefined, Path])[]): void {
  for (const [span, at] of spans) {
    if (span === undefined) continue;
    const texts = typeof span === 'string' ? (span.match(/\d+(?:\.\d+)?\s*(?:mo|[smhdwy])/g) ?? []) : [];
    const partial = texts.find((text) => !Number.isInteger(spanParts(text.replace(/\s+/g, '')).months));
    if (partial !== undefined) context.fail(at, `${partial} is not a whole number of months: calendar years and months move a date by whole months (1.5y is 18 months); use days for less`);
  }
}

/** `2024-02-30` passes the format's pattern: the parts of an ISO instant name a real day and time. */
function isoProblem(instant: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(instant);
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => Number(part ?? 0));
  if (month === undefined || month < 1 || month > 12) return `${instant} is not a date: months run 01 to 12`;
  const days = new Date(Date.UTC(year ?? 0, month, 0)).getUTCDate();
  if (day === undefined || day < 1 || day > days) return `${instant} is not a date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  if (hour > 23 || minute > 59 || second > 59) return `${instant} is not a time of day: hours run 00 to 23, minutes and seconds 00 to 59`;
  return undefined;
}

function checkRanges(context: Context, table: TableSpec, column: ColumnSpec): void {
  const at = ['tables', table.name, 'columns', column.name, column.generator];
  const range = (o: { readonly min: number; readonly max: number }, where: (string | number)[]) => {
    if (o.min > o.max) context.fail(where, `min ${o.min} is above max ${o.max}`);
  };
  if (column.generator === 'int' || column.generator === 'double' || column.generator === 'decimal') checkMean(context, column.options, at);
  if (column.generator === 'int' || column.generator === 'double') range(column.options, at);
  if (column.generator === 'decimal') {
    range(column.options, at);
    const { precision = 12, scale = 2 } = column.options;
    if (scale > precision) context.fail(at, `scale ${scale} is above precision ${precision}`);
    const digits = String(Math.floor(Math.max(Math.abs(column.options.min), Math.abs(column.options.max)))).length;
    if (digits > precision - scale) context.fail(at, `max ${column.options.max} does not fit DECIMAL(${precision},${scale}): raise precision to ${digits + scale}`);
  }
  if (column.generator === 'list') {
    const min = column.options.min ?? 1;
    if (min > column.options.max) context.fail(at, `min ${min} is above max ${column.options.max}`);
  }
  if (column.generator === 'choice' && !Array.isArray(column.options)) {
    const weights = Object.values(column.options);
    if (weights.length === 0 || weights.every((w) => w === 0)) context.fail(at, 'no value has a positive weight: give at least one, e.g. { free: 60, pro: 40 }');
    checkWeights(context, Object.entries(column.options), at);
  }
}

/** alias.column, or a column of the row: the columns a parent value, a template or a time names exist. */
function checkPath(context: Context, table: TableSpec, path: string, at: (string | number)[], self: string): void {
  const [first = '', second] = path.split('.');
  const own = table.columns.map((c) => c.name);
  if (second === undefined || first === table.name) {
    const name = second ?? first;
    if (!own.includes(name)) context.fail(at, `no column ${name} in ${table.name}${didYouMean(name, own)}`);
    if (name === self) context.fail(at, `${self} cannot read itself`);
    return;
  }
  const refs = table.columns.filter((c): c is ColumnSpec & { generator: 'ref' } => c.generator === 'ref');
  const aliases = refs.map(aliasOf);
  const ref = refs.find((c) => aliasOf(c) === first);
  if (!ref) context.fail(at, `${first} is not the alias of one of the table's refs${didYouMean(first, aliases)}: expected ${aliases.join(', ') || 'a ref column first'}`);
  const parent = refTableOf(ref.options);
  const columns = columnsOf(context, parent) ?? [];
  if (!columns.includes(second)) context.fail(at, `${parent} has no column ${second}${didYouMean(second, [...columns])}`);
}

function checkReferences(context: Context, table: TableSpec, column: ColumnSpec): void {
  const at = ['tables', table.name, 'columns', column.name, column.generator];
  switch (column.generator) {
    case 'ref': {
      const target = refTableOf(column.options);
      const where = typeof column.options === 'string' ? at : [...at, 'table'];
      if (!allTables(context).includes(target)) context.fail(where, `no table ${target}${didYouMean(target, allTables(context))}: expected one of ${allTables(context).join(', ')}`);
      if (target === table.name) context.fail(where, 'a table cannot reference itself');
      const same = table.columns.find((c) => c !== column && c.generator === 'ref' && aliasOf(c) === aliasOf(column));
      if (same) context.fail(at, `${column.name} and ${same.name} have the same alias ${aliasOf(column)}: give one another with as`);
      return;
    }
    case 'parent':
      return checkPath(context, table, column.options, at, column.name);
    case 'template':
      for (const part of templateParts(column.options)) {
        if (!('path' in part)) continue;
        checkPath(context, table, part.path, at, column.name);
        const wrong = part.transforms.find((t) => !(TRANSFORMS as readonly string[]).includes(t));
        if (wrong !== undefined) context.fail(at, `unknown transform ${wrong}${didYouMean(wrong, [...TRANSFORMS])}: expected ${TRANSFORMS.join(', ')}`);
      }
      return;
    case 'date':
    case 'timestamp':
      return checkTime(context, table, column as ColumnSpec & { generator: 'date' | 'timestamp' }, at);
    case 'aggregate':
      return checkAggregate(context, table, column as ColumnSpec & { generator: 'aggregate' }, at);
    default:
      return;
  }
}

function checkTime(context: Context, table: TableSpec, column: ColumnSpec & { generator: 'date' | 'timestamp' }, at: (string | number)[]): void {
  const o = column.options;
  const ways = [o.created, o.between, o.after].filter((w) => w !== undefined).length;
  if (ways !== 1) context.fail(at, 'give exactly one of created: true, between: [from, to], or after: column with span: { max: ... }');
  if (o.span !== undefined && o.after === undefined) context.fail([...at, 'span'], 'span goes with after: column');
  if (o.after !== undefined) {
    if (o.span === undefined) context.fail([...at, 'after'], 'after needs span: { min: ..., max: ... }, how long after');
    checkPath(context, table, o.after, [...at, 'after'], column.name);
  }
  if (o.span !== undefined) checkMean(context, o.span, [...at, 'span']);
  checkWholeMonths(context, [
    [o.span?.min, [...at, 'span', 'min']],
    [o.span?.max, [...at, 'span', 'max']],
    ...(o.between ?? []).map((instant, i): readonly [string, Path] => [instant, [...at, 'between', i]]),
  ]);
  if (o.between) {
    o.between.forEach((instant, i) => {
      const problem = isoProblem(instant);
      if (problem !== undefined) context.fail([...at, 'between', i], problem);
    });
    const [from, to] = o.between.map((instant) => Date.parse(instant));
    if (from !== undefined && to !== undefined && Number.isFinite(from) && Number.isFinite(to) && from > to) context.fail([...at, 'between'], `${o.between[0]} is after ${o.between[1]}: give the earlier first`);
  }
}

function checkAggregate(context: Context, table: TableSpec, column: ColumnSpec & { generator: 'aggregate' }, at: (string | number)[]): void {
  const given = Object.entries(column.options).filter(([, v]) => v !== undefined);
  const [entry] = given;
  if (!entry || given.length > 1) context.fail(at, 'give exactly one of sum, min, max, avg (children_table.column) or count (children_table)');
  const [fn, target] = entry as [string, string];
  const [child = '', field] = target.split('.');
  const children = context.spec.tables.filter((t) => t.children?.of === table.name).map((t) => t.name);
  if (!children.includes(child)) context.fail([...at, fn], `${child} is not a children table of ${table.name}${didYouMean(child, children)}: expected ${children.join(', ') || `a table with children: { of: ${table.name}, ... }`}`);
  if (fn === 'count') return;
  const columns = columnsOf(context, child) ?? [];
  if (field === undefined) context.fail([...at, fn], `${fn} takes children_table.column (${child}.${columns[columns.length - 1] ?? 'amount'})`);
  if (!columns.includes(field)) context.fail([...at, fn], `${child} has no column ${field}${didYouMean(field, [...columns])}`);
}

/** A cycle of references (or children) among the file's tables, reported at the ref that closes it. */
function checkCycles(context: Context): void {
  const edges = (table: TableSpec) => [
    ...table.columns.flatMap((c) => (c.generator === 'ref' ? [{ to: refTableOf(c.options), at: ['tables', table.name, 'columns', c.name, 'ref'] }] : [])),
  ];
  const byName = new Map(context.spec.tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visit = (name: string, trail: string[]) => {
    if (done.has(name)) return;
    const table = byName.get(name);
    if (!table) return;
    for (const edge of edges(table)) {
      if (trail.includes(edge.to)) context.fail(edge.at, `a cycle of references: ${[...trail.slice(trail.indexOf(edge.to)), name, edge.to].filter((t, i, a) => i === 0 || t !== a[i - 1]).join(' -> ')}: one of them must not reference the next`);
      visit(edge.to, [...trail, name]);
    }
    done.add(name);
  };
  for (const table of context.spec.tables) visit(table.name, []);
}

export function checkSchema(spec: SchemaSpec, known: ReadonlyMap<string, readonly string[]>, fail: Fail): void {
  const context: Context = { spec, known, fail };
  checkLocale(context, spec.locale, ['locale']);
  for (const table of spec.tables) {
    if (known.has(table.name)) fail(['tables', table.name], `${table.name} is a built-in table: give yours another name`, true);
    checkLocale(context, table.locale, ['tables', table.name, 'locale']);
    if (typeof table.arrivals === 'object') {
      for (const part of ['hours', 'weekdays', 'months'] as const) checkWeights(context, [...(table.arrivals[part] ?? []).entries()], ['tables', table.name, 'arrivals', part]);
    }
    if (table.children) checkMean(context, table.children.count, ['tables', table.name, 'children', 'count']);
    if (table.children && !allTables(context).includes(table.children.of)) {
      fail(['tables', table.name, 'children', 'of'], `no table ${table.children.of}${didYouMean(table.children.of, allTables(context))}`);
    }
    if (table.children && table.children.count.min > table.children.count.max) fail(['tables', table.name, 'children', 'count'], `min ${table.children.count.min} is above max ${table.children.count.max}`);
    if (table.children && table.children.count.min < 0) fail(['tables', table.name, 'children', 'count', 'min'], 'a parent cannot have fewer than 0 children');
    checkKey(context, table);
    for (const column of table.columns) {
      if (column.generator === 'faker' && typeof column.options !== 'string') checkLocale(context, column.options.locale, ['tables', table.name, 'columns', column.name, 'faker', 'locale']);
      checkRanges(context, table, column);
      checkReferences(context, table, column);
    }
  }
  checkCycles(context);
}
