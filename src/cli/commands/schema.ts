/** `synthgen schema`: the data dictionary (every column: type, meaning, distribution), built-in, --tables and --schema. */
import { Command, Option } from 'clipanion';
import { columnDependencies } from '../../schema/dictionary/columnDependencies.js';
import { dataDictionary, lookupIn } from '../../schema/dictionary/dataDictionary.js';
import type { Column, TableDefinition } from '../../schema/tableDefinition.js';
import { registryFor, schemaOption, tablesOption } from '../tableModules.js';

export class SchemaCommand extends Command {
  static override paths = [['schema']];

  static override usage = Command.Usage({
    description: 'Print the data dictionary: every table and column with its type, meaning, distribution, what it depends on and what verify checks',
    examples: [
      ['As Markdown', '$0 schema'],
      ['As JSON, for scripts', '$0 schema --json'],
      ['With the tables of your own module', '$0 schema --tables ./my-tables.mjs'],
      ['With the tables of a schema file', '$0 schema --schema saas.yaml'],
    ],
  });

  tables = tablesOption();
  schema = schemaOption();
  metadata = Option.String('--metadata', { description: "A dataset's metadata file: a schema file's tables are then shown at the versions their next rows get" });
  json = Option.Boolean('--json', false, { description: 'Print as JSON' });

  override async execute(): Promise<number> {
    const { definitions } = await registryFor({ modules: this.tables, schemas: this.schema, ...(this.metadata === undefined ? {} : { metadataPath: this.metadata }) });
    if (!this.json) {
      this.context.stdout.write(dataDictionary(definitions));
      return 0;
    }
    this.context.stdout.write(`${JSON.stringify({ tables: jsonDictionary(definitions) }, null, 2)}\n`);
    return 0;
  }
}

/** The dictionary as data: what `--json` prints. */
function jsonDictionary(definitions: readonly TableDefinition[]): unknown[] {
  const lookup = lookupIn(definitions);
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
    return { name: t.name, version: t.version, ...key, references: t.parents.map((p) => ({ column: p.column, table: p.table })), columns: t.columns.map(column) };
  });
}
