/**
 * The CLI's words for what a message names (errors/vocabulary.ts): its flags and its commands. Every engine error the
 * CLI prints is rendered in them (`error.render(CLI_WORDS)`), so its lines name what its user typed.
 */
import type { Vocabulary } from '../../errors/vocabulary.js';

export const CLI_WORDS: Vocabulary = {
  metadata: '--metadata',
  out: '--out',
  datasetFolder: '--out',
  datasetS3: '--s3-bucket',
  tables: '--table-names',
  rows: '--num-rows',
  seed: '--seed',
  asOf: '--as-of',
  since: '--since',
  threads: '--workers',
  fileSizeLimit: '--file-size-limit',
  compression: '--compression',
  compressionLevel: '--compression-level',
  rowGroupSize: '--row-group-size',
  wait: '--wait',
  s3Bucket: '--s3-bucket',
  s3Endpoint: '--s3-endpoint',
  s3Region: '--s3-region',
  legacyFiles: '--legacy-files',
  legacyFilesOf: (files) => `--legacy-files ${Object.entries(files).map(([table, location]) => `${table}=${location}`).join(',')}`,
  reportData: 'synthgen report --json',
  reportFile: '--file',
  force: '--force',
  tablesModules: '--tables',
  schemaFiles: '--schema',
  tablesModule: (path) => `--tables ${path}`,
  schemaFile: (path) => `--schema ${path}`,
  resume: 'synthgen --resume',
  discardInterrupted: 'synthgen --discard-interrupted',
  resumeAndDiscard: 'synthgen --resume and --discard-interrupted',
  verify: 'synthgen verify',
  listRuns: 'synthgen runs',
  generate: (table, rows) => `synthgen --table-names ${table} --num-rows ${rows}`,
  starterSchema: (path) => `write a starter with synthgen init --schema ${path}`,
  exampleSchema: 'synthgen init --schema new.yaml writes an example',
};
