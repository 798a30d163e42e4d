/**
 * docs/schema.md documents every generator and common option with an example, and its examples are valid: a whole
 * file loads in synthgen, a table, a column or a rule passes the published JSON Schema; and every example runs, as
 * written, in a whole file: a fragment (some columns, a table, rules) placed in a file of the tables it names. Files
 * are loaded and run in this process, as the CLI loads and runs them (helpers/schemaLoad.ts, helpers/engine.ts).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse, stringify } from 'yaml';
import { expect, test } from 'vitest';
import { JSON_SCHEMA_PATH } from '../dist/src/schemaFile/format/jsonSchema.js';
import { COMMON_NAMES, GENERATOR_NAMES } from '../dist/src/schemaFile/format/schemaFormat.js';
import { homedir } from 'node:os';
import { BUILTIN_POOLS, type WorkerPool, builtinEntries, dataDictionary, loadSchemaTables } from '../dist/src/index.js';
import { cacheFromEnvironment } from '../dist/src/state/cache.js';
import { withTempDir } from './helpers/cli.js';
import { engineRun } from './helpers/engine.js';
import { inLanes } from './helpers/inLanes.js';
import { loadSchema } from './helpers/schemaLoad.js';

const ROOT = resolve(import.meta.dirname, '..');

async function docs(): Promise<string> {
  return readFile(resolve(ROOT, 'docs/schema.md'), 'utf8');
}

function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

test('every generator has its section with an example, and every common option its row', async () => {
  const markdown = await docs();
  const sections = markdown.split(/^### /m).slice(1);
  for (const generator of GENERATOR_NAMES) {
    const section = sections.find((s) => s.split('\n')[0]?.split(' and ').includes(generator));
    expect(section, generator).toBeDefined();
    expect(yamlBlocks(section ?? '').join('\n'), generator).toMatch(new RegExp(`\\b${generator}: `));
  }
  for (const option of COMMON_NAMES) expect(markdown).toMatch(new RegExp(`^\\| \`${option}\` \\|`, 'm'));
});

test("the docs' examples are valid: whole files load, tables, columns and rules pass the JSON Schema", async () => {
  const schema = JSON.parse(await readFile(resolve(ROOT, JSON_SCHEMA_PATH), 'utf8')) as { $id: string };
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addSchema(schema);
  const table = `${schema.$id}#/properties/tables/additionalProperties`;
  const validators = {
    table: ajv.getSchema(table),
    column: ajv.getSchema(`${table}/properties/columns/additionalProperties`),
    rule: ajv.getSchema(`${table}/properties/rules/items`),
  };
  const blocks = yamlBlocks(await docs());
  expect(blocks.length).toBeGreaterThan(15);
  let files = 0;
  await withTempDir(async (dir) => {
    for (const [index, block] of blocks.entries()) {
      const parsed = parse(block) as Record<string, unknown> | null;
      if (parsed === null) continue; // a modeline alone
      if ('tables' in parsed) {
        const file = join(dir, `example${index}.yaml`);
        await writeFile(file, block);
        // Loaded as `synthgen schema --schema` loads it, in this process (a spawned CLI costs ~2 s of start-up), and
        // its tables' dictionary made: nothing to say, nothing thrown.
        const loaded = await loadSchema([file]);
        expect(loaded.notices, block).toEqual([]);
        const own = loaded.registry.definitions.filter((t) => loaded.registry.originOf(t.name).kind !== 'builtin');
        expect(own.length, block).toBeGreaterThan(0);
        expect(dataDictionary(own, loaded.registry.definitions)).toContain(`### ${own[0]?.name}`);
        files += 1;
        continue;
      }
      const entries: [keyof typeof validators, unknown][] =
        'rules' in parsed
          ? (parsed.rules as unknown[]).map((r) => ['rule', r])
          : Object.values(parsed).map((v) => [typeof v === 'object' && v !== null && 'columns' in v ? 'table' : 'column', v]);
      for (const [kind, value] of entries) {
        const validate = validators[kind];
        expect(validate?.(value), `${kind} ${JSON.stringify(value)}: ${JSON.stringify(validate?.errors?.slice(0, 2))}`).toBe(true);
      }
    }
  });
  expect(files).toBeGreaterThanOrEqual(2);
});

type Columns = Record<string, Record<string, unknown>>;
interface Table {
  key: string | string[];
  children?: unknown;
  columns: Columns;
  rules?: unknown[];
}

/** The tables the docs' fragments name: accounts, their subscriptions, invoices and their lines, and a host for columns. */
function harness(): Record<string, Table> {
  return {
    accounts: {
      key: 'account_id',
      columns: {
        account_id: { key: true },
        company: { faker: 'company.name' },
        plan: { choice: ['free', 'pro', 'enterprise'] },
        domain: { faker: 'internet.domainName' },
        created_at: { timestamp: { created: true } },
      },
    },
    subscriptions: {
      key: 'subscription_id',
      columns: { subscription_id: { key: true }, account_id: { ref: 'accounts' }, account_plan: { parent: 'account.plan' } },
    },
    invoices: { key: 'invoice_id', columns: { invoice_id: { key: true }, issued_at: { timestamp: { created: true } } } },
    invoice_lines: {
      key: ['invoice_id', 'line_number'],
      children: { of: 'invoices', count: { min: 1, max: 3 } },
      columns: {
        invoice_id: { ref: 'invoices' },
        line_number: { key: 'line' },
        unit_price: { decimal: { min: 1, max: 50, precision: 10, scale: 2 } },
        amount: { decimal: { min: 1, max: 100, precision: 10, scale: 2 } },
      },
    },
    examples: {
      key: 'example_id',
      columns: {
        example_id: { key: true },
        account_id: { ref: 'accounts' },
        subscription_id: { ref: 'subscriptions' },
        owner_id: { ref: { table: 'users', as: 'owner' } },
        company: { faker: 'company.name' },
        first_name: { faker: 'person.firstName' },
        last_name: { faker: 'person.lastName' },
        account_plan: { parent: 'account.plan' },
        created_at: { timestamp: { created: true } },
        issued_at: { timestamp: { created: true } },
        started_at: { timestamp: { after: 'account.created_at', span: { max: '30d' } } },
        subtotal: { decimal: { min: 10, max: 100, precision: 10, scale: 2 } },
        discount: { decimal: { min: 0, max: 0.3, precision: 4, scale: 3 } },
        total: { decimal: { min: 1, max: 10, precision: 10, scale: 2 } },
      },
    },
  };
}

