/**
 * The words a message uses for what the user sets and what they can do next. The engine is called two ways, by a
 * program (the library: run options, API calls) and by the CLI (flags, commands), and each caller knows its own
 * words for the same setting: a message is written once, as a function of a Vocabulary (see UserError), and read in
 * the library's words unless its caller renders it in its own (the CLI: cli/render/cliVocabulary.ts).
 */
export interface Vocabulary {
  /** The metadata file (RunOptions.metadataPath). */
  readonly metadata: string;
  /** The output folder of a run (NewRunOptions.out). */
  readonly out: string;
  /** The folder or S3 prefix a dataset is read from, by verify and report (VerifyOptions.root, .s3). */
  readonly datasetFolder: string;
  readonly datasetS3: string;
  /** The tables to make, and the rows of each. */
  readonly tables: string;
  readonly rows: string;
  readonly seed: string;
  readonly asOf: string;
  readonly since: string;
  /** DuckDB threads in all (RunOptions.threads). */
  readonly threads: string;
  readonly fileSizeLimit: string;
  readonly compression: string;
  readonly compressionLevel: string;
  readonly rowGroupSize: string;
  /** Waiting for another run's lock. */
  readonly wait: string;
  readonly s3Bucket: string;
  readonly s3Endpoint: string;
  readonly s3Region: string;
  /** The original tool's files (RunOptions.legacyFiles), and some of them: table -> location. */
  readonly legacyFiles: string;
  legacyFilesOf(files: Readonly<Record<string, string>>): string;
  /** Where the numbers behind a report's charts are had as data. */
  readonly reportData: string;
  /** The report's file, and replacing one. */
  readonly reportFile: string;
  readonly force: string;
  /** How tables defined in files are loaded: the way to load modules of tables, and of schema files. */
  readonly tablesModules: string;
  readonly schemaFiles: string;
  /** One file that defines tables, as the user gave it: a module of tables, a schema file. */
  tablesModule(path: string): string;
  schemaFile(path: string): string;
  /** Next steps: finish the interrupted run, remove what it wrote, check a dataset, list a dataset's runs. */
  readonly resume: string;
  readonly discardInterrupted: string;
  /** Both ways out of an interrupted run, as one pointer ("see ..."). */
  readonly resumeAndDiscard: string;
  readonly verify: string;
  readonly listRuns: string;
  /** A run that makes `rows` rows of `table`, for a message to show as an example. */
  generate(table: string, rows: number): string;
  /** How to get a schema file to start from, at `path` (after "or"); and where an example is (a sentence). */
  starterSchema(path: string): string;
  readonly exampleSchema: string;
}

/** The library's words: the fields of the run's options (run/runTypes.ts) and the calls of the API (src/index.ts). */
export const LIBRARY_WORDS: Vocabulary = {
  metadata: 'metadataPath',
  out: 'out',
  datasetFolder: 'root',
  datasetS3: 's3',
  tables: 'tables',
  rows: 'rows',
  seed: 'seed',
  asOf: 'asOf',
  since: 'since',
  threads: 'threads',
  fileSizeLimit: 'fileSizeLimitMB',
  compression: 'format.compression',
  compressionLevel: 'format.level',
  rowGroupSize: 'format.rowGroupSize',
  wait: 'wait',
  s3Bucket: 's3.target',
  s3Endpoint: 's3.endpoint',
  s3Region: 's3.region',
  legacyFiles: 'legacyFiles',
  legacyFilesOf: (files) => `legacyFiles { ${Object.entries(files).map(([table, location]) => `${table}: ${location}`).join(', ')} }`,
  reportData: 'buildReport()',
  reportFile: 'path',
  force: 'force',
  tablesModules: 'loadTableModules()',
  schemaFiles: 'loadSchemaTables()',
  tablesModule: (path) => `tables module ${path}`,
  schemaFile: (path) => `schema file ${path}`,
  resume: "runGeneration({ kind: 'resume' })",
  discardInterrupted: 'discardInterruptedRun()',
  resumeAndDiscard: "runGeneration({ kind: 'resume' }) and discardInterruptedRun()",
  verify: 'verifyDataset()',
  listRuns: 'listRuns()',
  generate: (table, rows) => `runGeneration({ kind: 'new', tables: ['${table}'], rows: { ${table}: ${rows} } })`,
  starterSchema: () => 'start from the complete example in docs/schema.md',
  exampleSchema: 'docs/schema.md has a complete example',
};
