/**
 * The fields that pick each parent of a row: the parents existing at its time, a pick by popularity (with accept's
 * attempts), first children, and the chosen parent's row, whose values the child then recomputes.
 */
import { type Compilation, popularityPool } from '../compilation.js';
import type { TableRows } from '../compiledTable.js';
import { type HelperSql, attemptDrawKey, computedWhere, existingFields, parentSource, pickFields } from './parentRows.js';
import { classTable, popularityTables } from './popularity.js';
import type { KnotMemo } from '../time/segmentKnots.js';
import { quotedIdentifier, ubigint } from '../sql.js';
import type { RowContext } from '../tableDefinition.js';
import { addLegacyParent } from '../legacy/legacyParent.js';
import { definitionProblem } from '../defineTable.js';
import { type ReferenceInputs, addFirstChild, referenceInputs } from './referenceInputs.js';
import type { RandomSource } from '../random.js';
import { streamSalt } from '../salt.js';

/**
 * The fields that pick each parent among those created before this row (`<prefix>_last` the newest such), with the
 * parent's draws: one pick per attempt, and the first candidate the reference accepts (else the last) is the
 * parent. Returns the field holding the pick.
 */
function addPicks(compilation: Compilation, inputs: ReferenceInputs): string {
  const { definition } = compilation;
  const { reference, ranges, layout, timeline, prefix, label } = inputs;
  const own = { draws: compilation.own, lastField: `${prefix}_last` };
  const keyed = reference.keyed ? addKeyed(compilation, inputs, reference.keyed) : own;
  const keyedAttempts = reference.keyed?.attempts ?? Infinity;
  const popularity = compilation.enginePool(popularityPool(reference.table), popularityTables(reference.table));
  const classPool = compilation.enginePool(`_classes_${reference.column}`, classTable(reference.skew, reference.idle ?? 0));
  const attempts = reference.accept?.attempts ?? 1;
  const picks: string[] = [];
  const accepted: string[] = [];
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const at = attempts === 1 ? prefix : `${prefix}${attempt}`;
    const key = attemptDrawKey(reference.column, attempt);
    const { draws, lastField } = attempt < keyedAttempts ? keyed : own;
    const pick = { pool: popularity, classPool, draws, key, first: ranges[0]?.first_id ?? 1, lastField, prefix: at };
    // A keyed pick's draws read the key field: every field of the pick waits for it.
    const keyReads = reference.keyed && attempt < keyedAttempts ? [reference.keyed.key] : [];
    compilation.addHelpers(pickFields(pick).map((field) => ({ ...field, reads: [...field.reads, ...keyReads] })), label, inputs.engine);
    picks.push(`${at}_id`);
    const accept = reference.accept;
    if (accept && attempt < attempts - 1) {
      const candidate = parentSource({ table: reference.table, layout, pool: timeline, idField: `${at}_id`, prefix: at, standing: compilation.standing });
      compilation.addHelpers(candidate.fields, label, inputs.engine);
      const candidateKey = `${reference.table}#${attempt}`;
      compilation.parents.set(candidateKey, { definition: compilation.tables(reference.table), source: candidate.source, idField: `${at}_created`, firstChild: 'FALSE' });
      const acceptSql = (context: RowContext): string => {
        const node = compilation.nodes.get(`${at}_ok`);
        if (!node) throw new Error('unreachable');
        return `(${accept.sql(context, compilation.parentRowOf(node, candidateKey), attempt)})`;
      };
      compilation.add(definition, `${at}_ok`, label, acceptSql, definition.name, inputs.engine);
      accepted.push(`${at}_ok`);
    }
  }
  if (attempts === 1) return `${prefix}_id`;
  const chosen = `${prefix}_pick`;
  const branches = accepted.map((ok, i) => `WHEN ${quotedIdentifier(ok)} THEN ${quotedIdentifier(picks[i] ?? '')}`);
  compilation.addHelpers([{ name: chosen, reads: [...accepted, ...picks], sql: `CASE ${branches.join(' ')} ELSE ${quotedIdentifier(picks[picks.length - 1] ?? '')} END` }], label, inputs.engine);
  return chosen;
}

