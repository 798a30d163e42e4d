/**
 * `synthgen schema`: the data dictionary (every column: type, meaning, distribution) of the built-in tables, or of
 * those of --tables and --schema; and `--json-schema`, the JSON Schema of schema files, for editors.
 */
import { Command, Option } from 'clipanion';
import { columnDependencies } from '../../schema/dictionary/columnDependencies.js';
import { dataDictionary, lookupIn } from '../../schema/dictionary/dataDictionary.js';
import type { Column, TableDefinition } from '../../schema/tableDefinition.js';
import { registryFor, schemaOption, tablesOption } from '../tableModules.js';
import { toolVersions } from '../../state/runManifest.js';

export class SchemaCommand extends Command {
  static override paths = [['schema']];

  static override usage = Command.Usage({
    description: 'Print the data dictionary: every table and column with its type, meaning, distribution, what it depends on and what verify checks',
    examples: [
      ['As Markdown', '$0 schema'],
      ['As JSON, for scripts', '$0 schema --json'],
      ['With the tables of your own module', '$0 schema --tables ./my-tables.mjs'],
      ['The tables of a schema file', '$0 schema --schema saas.yaml'],
      ['The tables of a schema file and the built-in ones they may reference', '$0 schema --schema saas.yaml --all'],
      ['The JSON Schema of schema files, for your editor', '$0 schema --json-schema > synthgen.schema.json'],
    ],
  });

  tables = tablesOption();
  schema = schemaOption();
  metadata = Option.String('--metadata', { description: "A dataset's metadata file: a schema file's tables are then shown at the versions their next rows get" });
  all = Option.Boolean('--all', false, { description: 'With --tables or --schema, the built-in tables too' });
  json = Option.Boolean('--json', false, { description: 'Print as JSON' });
  jsonSchema = Option.Boolean('--json-schema', false, { description: 'Print the JSON Schema of schema files instead (point your editor at it)' });

  override async execute(): Promise<number> {
    if (this.jsonSchema) {
      // zod is a tenth of a second to load: only this and --schema need it.
      const { schemaFileJsonSchema } = await import('../../schemaFile/format/jsonSchema.js');
      this.context.stdout.write(`${JSON.stringify(schemaFileJsonSchema(toolVersions().synthgen ?? 'unknown'), null, 2)}\n`);
      return 0;
    }
    const registry = await registryFor({ modules: this.tables, schemas: this.schema, ...(this.metadata === undefined ? {} : { metadataPath: this.metadata }) });
    const own = (this.tables?.length ?? 0) > 0 || (this.schema?.length ?? 0) > 0;
    // A file's or a module's reader wants its tables; the built-in ones it references are a flag away.
    const definitions = own && !this.all ? registry.definitions.filter((d) => registry.originOf(d.name) !== undefined) : registry.definitions;
    if (!this.json) {
      this.context.stdout.write(dataDictionary(definitions, registry.definitions));
      return 0;
    }
    this.context.stdout.write(`${JSON.stringify({ tables: jsonDictionary(definitions, registry.definitions) }, null, 2)}\n`);
    return 0;
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
