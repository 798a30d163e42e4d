/**
 * What one subcategory of the catalogue is: its share, prices and weights, and the words its products are described
 * with. Checked when declared, so a template naming an attribute it lacks fails here, next to the data.
 */
export type SizeKind = 'apparel' | 'shoe' | 'none';

export type Four<T> = readonly [T, T, T, T];
export type Eight<T> = readonly [T, T, T, T, T, T, T, T];

/** Stands for a list of people's names (built from faker with the pools), e.g. for a book's author. */
export const PERSON_NAMES = 'person names';

/** An attribute's values: one list for every noun, one list per noun, or people's names. */
export type AttributeValues = readonly string[] | Four<readonly string[]> | typeof PERSON_NAMES;

/** A quantity that follows the shipping weight, so text and weight agree: kg x perKg rounded to the step, and a unit. */
export interface Measure {
  readonly perKg: number;
  readonly step: number;
  /** Written after the number, e.g. ' ml', ' pages'. */
  readonly unit: string;
  /** How price follows the measure: price ~ measure^elasticity (below 1: larger packs cost less per unit). Default 0.8. */
  readonly elasticity?: number;
  /** Multipack counts, one per pack choice (PACKS_PER_MEASURE), drawn uniformly per row; default single units. */
  readonly packs?: readonly number[];
}

/** A price range in whole USD: lows of 100 or more end in 9, so that a price rounded down to a 9 stays in range. */
export type PriceRange = readonly [number, number];

export interface SubcategorySpec {
  readonly category: string;
  readonly name: string;
  readonly nouns: Four<string>;
  /** Price range in whole USD of a real shop, for the whole subcategory or per noun (a bike lock is no bike). */
  readonly price: PriceRange | Four<PriceRange>;
  /**
   * Price multipliers by value: a noun, a material or an attribute's value (e.g. '32 GB': 1.9). A product's spec
   * multiplier is the product of those of its values; 1 for a value not listed.
   */
  readonly factors?: Readonly<Record<string, number>>;
  /** Whether the name carries a model number after the product line ("Aero 5140"), as electronics and tools do. */
  readonly model?: boolean;
  /** A book: the name is a title, then the archetype's name ('by {author}, {format}'), with no brand or line. */
  readonly book?: boolean;
  /** The archetype's part of the name, a template; default '[material ]noun[, nameSuffix]'. */
  readonly nameTemplate?: string;
  /** Shipping weight range in kg. */
  readonly weight: readonly [number, number];
  /** Shipping weight range per noun, where nouns differ (a bike helmet is no bike); not with a measure, which follows `weight`. */
  readonly weights?: Four<readonly [number, number]>;
  /** Share of the catalogue. */
  readonly share: number;
  readonly size?: SizeKind;
  readonly adjectives: Eight<string>;
  /** Colours it comes in, repeated to fill COLORS_PER_SUBCATEGORY (so a list of 6 makes its first two likelier); none: NULL. */
  readonly colors?: readonly string[];
  /** Materials, for every noun or per noun; none: NULL. */
  readonly materials?: readonly string[] | Four<readonly string[]>;
  /** Whether half the names say the material ("Linen Shirt"); not for a "Plastic Laptop". */
  readonly materialInName?: boolean;
  /** Up to ATTRIBUTES_PER_NOUN named attributes: templates say them as {name}, and the name's suffix may. */
  readonly attributes?: Readonly<Record<string, AttributeValues>>;
  /** Said as {measure}. */
  readonly measure?: Measure;
  /** A template said after the name's noun, after a comma ("..., {storage}"); '{measure}' for the measure. */
  readonly nameSuffix?: string;
  /** Description templates: text with slots, each an attribute, {material}, {measure} or {noun} (in lower case). */
  readonly descriptions: Four<string>;
}

