/**
 * One version rule for every table, whatever defines it (synthgen itself, a --tables module, a --schema file). A
 * table's rows are told apart by their identity (what decides which rows exist and when they were created: key,
 * parents, children, arrivals), which never changes under existing rows, and by a fingerprint of each field (its
 * compiled SQL, the fields it reads and the pools' values). A run whose definition computes a field otherwise makes
 * the table's next version: older rows stay as they were written, and a child may still reference them, but may
 * recompute through them only fields that no version since changed (readsAcrossVersions.ts).
 */
import { createHash } from 'node:crypto';
import { UserError, type Wording, inWords } from '../errors/userError.js';
import type { Vocabulary } from '../errors/vocabulary.js';
import type { TableRegistry } from '../model/registry.js';
import { poolValues } from '../model/poolValues.js';
import type { TableOrigin } from '../records/tableOrigin.js';
import { isLegacy, type Segment } from '../records/segment.js';
import type { VersionChecks, VersionRecord } from '../records/versionRecord.js';
import type { TableState } from '../state/metadata.js';
import { definitionIdentity } from './definitionIdentity.js';

/** The pseudo-field standing for the whole query (a children count, say, is in no field). */
const WHOLE = '(query)';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Each field's fingerprint, by name, as the stand-in compile of the table has it. */
export async function fingerprints(registry: TableRegistry, table: string): Promise<Record<string, string>> {
  const compiled = registry.compileForCheck(table);
  const pools = new Map<string, string>();
  for (const pool of compiled.pools) pools.set(pool.name, sha(JSON.stringify(await poolValues(pool, registry.poolCache(pool)))));
  const memo = new Map<string, string>();
  const printOf = (node: string): string => {
    const known = memo.get(node);
    if (known) return known;
    const read = compiled.reads.get(node);
    if (!read) return node; // the row's own source (its ID, a line number, an aggregate): fixed by the identity
    memo.set(node, 'cycle');
    const inputs = read.inputs.map((input) => (input.startsWith('pool ') ? `${input}:${pools.get(input.slice(5)) ?? ''}` : input));
    const print = sha(JSON.stringify([read.sql, inputs, read.fields.map(printOf)]));
    memo.set(node, print);
    return print;
  };
  const definition = registry.get(table);
  const prints: Record<string, string> = { [WHOLE]: sha(compiled.select(1, 1000)) };
  for (const field of [...(definition?.helpers ?? []), ...(definition?.columns ?? [])]) {
    const column = definition?.columns.find((c) => c.name === field.name);
    prints[field.name] = sha(`${printOf(field.name)}:${column?.type ?? ''}`);
  }
  return prints;
}

/** A table defined in code (synthgen's own, a module's, a program's) as versions compare it. */
export async function definitionPrint(registry: TableRegistry, table: string): Promise<DefinitionPrint> {
  const definition = registry.get(table);
  if (!definition) throw new Error(`unknown table ${table}`);
  return { identity: definitionIdentity(definition), prints: await fingerprints(registry, table) };
}

