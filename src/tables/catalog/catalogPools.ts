/**
 * The catalogue's words as flat pools. A product is one of ARCHETYPES_PER_SUBCATEGORY archetypes of its
 * subcategory: a noun, a material, a template and a value for each attribute, drawn here once and written out in
 * full, so a row finds its name, material and description by one index (subcategory x ARCHETYPES + archetype).
 * Only the measure (net weight, ml, pages) is filled in per row, because it follows the row's weight.
 *
 * Why not fill every slot in SQL: measured on DuckDB 1.x, each list lookup costs ~40 ns a row whatever the pool's
 * length (up to ~5,000 entries), and a template of 4 slots took ~13 of them (~500 ns, 15% of a product row).
 */
import {
  type AttributeValues,
  COLORS_PER_SUBCATEGORY,
  MEASURE_SUFFIX,
  NOUNS_PER_SUBCATEGORY,
  PERSON_NAMES,
  type Subcategory,
  TEMPLATES_PER_SUBCATEGORY,
} from './subcategory.js';

/**
 * Enough that specs vary as a shop's do (128 per noun: a laptop's RAM, storage, screen and body come in most of their
 * combinations), so that with the colour and the measure a big subcategory has thousands of distinct descriptions.
 * Descriptions are then mostly plain-encoded in Parquet (issue 26 asked for the variety; the column is larger).
 */
export const ARCHETYPES_PER_SUBCATEGORY = 512;

/** A 0-based integer below n, from a seeded generator: the pools must be the same on every build. */
export type Pick = (n: number) => number;

export interface Archetype {
  /** The name after brand, line and model: [material] noun [, specs]; a measure suffix is added per row. */
  readonly name: string;
  /** Which of the subcategory's nouns it is. */
  readonly noun: number;
  /** Its spec multiplier: the product of the subcategory's factors of its noun, material and attribute values. */
  readonly spec: number;
  /** Its noun's shipping weight range in kg. */
  readonly weight: readonly [number, number];
  /** The material column ('' for none). */
  readonly material: string;
  /** The description before the measure, and after it; all of it in `before` without a measure. */
  readonly before: string;
  readonly after: string;
}

/** A noun or material in running text: "a dutch oven" would read wrong, so acronyms and proper names keep their capitals. */
export function inText(noun: string): string {
  return noun
    .split(' ')
    .map((word) => (/[A-Z].*[A-Z0-9]|^\d|^(Dutch|Basmati|Egyptian|Pima)$/.test(word) && !word.includes('-') ? word : word.toLowerCase()))
    .join(' ');
}

function isPerNoun(values: readonly string[] | readonly (readonly string[])[]): values is readonly (readonly string[])[] {
  return Array.isArray(values[0]);
}

function valuesOf(values: AttributeValues, noun: number, personNames: readonly string[]): readonly string[] {
  if (values === PERSON_NAMES) return personNames;
  return isPerNoun(values) ? (values[noun] ?? []) : values;
}

const PER_NOUN = ARCHETYPES_PER_SUBCATEGORY / NOUNS_PER_SUBCATEGORY;

/** `size` values shuffled: the list repeated to fill it (each value as often as it is listed), or a sample of a longer list. */
function deal(values: readonly string[], size: number, pick: Pick): string[] {
  const deck = values.length >= size ? [...values] : Array.from({ length: size }, (_, k) => values[k % values.length] ?? '');
  for (let i = deck.length - 1; i > 0; i -= 1) {
    const j = pick(i + 1);
    [deck[i], deck[j]] = [deck[j] ?? '', deck[i] ?? ''];
  }
  return deck.slice(0, size);
}

/**
 * A noun's archetypes get each attribute's values from a shuffled deck, not by independent draws: each value in its
 * listed share exactly, so that a spec's mean price is not tilted by which nouns or other specs happened to come
 * with it (a noun's 128 archetypes are few for independent draws).
 */
type Dealer = (noun: number, slot: string, values: readonly string[]) => string;

function dealer(pick: Pick): Dealer {
  const decks = new Map<string, string[]>();
  return (noun, slot, values) => {
    if (values.length === 0) return '';
    const key = `${noun}/${slot}`;
    let deck = decks.get(key);
    if (!deck?.length) {
      deck = deal(values, PER_NOUN, pick);
      decks.set(key, deck);
    }
    return deck.pop() ?? '';
  };
}

/**
 * Archetype `index` of a subcategory: templates and nouns take turns (each equally often), the material shows in
 * every other name where it reads well, and the rest is dealt.
 */
