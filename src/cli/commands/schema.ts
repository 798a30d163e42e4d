/** `synthgen schema`: the data dictionary (every column: type, meaning, distribution), built-in and --tables. */
import { Command, Option } from 'clipanion';
import { dataDictionary } from '../../schema/dataDictionary.js';
import { registryFor, tablesOption } from '../tableModules.js';

export class SchemaCommand extends Command {
  static override paths = [['schema']];

  static override usage = Command.Usage({
    description: 'Print the data dictionary: every table and column with its type, meaning and distribution',
    examples: [
      ['As Markdown', '$0 schema'],
      ['As JSON, for scripts', '$0 schema --json'],
      ['With the tables of your own module', '$0 schema --tables ./my-tables.mjs'],
    ],
  });

  tables = tablesOption();
  json = Option.Boolean('--json', false, { description: 'Print as JSON' });

  override async execute(): Promise<number> {
    const { definitions } = await registryFor(this.tables);
    if (!this.json) {
      this.context.stdout.write(dataDictionary(definitions));
      return 0;
    }
    const tables = definitions.map((t) => ({
      name: t.name,
      version: t.version,
      primary_key: t.primaryKey,
      references: t.parents.map((p) => ({ column: p.column, table: p.table })),
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, description: c.description, distribution: c.distribution })),
    }));
    this.context.stdout.write(`${JSON.stringify({ tables }, null, 2)}\n`);
    return 0;
  }
}