function sameFields(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export interface TableVersion {
  readonly version: number;
  readonly record: VersionRecord;
  /** Set when the fields changed since the latest version recorded: that version, and which fields. */
  readonly changed?: { readonly since: number; readonly fields: readonly string[] };
}

/** A table's definition as versions compare it: the identity of its rows, its fields' fingerprints, what verify checks. */
export interface DefinitionPrint {
  readonly identity: string;
  readonly prints: Readonly<Record<string, string>>;
  /** Kept for a schema file's tables, whose rules are data (a module's are code). */
  readonly checks?: VersionChecks;
}

export interface VersionQuestion {
  /** How a refusal names the definition: `bank.yaml:3:3`, the module; nothing for synthgen's own. */
  readonly where: Wording | undefined;
  readonly table: string;
  readonly kind: TableOrigin['kind'];
  /** One of synthgen's own tables (model/packagedTables.ts): only a release changes it. */
  readonly packaged: boolean;
  /** The version the definition says it makes: where a table's versions start (1 for a schema file's). */
  readonly declared: number;
  readonly print: DefinitionPrint;
  /** The table as the dataset's metadata records it. */
  readonly state: TableState | undefined;
}

/** `bank.yaml:3:3: ` before a line, where a table's definition has a place; nothing for synthgen's own. */
export function at(where: Wording | undefined, words: Vocabulary): string {
  return where === undefined ? '' : `${inWords(where, words)}: `;
}

function recomputable(state: TableState | undefined): Segment[] {
  return (state?.segments ?? []).filter((segment): segment is Segment => !isLegacy(segment));
}

/** `by /home/me/bank.yaml`, `by synthgen itself`: who made a table's rows, as its record says. */
function madeBy(state: TableState | undefined, packaged: boolean): string {
  if (state?.definition) return `by ${state.definition.module}`;
  return packaged ? 'by synthgen itself' : 'by a program that registered it in code';
}

/**
 * Rows made before synthgen recorded versions (the metadata has none for the table): trusted when every one is of
 * the version the definition says it makes, as they were then; their fields' fingerprints are this definition's.
 */
function firstRecord(question: VersionQuestion, rows: readonly Segment[]): TableVersion {
  const { table, declared, print } = question;
  const other = rows.find((segment) => segment.version !== declared);
  if (other) {
    throw new UserError(
      (w) => `existing ${table} rows were made by generator version ${other.version}, this synthgen makes version ${declared}, and the metadata (written by an earlier synthgen) does not record what version ${other.version} computed: use the synthgen release that made them, or a new ${w.metadata} and ${w.out}`,
    );
  }
  const checks = print.checks ? { checks: { [String(declared)]: print.checks } } : {};
  return { version: declared, record: { identity: print.identity, versions: { [String(declared)]: print.prints }, ...checks } };
}

/**
 * The version this run's rows of a table get, or one line saying why its rows cannot continue. A version that
 * exists keeps its number; a changed one is the next after the latest, or the one the definition declares if
 * higher (synthgen's own tables number their versions by release). A version's checks are the definition's: for a
 * version that exists, the rows are made by the same fields, and what the file now says of them (a rule added,
 * say) holds for them all.
 */
export function versionOf(question: VersionQuestion): TableVersion {
  const { where, table, kind, packaged, declared, print, state } = question;
  const rows = recomputable(state);
  const recordedKind = state?.definition?.kind ?? 'builtin';
  if (rows.length > 0 && (recordedKind === 'schema') !== (kind === 'schema')) {
    const not = kind === 'schema' ? 'not by a schema file' : 'by a schema file';
    throw new UserError((w) => `${at(where, w)}table ${table} already has rows, made ${madeBy(state, packaged)}, ${not}: rename the table, or start a new dataset with another ${w.metadata} and ${w.out}`);
  }
  const recorded = state?.versions;
  if (!recorded) return firstRecord(question, rows);
  if (recorded.identity !== print.identity) {
    throw new UserError(
      (w) => `${at(where, w)}the key, parents, children or arrivals of ${table} changed since its rows were generated (${madeBy(state, packaged)}), so new rows would not continue them: ${packaged ? 'continue the dataset with the synthgen release that made them' : 'restore them as they were'}, or start a new dataset with another ${w.metadata} and ${w.out}`,
    );
  }
  const latest = Math.max(...Object.keys(recorded.versions).map(Number));
  const before = recorded.versions[String(latest)] ?? {};
  const version = sameFields(before, print.prints) ? latest : Math.max(latest + 1, declared);
  const checks = recorded.checks || print.checks ? { checks: { ...recorded.checks, ...(print.checks ? { [String(version)]: print.checks } : {}) } } : {};
  const record: VersionRecord = { identity: print.identity, versions: { ...recorded.versions, [String(version)]: print.prints }, ...checks };
  if (version === latest) return { version, record };
  const fields = Object.keys({ ...before, ...print.prints }).filter((field) => field !== WHOLE && before[field] !== print.prints[field]);
  return { version, record, changed: { since: latest, fields } };
}

/** What a run says of a table whose columns changed: which, and the version its new rows are. */
export function versionNotice(table: string, version: TableVersion): string | undefined {
  if (!version.changed) return undefined;
  const { since, fields } = version.changed;
  const named = fields.length > 0 ? ` (${fields.join(', ')})` : '';
  return `${table}: its columns changed since version ${since}${named}, so its new rows are version ${version.version}; rows already generated keep theirs (a column changes when its definition changes, or when this synthgen computes it otherwise: see docs/changelog.md)`;
}
