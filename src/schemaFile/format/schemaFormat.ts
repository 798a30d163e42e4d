/**
 * The schema file format, as zod definitions: what a YAML or JSON schema file may say. These are the one source of
 * the format: loadSchemaFile.ts validates files with them (and turns their issues into file:line:col lines),
 * jsonSchema.ts publishes them as a JSON Schema for editors, and the compiler (../compile) reads the types they
 * infer. A column is an object with exactly one generator key (GENERATORS) beside the common options (COMMON).
 */
import { z } from 'zod';

/** Table, column and alias names: what a folder, a Parquet column and a SQL name can all be. */
export const NAME = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _, starting with a letter (at most 63)');

/**
 * A span of time: seconds as a number, or a number with a unit (`90s`, `15m`, `2h`, `3d`, `2w`, `3mo`, `1y`); months
 * and years are calendar ones, as SQL's INTERVAL counts them.
 */
export const SPAN = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?\s*(s|m|h|d|w|mo|y)$/, 'a span like 90s, 15m, 2h, 3d, 2w, 3mo or 1y')]);

/**
 * A point in time: an ISO date or timestamp (`2024-01-01`, `2024-01-01T12:00:00Z`), or `as_of` or `created` (the
 * row's creation time) with spans added or taken away (`as_of - 90d`, `created + 2h`).
 */
export const INSTANT = z
  .string()
  .regex(
    /^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?|(as_of|created)(\s*[+-]\s*\d+(\.\d+)?\s*(s|m|h|d|w|mo|y))*)$/,
    'an ISO date or timestamp, or as_of / created with spans added or taken away (as_of - 90d)',
  );

/** How numbers are spread between min and max (always clamped to them). */
export const DISTRIBUTIONS = ['uniform', 'normal', 'lognormal', 'exponential', 'zipf', 'pareto'] as const;

/** The options every numeric draw takes: the range, the distribution and its parameters. */
const NUMERIC_SHAPE = {
  min: z.number().describe('Smallest value (inclusive).'),
  max: z.number().describe('Largest value (inclusive).'),
  distribution: z.enum(DISTRIBUTIONS).optional().describe('How values spread between min and max: uniform (default), normal, lognormal, exponential, zipf or pareto; clamped to the range.'),
  mean: z.number().optional().describe('normal, lognormal, exponential: the mean (default: the middle of the range for normal, a quarter of it above min otherwise).'),
  sd: z.number().positive().optional().describe('normal, lognormal: the standard deviation (default: a sixth of the range for normal, the mean for lognormal).'),
  s: z.number().positive().optional().describe('zipf: the exponent (default 1.2): value min+k-1 has weight about 1/k^s (from the continuous power law, so the head is flatter).'),
  alpha: z.number().positive().optional().describe('pareto: the shape (default 1.5): smaller gives a longer tail.'),
};

export const INT = z.strictObject(NUMERIC_SHAPE).describe('A whole number between min and max.');
export const DOUBLE = z.strictObject(NUMERIC_SHAPE).describe('A floating-point number between min and max.');
export const DECIMAL = z
  .strictObject({
    ...NUMERIC_SHAPE,
    precision: z.number().int().min(1).max(38).optional().describe('Total digits (default 12).'),
    scale: z.number().int().min(0).max(38).optional().describe('Digits after the point (default 2).'),
  })
  .describe('An exact decimal between min and max, rounded to scale digits.');

export const KEY = z
  .union([z.literal(true), z.strictObject({}), z.literal('line')])
  .describe('The primary key: true (or {}) for the row id, contiguous across runs and rising with creation time; in a children table, `line` for the line number within the parent (1, 2, ...).');

export const REF = z
  .union([
    NAME,
    z.strictObject({
      table: NAME.describe('The table referenced (one of this file, or a built-in one: users, products, orders).'),
      skew: z.number().min(1).max(20).optional().describe('1 is uniform; larger gives a few parents most children (default 2).'),
      idle: z.number().min(0).max(0.9).optional().describe('Share of parents never referenced (default 0).'),
      as: NAME.optional().describe('The name parent values and rules use for the referenced row (default: the column name without _id).'),
    }),
  ])
  .describe("A foreign key to another table's key: only rows that exist at this row's creation time, picked by popularity.");

export const PARENT = z
  .string()
  .regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'alias.column, the alias of one of the table\'s refs')
  .describe("A column of a referenced row, by `alias.column` (account.plan): recomputed from the parent's own seed, equal to what the parent's files hold.");

