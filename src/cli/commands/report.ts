/**
 * `synthgen report`: one self-contained HTML page of the charts an analyst draws first, from a local folder or an
 * S3 prefix (read as `verify` reads it). The engine (src/report) computes and renders; this prints and exits.
 * What it needs is imported only when it runs: help and a refused command line do without DuckDB and ECharts.
 */
import { relative, resolve } from 'node:path';
import { Command, Option } from 'clipanion';
import { describeTarget } from '../../records/s3Target.js';
import type { ChartSpec } from '../../report/page/chartOptions.js';
import type { ReportData, ShopTables, TableDescription } from '../../report/reportData.js';
import { BUILTIN_TABLES } from '../../tables/index.js';
import { LOCALES } from '../../model/locales.js';
import { formatBytes, formatCount } from '../progress.js';
import { registryFor, schemaOption, tablesOption } from '../tableModules.js';
import { printable } from '../render/printable.js';
import { type FieldOf, isEndpoint, isOutFolder, isS3Target, requires, rule } from '../validators.js';
import { s3Environment } from '../s3Environment.js';
import { workerMemory } from '../workerMemory.js';
import { CLI_WORDS } from '../render/cliVocabulary.js';

type Field = FieldOf<ReportCommand>;

export class ReportCommand extends Command {
  static override paths = [['report']];

  static override usage = Command.Usage({
    description: 'Write one self-contained HTML page of charts of a dataset (and print their numbers with --json)',
    details: `
      Charts: orders per day over the whole history; orders by hour of day (UTC and the customer's local time) and
      by weekday; orders by month, one line per year; Lorenz curves of orders per user and per product (those with no
      orders included), with the share of orders from the top 1%, 10% and 20%; customers by country; and price
      distributions by category. Every number is computed with DuckDB over the dataset's Parquet files. The page
      holds everything it shows (Apache ECharts included) and opens with no network access. A table the dataset
      lacks leaves its charts out, with a note. Every other table (a schema file's, a module's) gets a card of its
      own: its rows by month of its first date or time column, and a profile of each column (type, nulls, distinct
      values, range, quartiles, the most common values of a few-valued one); the files are enough, and given the
      schema files or modules that define those tables (--schema, --tables) the cards carry their descriptions,
      and a table they define that the dataset has no files of is a note. An existing file is not replaced
      without --force, and --force replaces only a regular file: a symbolic link, a device, a FIFO or a socket at
      --file is refused.
    `,
    examples: [
      ['A report of ./data in ./report.html', '$0 report'],
      ['Another folder and file, replacing an older report', '$0 report --out /mnt/datasets/shop --file shop.html --force'],
      ['A dataset in S3, and the numbers as JSON', '$0 report --s3-bucket s3://my-bucket/synthetic --json > numbers.json'],
      ['A dataset with the tables of a schema file, described as the file describes them', '$0 report --schema saas.yaml'],
    ],
  });

  tables = tablesOption();
  schema = schemaOption();
  out = Option.String('--out', './data', { description: 'Dataset folder (default ./data)', validator: isOutFolder });
  s3Bucket = Option.String('--s3-bucket', { description: 'Report on the dataset at a bucket or s3://bucket/prefix instead of --out', validator: isS3Target });
  s3Endpoint = Option.String('--s3-endpoint', { description: 'S3-compatible endpoint URL', validator: isEndpoint });
  s3Region = Option.String('--s3-region', { description: 'Bucket region' });
  file = Option.String('--file', './report.html', { description: 'The HTML file to write (default ./report.html)' });
  force = Option.Boolean('--force', false, { description: 'Replace the file if it exists (only a regular file: never a link, a device or a FIFO)' });
  json = Option.Boolean('--json', false, { description: "Print every chart's numbers as JSON on stdout (the file is still written)" });

  static override schema = [
    rule('--s3-endpoint and --s3-region need --s3-bucket', ...(['s3Endpoint', 's3Region'] satisfies Field[]).map((field) => requires(field, ['s3Bucket'] satisfies Field[]))),
  ];

