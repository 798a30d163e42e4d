/**
 * `synthgen verify --schema ... --out ... --metadata ...` in this process (cli/commands/verify.ts, local folder): the
 * registry with the versions the metadata records (helpers/schemaLoad.ts), the metadata, and the folder beside it
 * that runs keep the original tool's rows in. The report is the engine's; what the CLI adds is its printing.
 */
import { dirname } from 'node:path';
import { type VerifyReport, loadMetadata, verifyDataset } from '../../dist/src/index.js';
import { realMetadataPath } from '../../dist/src/state/metadata.js';
import { loadSchema } from './schemaLoad.js';

export async function verifySchemaDataset(files: readonly string[], out: string, metadataPath: string): Promise<VerifyReport> {
  const { registry } = await loadSchema(files, metadataPath);
  const loaded = await loadMetadata(metadataPath);
  const metadata = loaded.exists ? { metadata: loaded.metadata, metadataFolder: dirname(await realMetadataPath(metadataPath)) } : {};
  return verifyDataset({ root: out, registry, ...metadata });
}
