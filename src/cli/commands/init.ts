/** `synthgen init --schema saas.yaml`: a commented starter schema file to edit, never over an existing file. */
import { writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, Option } from 'clipanion';
import { UserError } from '../../errors/userError.js';
import { errnoCode, reasonOf } from '../../errors/errno.js';
import { printable } from '../render/printable.js';

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
    const { STARTER_SCHEMA } = await import('../starterSchema.js');
    await writeFile(this.schema, STARTER_SCHEMA.replaceAll('THIS_FILE', this.schema).replace('SCHEMA_LINK', schemaLink(this.schema)), { flag: 'wx' }).catch((error: unknown) => {
      if (errnoCode(error) === 'EEXIST') throw new UserError(`--schema ${this.schema} already exists: synthgen never overwrites a file; pass another path, or edit that one`);
      throw new UserError(`--schema ${this.schema}: cannot write it (${reasonOf(error)}): pass a path in a folder you can write to`);
    });
    this.context.stdout.write(printable(`wrote ${this.schema}: edit it, see its tables with synthgen schema --schema ${this.schema}, and generate with\n  synthgen --schema ${this.schema} --table-names users,accounts,subscriptions,invoices --num-rows 10000\n`));
    return 0;
  }
}

/**
 * Where the starter's modeline points editors (yaml-language-server: a relative path is read from the YAML file's
 * folder): the JSON Schema shipped with this package, which an editor reads offline. Relative when the file is
 * inside the package's folder or the package is in a node_modules beside it (the link then holds for everyone who
 * clones the project), else absolute. A path with white space in it ends the modeline early: a file URL instead.
 */
export function schemaLink(file: string): string {
  const shipped = fileURLToPath(new URL('../../../../schema/synthgen.schema.json', import.meta.url));
  const folder = dirname(resolve(file));
  const root = dirname(dirname(shipped));
  const path = relative(folder, shipped).split(sep).join('/');
  const beside = folder === root || folder.startsWith(`${root}${sep}`) || /^(\.\.\/)*node_modules\//.test(path);
  const link = beside ? path : shipped;
  return /\s/.test(link) ? pathToFileURL(shipped).href : link;
}
