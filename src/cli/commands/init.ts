/** `synthgen init --schema saas.yaml`: a commented starter schema file to edit, never over an existing file. */
import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'clipanion';
import { UserError } from '../../errors/userError.js';
import { errnoCode, reasonOf } from '../../errors/errno.js';

export class InitCommand extends Command {
  static override paths = [['init']];

  static override usage = Command.Usage({
    description: 'Write a commented starter schema file (YAML) to describe your own tables',
    details: `
      The starter describes a small SaaS business (accounts owned by synthgen's users, subscriptions, invoices and
      their lines) using most generators; docs/schema.md documents every one. Generate from it with --schema.
    `,
    examples: [
      ['Write saas.yaml, then generate from it', '$0 init --schema saas.yaml && synthgen --schema saas.yaml --table-names users,accounts,subscriptions,invoices --num-rows 10000'],
      ['See its data dictionary', '$0 init --schema saas.yaml && synthgen schema --schema saas.yaml'],
    ],
  });

  schema = Option.String('--schema', { required: true, description: 'Where to write the schema file (.yaml or .yml); an existing file is never replaced' });

  override async execute(): Promise<number> {
    if (!/\.ya?ml$/i.test(this.schema)) throw new UserError(`--schema ${this.schema}: the starter is YAML: name the file .yaml or .yml`);
    const { STARTER_SCHEMA } = await import('../../schemaFile/format/starterSchema.js');
    await writeFile(this.schema, STARTER_SCHEMA.replaceAll('THIS_FILE', this.schema), { flag: 'wx' }).catch((error: unknown) => {
      if (errnoCode(error) === 'EEXIST') throw new UserError(`--schema ${this.schema} already exists: synthgen never overwrites a file; pass another path, or edit that one`);
      throw new UserError(`--schema ${this.schema}: cannot write it (${reasonOf(error)}): pass a path in a folder you can write to`);
    });
    this.context.stdout.write(`wrote ${this.schema}: edit it, see its tables with synthgen schema --schema ${this.schema}, and generate with\n  synthgen --schema ${this.schema} --table-names users,accounts,subscriptions,invoices --num-rows 10000\n`);
    return 0;
  }
}
