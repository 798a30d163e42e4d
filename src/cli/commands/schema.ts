/**
 * `synthgen schema`: the data dictionary (every column: type, meaning, distribution) of the built-in tables, or of
 * those of --tables and --schema; and `--json-schema`, the JSON Schema of schema files, for editors.
 */
import { Command, Option } from 'clipanion';
import { UserError } from '../../errors/userError.js';
import { columnDependencies } from '../../model/dictionary/columnDependencies.js';
import { dataDictionary, lookupIn } from '../../model/dictionary/dataDictionary.js';
import type { Column, TableDefinition } from '../../model/tableDefinition.js';
import { registryFor, schemaOption, tablesOption } from '../tableModules.js';
import { toolVersions } from '../../state/runManifest.js';
import { dictionaryText } from '../render/dictionaryText.js';
import { terminalWidth } from '../render/wrap.js';
import { isMetadataFile, parsedBy } from '../validators.js';

const FORMATS = ['text', 'md', 'json'] as const;
type Format = (typeof FORMATS)[number];

const isFormat = parsedBy((text): Format => {
  const format = FORMATS.find((f) => f === text.trim().toLowerCase());
  if (!format) throw new UserError(`--format must be one of ${FORMATS.join(', ')}, got "${text}"`);
  return format;
});

export class SchemaCommand extends Command {
  static override paths = [['schema']];

  static override usage = Command.Usage({
    description: 'Print the data dictionary: every table and column with its type, meaning, distribution, what it depends on and what verify checks',
    details: `
      As text wrapped to the terminal (100 columns when stdout is not a terminal and COLUMNS is not set), as
      Markdown tables (--format md; docs/data-dictionary.md is this), or as JSON. Name tables to print only
      those.
    `,
    examples: [
      ['Every built-in table', '$0 schema'],
      ['One table', '$0 schema orders'],
      ['As Markdown', '$0 schema --format md'],
      ['As JSON, for scripts', '$0 schema --json'],
      ['With the tables of your own module', '$0 schema --tables ./my-tables.mjs'],
      ['The tables of a schema file', '$0 schema --schema saas.yaml'],
      ['The tables of a schema file and the built-in ones they may reference', '$0 schema --schema saas.yaml --all'],
      ['The JSON Schema of schema files, for your editor', '$0 schema --json-schema > synthgen.schema.json'],
    ],
  });

  names = Option.Rest({ name: 'TABLE' });
  tables = tablesOption();
  schema = schemaOption();
  format = Option.String('--format', { description: 'text (default), md or json', validator: isFormat });
  metadata = Option.String('--metadata', { description: "A dataset's metadata file: a schema file's tables are then shown at the versions their next rows get", validator: isMetadataFile });
  all = Option.Boolean('--all', false, { description: 'With --tables or --schema, the built-in tables too' });
  json = Option.Boolean('--json', false, { description: 'Print as JSON (the same as --format json)' });
  jsonSchema = Option.Boolean('--json-schema', false, { description: 'Print the JSON Schema of schema files instead (point your editor at it)' });

  override async execute(): Promise<number> {
    if (this.jsonSchema) {
      // zod is a tenth of a second to load: only this and --schema need it.
      const { schemaFileJsonSchema } = await import('../../schemaFile/format/jsonSchema.js');
      this.context.stdout.write(`${JSON.stringify(schemaFileJsonSchema(toolVersions().synthgen ?? 'unknown'), null, 2)}\n`);
      return 0;
    }
    const registry = await registryFor({ modules: this.tables, schemas: this.schema, ...(this.metadata === undefined ? {} : { metadataPath: this.metadata }) });
    const definitions = this.#chosen(registry.definitions, (name) => registry.originOf(name).kind !== 'builtin');
    const format = this.json ? 'json' : (this.format ?? 'text');
    if (format === 'json') this.context.stdout.write(`${JSON.stringify({ tables: jsonDictionary(definitions, registry.definitions) }, null, 2)}\n`);
    else if (format === 'md') this.context.stdout.write(dataDictionary(definitions, registry.definitions));
    else this.context.stdout.write(dictionaryText(definitions, registry.definitions, terminalWidth()));
    return 0;
  }

  /** The tables named, in the order named; else those of --tables and --schema (and the built-in ones with --all). */
  #chosen(known: readonly TableDefinition[], isOwn: (name: string) => boolean): TableDefinition[] {
    if (this.names.length > 0) {
      return [...new Set(this.names)].map((name) => {
        const table = known.find((t) => t.name === name);
        if (!table) throw new UserError(`no table ${name}: the tables are ${known.map((t) => t.name).join(', ')}`);
        return table;
      });
    }
    const own = (this.tables?.length ?? 0) > 0 || (this.schema?.length ?? 0) > 0;
    // A file's or a module's reader wants its tables; the built-in ones it references are a flag away.
    return own && !this.all ? known.filter((d) => isOwn(d.name)) : [...known];
  }
}

/** The dictionary as data: what `--json` prints. */
function jsonDictionary(definitions: readonly TableDefinition[], known: readonly TableDefinition[]): unknown[] {
  const lookup = lookupIn(known);
  return definitions.map((t) => {
    const dependencies = columnDependencies(t, lookup);
    const column = (c: Column) => ({
      name: c.name,
      type: c.type,
      description: c.description,
      distribution: c.distribution,
      depends_on: dependencies.get(c.name),
      ...(c.minimum === undefined ? {} : { minimum: c.minimum }),
      ...(c.maximum === undefined ? {} : { maximum: c.maximum }),
      ...(c.mayFollowAsOf ? { may_follow_as_of: true } : {}),
    });
    const key = t.children ? { primary_key: [t.children.column, t.children.line], lines_of: t.children.parent } : { primary_key: t.primaryKey };
    return { name: t.name, version: t.version, ...key, references: t.parents.map((p) => ({ column: p.column, table: p.table })), columns: t.columns.map(column), unique: t.unique ?? [], rules: (t.rules ?? []).map((r) => r.description) };
  });
}
