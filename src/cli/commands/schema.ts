/** `synthgen schema`: the data dictionary (every column: type, meaning, distribution). */
import { Command, Option } from 'clipanion';
import { dataDictionary } from '../../schema/dataDictionary.js';
import { TABLES, tableRegistry } from '../../tables/index.js';

export class SchemaCommand extends Command {
  static override paths = [['schema']];

  static override usage = Command.Usage({
    description: 'Print the data dictionary: every table and column with its type, meaning and distribution',
    examples: [
      ['As Markdown', '$0 schema'],
      ['As JSON, for scripts', '$0 schema --json'],
    ],
  });

  json = Option.Boolean('--json', false, { description: 'Print as JSON' });

  override async execute(): Promise<number> {
    if (!this.json) {
      this.context.stdout.write(dataDictionary(tableRegistry().definitions));
      return 0;
    }
    const tables = TABLES.map((t) => ({
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