export interface Subcategory extends Required<Omit<SubcategorySpec, 'nameSuffix' | 'measure' | 'price' | 'nameTemplate' | 'weights'>> {
  /** The weight range of each noun. */
  readonly weights: Four<readonly [number, number]>;
  readonly nameSuffix: string | undefined;
  readonly nameTemplate: string | undefined;
  readonly measure: Measure | undefined;
  /** The price range of each noun. */
  readonly prices: Four<PriceRange>;
  /** The whole subcategory's range: the lowest low to the highest high of its nouns. */
  readonly price: PriceRange;
}

/** The name shows the measure ("Spaghetti, 500 g"), filled per row. */
export const MEASURE_SUFFIX = '{measure}';

export const NOUNS_PER_SUBCATEGORY = 4;
export const ADJECTIVES_PER_SUBCATEGORY = 8;
export const COLORS_PER_SUBCATEGORY = 12;
export const ATTRIBUTES_PER_NOUN = 3;
export const TEMPLATES_PER_SUBCATEGORY = 4;

/** The slot names of a template, in order of appearance. */
export function templateSlots(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
}

function check(spec: SubcategorySpec): void {
  const where = `catalog: ${spec.name}`;
  const attributes = Object.keys(spec.attributes ?? {});
  if (attributes.length > ATTRIBUTES_PER_NOUN) throw new Error(`${where}: more than ${ATTRIBUTES_PER_NOUN} attributes`);
  const usable = new Set([...attributes, 'noun']);
  if (spec.materials?.length) usable.add('material');
  if (spec.measure) usable.add('measure');
  for (const template of [...spec.descriptions, ...(spec.nameSuffix ? [spec.nameSuffix] : []), ...(spec.nameTemplate ? [spec.nameTemplate] : [])]) {
    const slots = templateSlots(template);
    const unknown = slots.filter((slot) => !usable.has(slot));
    if (unknown.length) throw new Error(`${where}: "${template}" names ${unknown.join(', ')}, which it does not define`);
  }
  // The measure is the one slot filled per row in SQL (it follows the weight): once in every template, so the
  // text around it splits in two.
  const misplaced = spec.measure ? spec.descriptions.filter((template) => templateSlots(template).filter((slot) => slot === 'measure').length !== 1) : [];
  if (misplaced.length) throw new Error(`${where}: "${misplaced[0] ?? ''}" must say {measure} once`);
}

function isPerNoun(price: PriceRange | Four<PriceRange>): price is Four<PriceRange> {
  return Array.isArray(price[0]);
}

function checkPrices(name: string, prices: Four<PriceRange>): void {
  for (const [low, high] of prices) {
    if (!(Number.isInteger(low) && Number.isInteger(high) && low >= 1 && low < high)) throw new Error(`catalog: ${name}: price range ${low}-${high} is not whole dollars, low < high`);
    if (low >= 100 && low % 10 !== 9) throw new Error(`catalog: ${name}: a low price of 100 or more must end in 9 (${low})`);
  }
}

export function subcategory(spec: SubcategorySpec): Subcategory {
  check(spec);
  const prices: Four<PriceRange> = isPerNoun(spec.price) ? spec.price : [spec.price, spec.price, spec.price, spec.price];
  checkPrices(spec.name, prices);
  if (spec.weights && spec.measure) throw new Error(`catalog: ${spec.name}: weights per noun and a measure (which follows the subcategory's weight)`);
  return {
    ...spec,
    prices,
    price: [Math.min(...prices.map((range) => range[0])), Math.max(...prices.map((range) => range[1]))],
    factors: spec.factors ?? {},
    weights: spec.weights ?? [spec.weight, spec.weight, spec.weight, spec.weight],
    weight: spec.weights ? [Math.min(...spec.weights.map((w) => w[0])), Math.max(...spec.weights.map((w) => w[1]))] : spec.weight,
    model: spec.model ?? false,
    book: spec.book ?? false,
    nameTemplate: spec.nameTemplate,
    size: spec.size ?? 'none',
    colors: spec.colors ?? [],
    materials: spec.materials ?? [],
    materialInName: spec.materialInName ?? false,
    attributes: spec.attributes ?? {},
    nameSuffix: spec.nameSuffix,
    measure: spec.measure,
  };
}