/**
 * A keyed reference's draws and newest parent: the key's draws among the parents existing at `at` (and at the row's
 * time: never a parent created after the row) where the key is not NULL, else the row's own among those existing at
 * its time. The key's draws are salted apart from the rows' (an id and a key of the same number draw differently)
 * and by the table and column alone, not the run's seed: a key keeps its parents across runs, each of which draws a
 * seed of its own unless given one (a customer's regular products stay theirs).
 */
function addKeyed(compilation: Compilation, inputs: ReferenceInputs, keyed: { readonly key: string; readonly at: string }): { draws: RandomSource; lastField: string } {
  const { definition, own } = compilation;
  const { layout, timeline, prefix, label } = inputs;
  for (const name of [keyed.key, keyed.at]) {
    if (!definition.helpers.some((helper) => helper.name === name)) {
      throw definitionProblem(definition.name, `parent ${inputs.reference.table}`, `keyed names ${JSON.stringify(name)}, which is not one of its helpers: keyed is { key, at }, each the name of a helper`);
    }
  }
  const key = quotedIdentifier(keyed.key);
  const at = `${prefix}_key_at`;
  const atFields: HelperSql[] = [{ name: at, reads: [keyed.key, keyed.at], sql: `CASE WHEN ${key} IS NULL THEN NULL ELSE ${quotedIdentifier(keyed.at)} END` }];
  // Computed only where there is a key (a CASE computes only the rows it takes): NULL elsewhere.
  const existing = computedWhere(existingFields({ layout, pool: timeline, time: quotedIdentifier(at), timeField: at, prefix: `${prefix}_key` }), `${key} IS NOT NULL`, keyed.key);
  const lastField = `${prefix}_use_last`;
  const chosen: HelperSql = { name: lastField, reads: [keyed.key, `${prefix}_last`, `${prefix}_key_last`], sql: `CASE WHEN ${key} IS NULL THEN ${quotedIdentifier(`${prefix}_last`)} ELSE LEAST(${quotedIdentifier(`${prefix}_key_last`)}, ${quotedIdentifier(`${prefix}_last`)}) END` };
  compilation.addHelpers([...atFields, ...existing, chosen], label, inputs.engine);
  const draws: RandomSource = {
    id: own.id,
    asOf: own.asOf,
    created: own.created,
    get popularity() {
      return own.popularity;
    },
    get popularityRank() {
      return own.popularityRank;
    },
    bits: (bitsKey) => `CASE WHEN ${key} IS NULL THEN ${own.bits(bitsKey)} ELSE hash(xor(${key}::UBIGINT, ${ubigint(streamSalt(0, definition.name, `keyed ${bitsKey}`))})) END`,
  };
  return { draws, lastField };
}

/** Each parent reference's fields: the parents existing at the row's time, the pick, and the chosen parent's row. */
export function addParents(compilation: Compilation, rows: TableRows, memo: KnotMemo): void {
  const { definition } = compilation;
  for (const reference of definition.parents) {
    // A children table's group parent is the row's by construction (children/groupParent.ts), not a pick.
    if (reference.table === definition.children?.parent) continue;
    // Some of the parent table's rows were made by the original tool: picked among with synthgen's.
    const legacy = rows.legacy?.[reference.table];
    if (legacy) {
      addLegacyParent(compilation, rows, memo, reference, legacy);
      continue;
    }
    const ranges = rows.parents[reference.table];
    if (!ranges || ranges.length === 0) throw new Error(`${definition.name}: no ${reference.table} ranges given`);
    const { inputs, first, lookup } = referenceInputs(compilation, rows, memo, reference, ranges, `__${reference.column}`);
    const { layout, timeline } = inputs;
    const pick = addPicks(compilation, inputs);
    const { chosen, firstChild } = first && lookup ? addFirstChild(compilation, inputs, first, lookup.candidate, pick) : { chosen: pick, firstChild: 'FALSE' };
    const final = parentSource({ table: reference.table, layout, pool: timeline, idField: chosen, prefix: `${inputs.prefix}_p`, standing: compilation.standing });
    compilation.addHelpers(final.fields, inputs.label, inputs.engine);
    compilation.parents.set(reference.table, { definition: compilation.tables(reference.table), source: final.source, idField: `${inputs.prefix}_p_created`, firstChild });
  }
}