/**
 * The harness's table a column of a fragment belongs in: a key in a table of its own, an aggregate in the parent of
 * invoice_lines, a unique template in the table whose key it names, anything else in the host.
 */
function place(tables: Record<string, Table>, name: string, column: Record<string, unknown>): void {
  if (column.key === true) {
    tables[`keyed_${name}`] = { key: name, columns: { [name]: column, flag: { bool: 0.5 } } };
    return;
  }
  if (column.key === 'line') {
    tables[`lines_${name}`] = { key: ['invoice_id', name], children: { of: 'invoices', count: { min: 1, max: 2 } }, columns: { invoice_id: { ref: 'invoices' }, [name]: column } };
    return;
  }
  const template = typeof column.template === 'string' && column.unique === true ? column.template : undefined;
  const keyed = Object.entries(tables).find(([, table]) => template?.includes(`{${String(table.key)}`))?.[0];
  const host = 'aggregate' in column ? 'invoices' : (keyed ?? 'examples');
  const table = tables[host];
  if (table) table.columns[name] = column;
}

/** The harness's columns of faker values, which no other column of it reads. */
const FAKER_COLUMNS = [
  ['accounts', 'company'],
  ['accounts', 'domain'],
  ['examples', 'company'],
  ['examples', 'first_name'],
  ['examples', 'last_name'],
] as const;

/**
 * A whole file for a block of the docs: itself when it is one, else the harness with the fragment in place. The host's
 * reference to the built-in users (for fragments that read `owner.`) only where the fragment names an owner: a run
 * with users makes its value pools, which costs most of a small run's time; its faker columns likewise.
 */
function wholeFile(block: Record<string, unknown>): Record<string, Table> {
  if ('tables' in block) return block.tables as Record<string, Table>;
  const tables = harness();
  const said = JSON.stringify(block);
  if (!said.includes('owner')) delete tables.examples?.columns.owner_id;
  // The harness's faker columns only where the fragment names them (its templates read them): each builds a pool of
  // faker values when the file is loaded, ~0.4 CPU-seconds of an example's ~1.6, and nothing else reads them.
  for (const [table, column] of FAKER_COLUMNS) if (!said.includes(column)) delete tables[table]?.columns[column];
  if ('rules' in block) {
    const host = tables.examples;
    if (host) host.rules = block.rules as unknown[];
    return tables;
  }
  for (const [name, value] of Object.entries(block as Columns)) {
    if ('columns' in value) tables[name] = value as unknown as Table;
    else place(tables, name, value);
  }
  return tables;
}

const cache = cacheFromEnvironment(process.env, homedir());

/**
 * Runs one block of the docs in a whole file of its own, in `dir`, on `pool`. Loaded as `--schema` loads it (the
 * loader the CLI calls, with the built-in tables and the disk cache) and run in this process: a spawned CLI per
 * example costs ~2 s of start-up; what the examples must show is that the file loads and runs without a word.
 */
async function runExample(dir: string, index: number, block: Record<string, unknown>, pool: WorkerPool): Promise<void> {
  const tables = wholeFile(block);
  const file = join(dir, `example${index}.yaml`);
  const text = stringify({ tables });
  await writeFile(file, text);
  // Every table not generated with its parent, with the built-in ones the file references.
  const own = Object.entries(tables).filter(([, table]) => table.children === undefined).map(([name]) => name);
  const builtins = ['users', 'products'].filter((name) => text.includes(name));
  const names = [...builtins, ...own];
  const context = `${JSON.stringify(block)}\n${text}`;
  const loaded = await loadSchemaTables([file], {}, builtinEntries(), BUILTIN_POOLS, cache).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${context}`);
  });
  const { registry } = loaded;
  expect(loaded.notices, context).toEqual([]);
  const notices: string[] = [];
  const runDir = join(dir, `run${index}`);
  await mkdir(runDir);
  await engineRun(runDir, {
    registry,
    tables: names,
    rows: Object.fromEntries(names.map((n) => [n, 40])),
    pool,
    onProgress: (event) => {
      if (event.type === 'notice') notices.push(event.message);
    },
  }).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${context}`);
  });
  expect(notices, context).toEqual([]);
}

test('every example of the docs runs, as written, in a whole file', { timeout: 900_000 }, async () => {
  const blocks = yamlBlocks(await docs())
    .map((block) => parse(block) as Record<string, unknown> | null)
    .filter((block): block is Record<string, unknown> => block !== null);
  expect(blocks.length).toBeGreaterThan(15);
  let ran = 0;
  await withTempDir(async (dir) => {
    // Each example in a dataset of its own, three at a time (helpers/inLanes.ts).
    await inLanes(blocks, 3, async (block, index, pool) => {
      await runExample(dir, index, block, pool);
      ran += 1;
    });
  });
  expect(ran).toBe(blocks.length);
});