  override async execute(): Promise<number> {
    const [{ buildReport }, { reportPage, showsShopCharts }, { chartSpecs }, { checkReportPath, writeReportFile }] = await Promise.all([
      import('../../report/buildReport.js'),
      import('../../report/page/reportPage.js'),
      import('../../report/page/chartOptions.js'),
      import('../../report/writeReportFile.js'),
    ]);
    const path = resolve(this.file);
    // Refused before the dataset is read (or downloaded): that can take a while.
    await checkReportPath(path, this.force);
    const described = await this.#described();
    const data = await this.#data(buildReport, described);
    const bytes = await writeReportFile(path, reportPage(data, CLI_WORDS), this.force);
    this.context.stdout.write(this.json ? `${JSON.stringify({ file: { path, bytes }, ...data }, null, 2)}\n` : printable(plainSummary(data, showsShopCharts(data) ? chartSpecs(data) : [], path, bytes)));
    return 0;
  }

  /** What --schema and --tables say of their tables, checked as verify checks them; nothing without them. */
  async #described(): Promise<TableDescription[]> {
    if (!this.tables?.length && !this.schema?.length) return [];
    const registry = await registryFor({ modules: this.tables, schemas: this.schema });
    return registry.definitions.flatMap((definition): TableDescription[] => {
      const origin = registry.originOf(definition.name);
      if (origin.kind === 'builtin') return [];
      const columns = definition.columns.map(({ name, description }) => ({ name, description }));
      return [{ name: definition.name, description: definition.description, definedIn: relative(process.cwd(), origin.path), columns }];
    });
  }

  async #data(buildReport: typeof import('../../report/buildReport.js').buildReport, described: readonly TableDescription[]): Promise<ReportData> {
    const target = this.s3Bucket;
    const shop = shopTables();
    const memory = workerMemory();
    if (target === undefined) return buildReport({ root: this.out, described, shop, ...memory });
    const { readSettings, withS3Dataset } = await import('../../output/s3/s3Dataset.js');
    return withS3Dataset(readSettings(target, this.s3Endpoint, this.s3Region, s3Environment()), 'report', ({ root, refused }) => {
      const notes = refused.map(({ key, reason }) => `Object s3://${target.bucket}/${key} is not in the report: ${reason}.`);
      return buildReport({ root, label: describeTarget(target), notes, described, shop, ...memory });
    });
  }
}

/**
 * What the report's shop charts need of the built-in tables: their names, the time zone of each country they draw users
 * from, and the standard offset orders' deliveries are placed in (the late-deliveries tile).
 */
function shopTables(): ShopTables {
  return {
    names: BUILTIN_TABLES.map((table) => table.name),
    zones: LOCALES.map(({ countryCode, timeZone }) => ({ countryCode, timeZone })),
    destinations: LOCALES.map(({ country, utcOffset }) => ({ country, utcOffset })),
  };
}

/** What the report read and wrote, as it is printed when done: the charts drawn, and a card per table of the dataset's own. */
function plainSummary(data: ReportData, charts: readonly ChartSpec[], path: string, bytes: number): string {
  const read = Object.entries(data.tables).flatMap(([table, found]) => (found ? [`${table} ${formatCount(found.rows)}`] : []));
  const drawn = `${charts.filter((chart) => chart.state === 'shown').length} of ${charts.length} charts`;
  const own = data.own.length ? `a card for each of the dataset's own tables (${data.own.length}): ${data.own.map((table) => table.name).join(', ')}` : '';
  const wrote = charts.length && own ? `${drawn}, and ${own}` : charts.length ? drawn : own;
  const lines = [`synthgen report ${data.dataset}: ${read.join(', ')} rows read`, `  wrote ${path} (${formatBytes(bytes)}): ${wrote}`];
  for (const chart of charts) {
    if (chart.state === 'omitted') lines.push(`  left out "${chart.title}": ${chart.reason}`);
  }
  for (const note of data.notes) lines.push(`  note: ${note}`);
  return `${lines.join('\n')}\n`;
}