export const LOCALE = z
  .union([z.string(), z.record(z.string(), z.number().positive())])
  .describe('A faker locale (en_US, de, fr, ...), or locales with weights ({ en_US: 3, de: 1 }).');

export const FAKER = z
  .union([
    z.string(),
    z.strictObject({
      method: z.string().describe('The @faker-js/faker method by path (person.firstName, commerce.price).'),
      args: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional().describe('Arguments: a list, or one object ({ min: 5, max: 50 }).'),
      locale: LOCALE.optional(),
      pool: z.number().int().min(1).max(1_000_000).optional().describe('How many distinct values are drawn once per run (default 10000).'),
    }),
  ])
  .describe('Any @faker-js/faker method, by path, with arguments: values are drawn once per run into a pool, with a fixed seed, and rows pick from it.');

export const CHOICE = z
  .union([z.record(z.string(), z.number().nonnegative()), z.array(z.union([z.string(), z.number(), z.boolean()])).min(1)])
  .describe('Weighted categories ({ free: 60, pro: 30, enterprise: 10 }), or a list of equally likely values.');

export const BOOL = z
  .union([z.number().min(0).max(1), z.strictObject({ probability: z.number().min(0).max(1) })])
  .describe('true with the probability given (0.3), else false.');

/** A span drawn per row: between min and max, spread by a distribution. */
export const SPAN_DRAW = z.strictObject({
  min: SPAN.optional().describe('Shortest span (default 0).'),
  max: SPAN.describe('Longest span.'),
  distribution: z.enum(DISTRIBUTIONS).optional(),
  mean: SPAN.optional(),
});

const TIME_OPTIONS = z
  .strictObject({
    created: z.literal(true).optional().describe("The row's creation time: rising with the key, arriving on the table's calendar (arrivals)."),
    between: z.tuple([INSTANT, INSTANT]).optional().describe('Between two instants (absolute, or relative to as_of or created).'),
    after: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/).optional().describe("After another time column, or a parent's (account.created_at), by a span."),
    span: SPAN_DRAW.optional().describe('With after: how long after.'),
    distribution: z.enum(DISTRIBUTIONS).optional().describe('With between: how values spread (default uniform).'),
    future: z.literal(true).optional().describe('Values may lie after as-of (a due date); otherwise they are capped at it.'),
  })
  .describe('Exactly one of created, between, or after with span.');

export const TIMESTAMP = TIME_OPTIONS.describe('A TIMESTAMP: the creation time, between two instants, or after another time by a span.');
export const DATE = TIME_OPTIONS.describe('A DATE: the creation day, between two instants, or after another time by a span.');

export const TEMPLATE = z
  .string()
  .describe('Text with {column} or {alias.column} placeholders and transforms: {name|lower}, {name|upper}, {name|slug}, {phone|digits}.');

export const SQL = z.string().min(1).describe("A DuckDB SQL expression over the row's other columns (by name) and its parents' (alias.column).");

export const AGGREGATE = z
  .strictObject({
    sum: z.string().optional(),
    count: NAME.optional(),
    min: z.string().optional(),
    max: z.string().optional(),
    avg: z.string().optional(),
  })
  .describe("One of sum/min/max/avg: children_table.column, or count: children_table. Computed from the children's own values, not read from files.");

/** An element generator of a list: any generator but key, ref, aggregate and list itself. */
export const ELEMENT_GENERATORS = ['faker', 'choice', 'bool', 'int', 'decimal', 'double', 'date', 'timestamp', 'template', 'sql', 'parent'] as const;

export const LIST = z
  .strictObject({
    of: z.record(z.string(), z.unknown()).describe('The element: a column spec with one generator (faker, choice, int, ...).'),
    min: z.number().int().min(0).max(1000).optional().describe('Fewest elements (default 1).'),
    max: z.number().int().min(0).max(1000).describe('Most elements.'),
    distribution: z.enum(DISTRIBUTIONS).optional(),
  })
  .describe('A list of min to max values of another generator.');

/** Every generator, by the key that names it in a column. */
export const GENERATORS = {
  key: KEY,
  ref: REF,
  parent: PARENT,
  faker: FAKER,
  choice: CHOICE,
  bool: BOOL,
  int: INT,
  decimal: DECIMAL,
  double: DOUBLE,
  date: DATE,
  timestamp: TIMESTAMP,
  template: TEMPLATE,
  sql: SQL,
  list: LIST,
  aggregate: AGGREGATE,
} as const;

export type GeneratorName = keyof typeof GENERATORS;
export const GENERATOR_NAMES = Object.keys(GENERATORS) as GeneratorName[];