function archetype(sub: Subcategory, index: number, draw: Dealer, personNames: readonly string[]): Archetype {
  const noun = Math.floor(index / TEMPLATES_PER_SUBCATEGORY) % NOUNS_PER_SUBCATEGORY;
  const template = sub.descriptions[index % TEMPLATES_PER_SUBCATEGORY] ?? '';
  const materials = isPerNoun(sub.materials) ? (sub.materials[noun] ?? []) : sub.materials;
  const material = draw(noun, 'material', materials);
  const values = new Map<string, string>(Object.entries(sub.attributes).map(([name, list]) => [name, draw(noun, name, valuesOf(list, noun, personNames))]));
  values.set('material', inText(material));
  values.set('noun', inText(sub.nouns[noun] ?? ''));
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, slot: string) => values.get(slot) ?? '');
  // In a name, values keep their own capitals, and start with one after a comma ("by Ann Lee, Hardcover").
  const named = new Map([...values, ['material', material], ['noun', sub.nouns[noun] ?? '']]);
  // A whole name template says its values in title case ("Vitamin C Face Serum").
  const title = (text: string, everyWord = false) =>
    text.replace(/\{(\w+)\}/g, (_, slot: string, at: number) => {
      const value = named.get(slot) ?? '';
      if (everyWord) return value.split(' ').map((word) => (/^(de|of|and|for)$/.test(word) ? word : capitalized(word))).join(' ');
      return at === 0 || text.slice(0, at).endsWith(', ') ? capitalized(value) : value;
    });
  const [before = '', after = ''] = template.split('{measure}');
  const suffix = sub.nameSuffix && sub.nameSuffix !== MEASURE_SUFFIX ? `, ${title(sub.nameSuffix)}` : '';
  const showMaterial = sub.materialInName && material !== '' && Math.floor(index / (TEMPLATES_PER_SUBCATEGORY * NOUNS_PER_SUBCATEGORY)) % 2 === 0;
  const spec = [...named.values()].reduce((product, value) => product * (sub.factors[value] ?? 1), 1);
  return {
    name: sub.nameTemplate ? `${title(sub.nameTemplate, true)}${suffix}` : `${showMaterial ? `${material} ` : ''}${sub.nouns[noun] ?? ''}${suffix}`,
    noun,
    spec,
    weight: sub.weights[noun] ?? sub.weight,
    material,
    before: fill(before),
    after: fill(after),
  };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every subcategory's archetypes, in subcategory order. */
export function archetypes(subs: readonly Subcategory[], pick: Pick, personNames: readonly string[]): Archetype[] {
  return subs.flatMap((sub) => {
    const draw = dealer(pick);
    return Array.from({ length: ARCHETYPES_PER_SUBCATEGORY }, (_, index) => archetype(sub, index, draw, personNames));
  });
}

/** Colours per subcategory, the palette repeated to COLORS_PER_SUBCATEGORY; '' (NULL) where colour does not apply. */
export function colorPool(subs: readonly Subcategory[]): string[] {
  return subs.flatMap((sub) => Array.from({ length: COLORS_PER_SUBCATEGORY }, (_, index) => sub.colors[index % Math.max(1, sub.colors.length)] ?? ''));
}

/** A measure takes one of MEASURES_PER_SUBCATEGORY pack sizes, by where the weight falls in its range. */
export const MEASURES_PER_SUBCATEGORY = 8;

function round(value: number, step: number): number {
  return Math.max(step, Math.round(value / step) * step);
}

/** As a shop labels it: 1.5 kg and 2 L rather than 1,500 g and 2,000 ml. */
function shown(amount: number, unit: string): string {
  const larger = unit === ' g' ? ' kg' : unit === ' ml' ? ' L' : undefined;
  if (larger && amount >= 1000) return `${Number((amount / 1000).toFixed(2))}${larger}`;
  return `${amount.toLocaleString('en-US')}${unit}`;
}

/** Multipack choices per slice: a row draws one, and the slice's contents are split into that many units. */
export const PACKS_PER_MEASURE = 8;

/**
 * Per subcategory, slice and pack choice, the measure of each of MEASURES_PER_SUBCATEGORY equal slices of the
 * log-weight range (weights are log-uniform in it): perKg x the slice's middle weight, split into the pack's count
 * of units no smaller than the smallest slice's ("6 x 250 g"), each rounded to the step, with the unit ('' for
 * none). A shop sells a few sizes, and multipacks of them; the shipping weight stays the whole listing's.
 */
export function measurePool(subs: readonly Subcategory[], form: 'text' | 'name'): string[] {
  return subs.flatMap((sub) =>
    Array.from({ length: MEASURES_PER_SUBCATEGORY * PACKS_PER_MEASURE }, (_, index) => {
      const measure = sub.measure;
      if (!measure || (form === 'name' && sub.nameSuffix !== MEASURE_SUFFIX)) return '';
      const slice = Math.floor(index / PACKS_PER_MEASURE);
      const [low, high] = sub.weight;
      const middle = (at: number) => low * (high / low) ** ((at + 0.5) / MEASURES_PER_SUBCATEGORY);
      const kg = middle(slice);
      const count = Math.max(1, Math.min(measure.packs?.[index % PACKS_PER_MEASURE] ?? 1, Math.floor(kg / middle(0))));
      const unit = shown(round((kg * measure.perKg) / count, measure.step), measure.unit);
      if (form === 'text') return count > 1 ? `${count} x ${unit}` : unit;
      return count > 1 ? `, ${unit} (Pack of ${count})` : `, ${unit}`;
    }),
  );
}
