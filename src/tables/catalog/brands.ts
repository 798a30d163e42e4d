/**
 * Brands are built per category (pools.ts) from a surname and a suffix that fits the category: "Hale Audio" makes
 * headphones, "Hale Press" publishes books. Each category has the same number, so a product's brand is an index.
 */
export const BRANDS_PER_CATEGORY = 400;

/** Brand k of a category's BRANDS_PER_CATEGORY is drawn as floor(n x u^BRAND_SKEW): a few big brands (the biggest 5% of its category's products, the top 40 ~32%) and a long tail. */
export const BRAND_SKEW = 2;

const SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  Electronics: ['', '', ' Labs', ' Electronics', ' Digital', ' Tech', ' Systems'],
  'Home & Kitchen': ['', '', ' Home', ' & Co.', ' Living', ' Kitchen', ' House'],
  Clothing: ['', '', ' & Co.', ' Apparel', ' Studio', ' Supply', ' Outfitters'],
  Beauty: ['', ' Beauty', ' Skin', ' Naturals', ' Cosmetics', ' Botanics'],
  'Sports & Outdoors': ['', ' Outdoor', ' Sport', ' Athletics', ' Gear', ' Peak'],
  'Toys & Games': ['', ' Toys', ' Games', ' Playworks', ' Kids', ' & Friends'],
  Books: [' Press', ' Books', ' Publishing', ' House', ' & Sons', ' Editions'],
  Grocery: [' Farms', ' Foods', ' Pantry', ' Kitchen', ' Provisions', ' Orchards'],
  Automotive: ['', ' Auto', ' Motor', ' Garage', ' Tools', ' Performance'],
  'Pet Supplies': ['', ' Pets', ' Paws', ' Pet Co.', ' Companion', ' Tails'],
};

export function brandSuffixes(category: string): readonly string[] {
  const suffixes = SUFFIXES[category];
  if (!suffixes) throw new Error(`catalog: no brand suffixes for category ${category}`);
  return suffixes;
}
