/**
 * Who buys what: an order's lines are picked first (basket.ts), and the order then takes a customer the basket fits
 * (orders' accept, with the order's hour): women more often for dresses and make-up, men for men's tops and tools,
 * parents' ages for toys, and customers whose favourite categories the basket's first line is in. The lines say what
 * they lean to (helpers of order_items, aggregated by the order); the customer's sex, age and favourites are their
 * own row's. A fit is a probability of keeping the candidate, 1 for a perfect one, so a basket nobody in particular
 * buys keeps the order's other choices as they were. A stock-up run's first tries keep a customer by another rule,
 * which its lines recompute to take that customer's staples (regularCustomer.ts).
 */
import { AGE_BANDS } from '../people/ages.js';
import { CATEGORIES, SUBCATEGORIES } from '../catalog.js';
import { YEAR } from '../../model/columns/time.js';
import type { ParentRow } from '../../model/tableDefinition.js';

/**
 * Lean to women buyers, -1 (men only) to 1 (women only), of subcategories that have one; 0 elsewhere. Estimates in
 * the direction of published shopper surveys (apparel, beauty and DIY purchases by sex), rounded.
 */
const FEMALE_LEAN: Readonly<Record<string, number>> = {
  "Women's Dresses": 0.85,
  "Men's Tops": -0.75,
  Makeup: 0.8,
  Skincare: 0.5,
  'Hair Care': 0.45,
  Fragrance: 0.3,
  Accessories: 0.3,
  'Dolls & Figures': 0.3,
  Tools: -0.55,
  'Car Electronics': -0.5,
  'Car Care': -0.4,
  'Team Sports': -0.35,
  Cycling: -0.3,
  'Fitness Equipment': -0.15,
};

/** The ages that buy a subcategory most (estimates): toys by parents, headphones and phones young, books and bedding older. */
const AGE_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  'Board Games': [28, 50],
  'Building Sets': [28, 48],
  'Dolls & Figures': [27, 45],
  Puzzles: [30, 75],
  Headphones: [18, 38],
  Smartphones: [18, 42],
  'Smart Watches': [22, 45],
  'Fitness Equipment': [20, 45],
  'Team Sports': [25, 50],
  Fiction: [35, 80],
  'Non-Fiction': [35, 80],
  Bedding: [30, 70],
  Cookware: [30, 75],
  Furniture: [28, 65],
  'Home Decor': [28, 70],
  Skincare: [25, 60],
  Makeup: [18, 45],
};

/** Kept when the basket's first line is not among the customer's favourite categories, or their age is outside its range. */
export const OFF_FAVOURITE = 0.35;
export const OFF_AGE = 0.25;
/** Each customer's favourite categories: this many, a hash of their id (favouriteCategory). */
export const FAVOURITES = 2;

const list = (values: readonly (number | string)[]) => `[${values.join(', ')}]`;
const bySub = <T>(of: (name: string) => T): T[] => SUBCATEGORIES.map((sub) => of(sub.name));

/** SQL of an order line: its product's lean to women buyers, from its subcategory (0-based `sub`). */
export function femaleLean(sub: string): string {
  return `${list(bySub((name) => FEMALE_LEAN[name] ?? 0))}[${sub} + 1]`;
}

/** SQL of an order line: the middle of the ages its subcategory sells to most, NULL where no age does. */
export function ageMiddle(sub: string): string {
  return `${list(bySub((name) => { const range = AGE_RANGES[name]; return range ? (range[0] + range[1]) / 2 : 'NULL'; }))}[${sub} + 1]`;
}

/** SQL of an order line: half the width of that range. */
export function ageHalfWidth(sub: string): string {
  return `${list(bySub((name) => { const range = AGE_RANGES[name]; return range ? (range[1] - range[0]) / 2 : 'NULL'; }))}[${sub} + 1]`;
}

/** SQL of an order line: its category (an index of CATEGORIES). */
export function categoryOf(sub: string): string {
  return `${list(SUBCATEGORIES.map((s) => CATEGORIES.indexOf(s.category)))}[${sub} + 1]`;
}

/** What the order knows of its basket, as SQL over its fields: lean, age range, and the first line's category. */
export interface Basket {
  readonly femaleLean: string;
  readonly ageMiddle: string;
  readonly ageHalfWidth: string;
  readonly firstCategory: string;
}

/**
 * SQL: the customer's favourite category number `n` (0-based), a hash of their id and n: a customer of the original
 * tool's files has an id (sometimes negative) but no draws, and must have favourites too.
 */
export function favouriteCategory(customer: ParentRow, n: number): string {
  return `(hash(${customer.id}, ${n + 1}) % ${CATEGORIES.length})::BIGINT`;
}

/** SQL, DOUBLE in [0, 1]: a customer of one sex (`female`, SQL) kept with 1 - |lean| of a lean to the other (SQL). */
export function sexFit(female: string, lean: string): string {
  return `CASE WHEN ${female} THEN 1 - GREATEST(-${lean}, 0) ELSE 1 - GREATEST(${lean}, 0) END`;
}

/** SQL, DOUBLE in (0, 1]: how well `customer` fits the basket of an order placed at `at` (epoch seconds). */
export function customerFit(customer: ParentRow, basket: Basket, at: string): string {
  const female = customer.value('_female');
  const sex = sexFit(female, basket.femaleLean);
  // The middle of the customer's age band at registration, plus the years since.
  const band = `${list(AGE_BANDS.map(([from, to]) => (from + to) / 2))}[${customer.value('_age_band')} + 1]`;
  const age = `(${band} + (${at} - ${customer.value('_registered')})::DOUBLE / ${YEAR})`;
  const ages = `CASE WHEN ${basket.ageMiddle} IS NULL OR abs(${age} - ${basket.ageMiddle}) <= ${basket.ageHalfWidth} THEN 1 ELSE ${OFF_AGE} END`;
  const favourites = Array.from({ length: FAVOURITES }, (_, n) => favouriteCategory(customer, n));
  const liked = `CASE WHEN ${basket.firstCategory} IN (${favourites.join(', ')}) THEN 1 ELSE ${OFF_FAVOURITE} END`;
  // A candidate of the original tool's files stands for its group, not a row, and has none of synthgen's helpers
  // (NULL): it fits any basket.
  return `CASE WHEN ${customer.value('_registered')} IS NULL THEN 1 ELSE (${sex}) * (${ages}) * (${liked}) END`;
}

/** For the data dictionary. */
export function describeFit(): string {
  const leans = Object.entries(FEMALE_LEAN).map(([name, lean]) => `${name} ${lean > 0 ? '+' : ''}${lean}`).join(', ');
  return `a candidate of the other sex is kept with 1 - |lean| of the basket’s lean to women (its lines’ leans added up, within ±1: ${leans}); one outside the ages its lines sell to most (e.g. toys 27-50, headphones 18-38, books 35-80) with ${OFF_AGE}; one whose ${FAVOURITES} favourite categories (a hash of the customer’s id) miss the first line’s with ${OFF_FAVOURITE}; a customer of the original tool’s files fits any basket`;
}