/** The options any column takes beside its generator. */
export const COMMON = {
  null_rate: z.number().min(0).max(1).optional().describe('Share of rows where the value is NULL (default 0).'),
  unique: z.boolean().optional().describe('No value repeats, by construction (from the key): refused for a generator that cannot guarantee it.'),
  type: z.string().optional().describe('The DuckDB type written, overriding the generator\'s (INTEGER, VARCHAR, DECIMAL(10,2), ...).'),
  description: z.string().optional().describe('What the value means, for the data dictionary.'),
} as const;
export const COMMON_NAMES = Object.keys(COMMON) as (keyof typeof COMMON)[];

/** A column: one generator and common options. The parsed form keeps the generator apart. */
export type ColumnSpec = {
  readonly [G in GeneratorName]: { readonly generator: G; readonly options: z.infer<(typeof GENERATORS)[G]> };
}[GeneratorName] & {
  readonly name: string;
  readonly null_rate?: number;
  readonly unique?: boolean;
  readonly type?: string;
  readonly description?: string;
  /** Where the column is declared in the file, for errors found after parsing. */
  readonly at: SourceSpot;
  /** Where its generator's value is written (a sql column's expression). */
  readonly valueAt: SourceSpot;
};

/** A place in the schema file: 1-based line and column. */
export interface SourceSpot {
  readonly line: number;
  readonly column: number;
}

/** Arrival shapes synthgen knows, like its own tables'. */
export const ARRIVAL_PRESETS = ['even', 'orders', 'registrations', 'listings'] as const;

export const ARRIVALS = z
  .union([
    z.enum(ARRIVAL_PRESETS),
    z.strictObject({
      hours: z.array(z.number().nonnegative()).length(24).optional().describe('Relative rate of each UTC hour 0-23 (default flat).'),
      weekdays: z.array(z.number().nonnegative()).length(7).optional().describe('Relative rate Monday..Sunday (default flat).'),
      months: z.array(z.number().nonnegative()).length(12).optional().describe('Relative per-day rate January..December (default flat).'),
      growth: z.number().positive().optional().describe('Growth of the rate per year (1.3 = +30% a year; default 1).'),
    }),
  ])
  .describe('When rows arrive over each run\'s window: even (default), like synthgen\'s orders, registrations or listings, or a shape of your own.');

export const CHILDREN = z
  .strictObject({
    of: NAME.describe('The parent table: each of its rows gets a group of rows here, generated in the same run.'),
    count: z.strictObject(NUMERIC_SHAPE).describe('How many rows per parent row (min may be 0).'),
  })
  .describe('Rows come in groups per parent row (order lines), keyed by (parent key, line number).');

export const RULE = z.strictObject({
  name: z.string().min(1).describe('What the rule says, as verify reports it.'),
  check: z.string().min(1).describe("SQL that is true for every row: the table's columns by name (or table.column), its parents' by alias (invoice.amount > 0)."),
});

export const TABLE = z.strictObject({
  description: z.string().optional().describe('What a row is, for the data dictionary.'),
  key: z.union([NAME, z.tuple([NAME, NAME])]).describe('The primary key column; a children table names (parent key column, line column).'),
  arrivals: ARRIVALS.optional(),
  locale: LOCALE.optional().describe('The faker locale(s) of the table\'s faker columns (default: the file\'s).'),
  children: CHILDREN.optional(),
  columns: z.record(NAME, z.record(z.string(), z.unknown())).describe('The columns in output order, each with one generator.'),
  rules: z.array(RULE).optional().describe('Invariants verify checks.'),
});

export const SCHEMA_FILE = z.strictObject({
  $schema: z.string().optional().describe('The JSON Schema of this format, for editors.'),
  locale: LOCALE.optional().describe('The default faker locale(s) (default en_US).'),
  tables: z.record(NAME, TABLE).describe('The tables, by name.'),
});

export type TableOptions = z.infer<typeof TABLE>;

/** A rule as parsed, with where its check is written. */
export interface RuleSpec extends z.infer<typeof RULE> {
  readonly at: SourceSpot;
}

/** A table as parsed: its options, and its columns as specs in file order. */
export interface TableSpec extends Omit<TableOptions, 'columns' | 'rules'> {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  readonly rules?: readonly RuleSpec[];
  readonly at: SourceSpot;
}

/** A parsed, checked schema file. */
export interface SchemaSpec {
  /** The path as given, for messages. */
  readonly file: string;
  readonly locale?: z.infer<typeof LOCALE>;
  readonly tables: readonly TableSpec[];
}
