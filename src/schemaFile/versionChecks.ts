/**
 * What `synthgen verify` checks of a table's rows beside its keys and references, as data: the bounds of its
 * numeric columns, the times held to their run's as-of, its unique columns and (for a schema file's table) its rules.
 * The metadata keeps it for each version of a schema table (versionRecord.ts), so each row is checked against the
 * definition of the version that made it; verify derives it the same way for every other table.
 */
import { NUMERIC_TYPE, TIME_TYPE } from '../model/defineTable.js';
import type { TableDefinition } from '../model/tableDefinition.js';
import type { RecordedRule, VersionChecks } from '../records/versionRecord.js';
import { recordOfRule } from './compile/rules.js';

/** The checks of a definition's columns; `rules` are those a schema file compiled (a module's are code, not data). */
export function checksOf(definition: TableDefinition): VersionChecks {
  const bounds: [string, readonly [number | null, number | null]][] = [];
  const asOf: string[] = [];
  for (const column of definition.columns) {
    const type = column.type.trim().toUpperCase();
    if (TIME_TYPE.test(type) && !column.mayFollowAsOf) asOf.push(column.name);
    if (NUMERIC_TYPE.test(type) && (column.minimum !== undefined || column.maximum !== undefined)) bounds.push([column.name, [column.minimum ?? null, column.maximum ?? null]]);
  }
  const rules = (definition.rules ?? []).flatMap((rule): RecordedRule[] => {
    const record = recordOfRule(rule);
    return record ? [record] : [];
  });
  return { bounds: Object.fromEntries(bounds), as_of: asOf, unique: [...(definition.unique ?? [])], rules };
}
