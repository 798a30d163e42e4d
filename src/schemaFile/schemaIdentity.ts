/**
 * The identity of a schema file's table (versions/tableVersions.ts): its key, parents, children and arrivals as the
 * file says them, hashed as the metadata has recorded them since schema files had versions.
 */
import { createHash } from 'node:crypto';
import type { TableSpec } from './format/schemaFormat.js';

export function schemaIdentity(spec: TableSpec): string {
  const refs = spec.columns
    .filter((c) => c.generator === 'ref')
    .map((c) => [c.name, typeof c.options === 'string' ? c.options : (c.options as { table: string }).table])
    .sort();
  const identity = JSON.stringify({ key: spec.key, parents: refs, children: spec.children?.of ?? null, arrivals: spec.arrivals ?? 'even' });
  return createHash('sha256').update(identity).digest('hex');
}
