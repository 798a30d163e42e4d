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
}

export interface SubcategorySpec {
  readonly category: string;
  readonly name: string;
  readonly nouns: Four<string>;
  /** Price range in USD; prices are log-uniform between them. */
  readonly price: readonly [number, number];
  /** Shipping weight range in kg. */
  readonly weight: readonly [number, number];
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
  /** A slot said after the name's noun, after a comma ("..., 128 GB"). */
  readonly nameSuffix?: string;
  /** Description templates: text with slots, each an attribute, {material}, {measure} or {noun} (in lower case). */
  readonly descriptions: Four<string>;
}

export interface Subcategory extends Required<Omit<SubcategorySpec, 'nameSuffix' | 'measure'>> {
  readonly nameSuffix: string | undefined;
  readonly measure: Measure | undefined;
}

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
  for (const template of [...spec.descriptions, ...(spec.nameSuffix ? [`{${spec.nameSuffix}}`] : [])]) {
    const slots = templateSlots(template);
    const unknown = slots.filter((slot) => !usable.has(slot));
    if (unknown.length) throw new Error(`${where}: "${template}" names ${unknown.join(', ')}, which it does not define`);
  }
  // The measure is the one slot filled per row in SQL (it follows the weight): once in every template, so the
  // text around it splits in two.
  const misplaced = spec.measure ? spec.descriptions.filter((template) => templateSlots(template).filter((slot) => slot === 'measure').length !== 1) : [];
  if (misplaced.length) throw new Error(`${where}: "${misplaced[0] ?? ''}" must say {measure} once`);
}

export function subcategory(spec: SubcategorySpec): Subcategory {
  check(spec);
  return {
    ...spec,
    size: spec.size ?? 'none',
    colors: spec.colors ?? [],
    materials: spec.materials ?? [],
    materialInName: spec.materialInName ?? false,
    attributes: spec.attributes ?? {},
    nameSuffix: spec.nameSuffix,
    measure: spec.measure,
  };
}
