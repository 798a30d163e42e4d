/**
 * The shop's catalogue: categories, subcategories, and what products of each look like. Products and orders both
 * read it (a product's price is recomputed when an order is made), so it lives apart from either table. The
 * subcategories' data is in catalog/, a file per pair of categories; their order fixes the subcategory indexes.
 */
import { lottery } from '../model/columns/weighted.js';
import { AUTOMOTIVE, ELECTRONICS } from './catalog/electronics.js';
import { CLOTHING, SPORTS_AND_OUTDOORS } from './catalog/clothing.js';
import { BEAUTY, GROCERY } from './catalog/consumables.js';
import { HOME_AND_KITCHEN, PET_SUPPLIES } from './catalog/home.js';
import { BOOKS, TOYS_AND_GAMES } from './catalog/media.js';
import type { Subcategory } from './catalog/subcategory.js';

export type { SizeKind, Subcategory } from './catalog/subcategory.js';
export { NOUNS_PER_SUBCATEGORY } from './catalog/subcategory.js';

export const SUBCATEGORIES: readonly Subcategory[] = [
  ...ELECTRONICS,
  ...HOME_AND_KITCHEN,
  ...CLOTHING,
  ...BEAUTY,
  ...SPORTS_AND_OUTDOORS,
  ...TOYS_AND_GAMES,
  ...BOOKS,
  ...GROCERY,
  ...AUTOMOTIVE,
  ...PET_SUPPLIES,
];

/** The categories in catalogue order. */
export const CATEGORIES: readonly string[] = [...new Set(SUBCATEGORIES.map((sub) => sub.category))];

/** A 1024-entry table of subcategory indexes, each appearing in proportion to its share: one lookup draws one. */
export function subcategoryLottery(): number[] {
  return lottery(SUBCATEGORIES.map((sub, index) => [index, sub.share] as const));
}
