/**
 * Beauty and grocery: no colour or material; volumes and net weights follow the shipping weight, food lists its
 * ingredients (per noun, so popcorn is not made of potatoes).
 */
import { type Subcategory, subcategory as s } from './subcategory.js';

/** Multipacks, one choice in eight each: food is often sold by 2 to 12, beauty now and then by 2 or 3. */
const FOOD_PACKS = [1, 1, 1, 1, 2, 3, 6, 12];
const BEAUTY_PACKS = [1, 1, 1, 1, 1, 1, 2, 3];
const ml = (perKg: number, step: number, packs = BEAUTY_PACKS) => ({ perKg, step, unit: ' ml', packs });
const grams = (perKg: number, step: number) => ({ perKg, step, unit: ' g', packs: FOOD_PACKS });

export const BEAUTY: readonly Subcategory[] = [
  s({
    category: 'Beauty', name: 'Skincare', nouns: ['Moisturizer', 'Face Serum', 'Cleanser', 'Sunscreen'], weight: [0.05, 0.5], share: 4,
    price: [[6, 120], [8, 150], [5, 60], [6, 60]],
    factors: { 'vitamin C': 1.2, ceramides: 1.15, squalane: 1.2, 'aloe vera': 0.85 },
    adjectives: ['Hydrating', 'Gentle', 'Daily', 'Brightening', 'Soothing', 'Fragrance-Free', 'Nourishing', 'Lightweight'],
    measure: ml(500, 5), nameSuffix: '{measure}', nameTemplate: '{active} {noun}',
    attributes: {
      active: ['hyaluronic acid', 'niacinamide', 'vitamin C', 'ceramides', 'aloe vera', 'squalane'],
      skin: ['all skin types', 'dry skin', 'sensitive skin', 'oily and combination skin'],
    },
    descriptions: [
      'A lightweight formula with {active} for {skin}. Dermatologist tested, {measure}.',
      'Made with {active} for {skin}; absorbs quickly without a greasy feel. {measure}.',
      'A daily {noun} with {active}, suited to {skin}. {measure} bottle.',
      'Fragrance-free and vegan, with {active}. For {skin}, {measure}.',
    ],
  }),
  s({
    category: 'Beauty', name: 'Makeup', nouns: ['Mascara', 'Foundation', 'Lip Gloss', 'Concealer'], weight: [0.02, 0.3], share: 3,
    price: [[5, 35], [6, 69], [4, 35], [5, 39]],
    factors: { '16-hour': 1.1, '24-hour': 1.2, '20 shades': 1.1, '30 shades': 1.2 },
    adjectives: ['Long-Wear', 'Radiant', 'Natural', 'Velvet', 'Soft-Focus', 'Everyday', 'Satin', 'Ultra'],
    measure: ml(100, 1), nameSuffix: '{measure}', nameTemplate: '{wear} {noun}',
    attributes: { wear: ['8-hour', '12-hour', '16-hour', '24-hour'], shades: ['6 shades', '12 shades', '20 shades', '30 shades'], finish: ['matte', 'satin', 'dewy', 'natural', 'soft-focus'] },
    descriptions: [
      '{wear} wear with a {finish} finish that will not smudge or fade. {measure}, cruelty-free.',
      'Buildable, lightweight color in {shades}, with a {finish} finish. {measure}.',
      'A {noun} that lasts, with {wear} wear; vegan and cruelty-free. {measure}, in {shades}.',
      'Blends easily for a {finish} finish. Available in {shades}, {measure} each.',
    ],
  }),
  s({
    category: 'Beauty', name: 'Fragrance', nouns: ['Eau de Parfum', 'Eau de Toilette', 'Body Mist', 'Cologne'], weight: [0.1, 0.6], share: 2,
    price: [[29, 299], [19, 149], [8, 49], [19, 179]],
    adjectives: ['Midnight', 'Citrus', 'Amber', 'Velvet', 'Fresh', 'Wild', 'Noir', 'Garden'],
    measure: ml(250, 5), nameSuffix: '{measure}', nameTemplate: '{top} & {base} {noun}',
    attributes: {
      top: ['bergamot', 'pink pepper', 'mandarin', 'pear', 'lemon'],
      heart: ['jasmine', 'rose', 'lavender', 'orange blossom', 'iris'],
      base: ['sandalwood', 'vanilla', 'amber', 'musk', 'cedarwood', 'vetiver'],
    },
    descriptions: [
      'Opens with {top}, with a heart of {heart} and a warm base of {base}. {measure}.',
      'A long-lasting scent of {top} and {heart} over {base}, in a {measure} spray.',
      'Notes of {top}, {heart} and {base}, in a refillable {measure} bottle.',
      'Fresh {top} meets soft {heart}, settling into {base}. {measure} spray.',
    ],
  }),
  s({
    category: 'Beauty', name: 'Hair Care', nouns: ['Shampoo', 'Conditioner', 'Hair Mask', 'Hair Oil'], weight: [0.1, 1.2], share: 2,
    price: [[4, 49], [4, 49], [6, 69], [6, 79]],
    factors: { 'argan oil': 1.2, keratin: 1.15, 'rosemary oil': 1.1 },
    adjectives: ['Repair', 'Volumizing', 'Moisture', 'Smoothing', 'Strengthening', 'Color-Safe', 'Curl', 'Daily'],
    measure: ml(800, 50), nameSuffix: '{measure}', nameTemplate: '{active} {noun}',
    attributes: {
      active: ['argan oil', 'keratin', 'coconut oil', 'biotin', 'shea butter', 'rosemary oil'],
      hair: ['dry, damaged hair', 'fine hair', 'curly hair', 'all hair types', 'color-treated hair'],
    },
    descriptions: [
      'Enriched with {active} for {hair}. Sulfate-free, {measure}.',
      'Salon-quality care with {active}, made for {hair}. {measure}.',
      'Leaves hair soft and shiny, with {active}. For {hair}; {measure}.',
      'A {noun} with {active} that detangles and adds shine. {measure}, for {hair}.',
    ],
  }),
];

export const GROCERY: readonly Subcategory[] = [
  s({
    category: 'Grocery', name: 'Snacks', nouns: ['Potato Chips', 'Tortilla Chips', 'Popcorn', 'Pretzels'], weight: [0.1, 1.5], share: 3,
    price: [1, 15],
    factors: { 'made in small batches': 1.2, 'stone-ground corn, avocado oil': 1.15, 'black truffle': 1.4 },
    adjectives: ['Classic', 'Crunchy', 'Organic', 'Original', 'Gourmet', 'Family', 'Everyday', 'Artisan'],
    measure: grams(900, 10), nameSuffix: '{measure}', nameTemplate: '{flavor} {noun}',
    attributes: {
      ingredients: [
        ['potatoes, sunflower oil', 'potatoes, rapeseed oil', 'kettle-cooked potatoes, sunflower oil'],
        ['corn, sunflower oil', 'stone-ground corn, avocado oil', 'white corn, sunflower oil'],
        ['popping corn, coconut oil', 'popping corn, sunflower oil', 'popping corn, sunflower oil, cane sugar'],
        ['wheat flour, yeast, malt', 'whole wheat flour, yeast', 'wheat flour, yeast, butter'],
      ],
      // The name's flavour, and the seasoning in the ingredients.
      flavor: [
        ['sea salt', 'salt & vinegar', 'cheddar & onion', 'barbecue', 'jalapeño', 'rosemary', 'black truffle', 'sour cream & chive'],
        ['sea salt', 'lime', 'chili', 'nacho cheese', 'chipotle', 'salsa verde', 'black bean', 'blue corn & sea salt'],
        ['butter', 'sea salt', 'kettle corn', 'white cheddar', 'caramel', 'truffle salt', 'chili lime', 'cinnamon sugar'],
        ['sea salt', 'honey mustard', 'cinnamon sugar', 'everything bagel', 'buffalo', 'garlic parmesan', 'sourdough', 'dark chocolate'],
      ],
      claim: ['no artificial flavors', 'non-GMO', 'made in small batches', 'in a resealable bag'],
    },
    descriptions: [
      'Crunchy and satisfying, {claim}. Ingredients: {ingredients}, {flavor} seasoning. Net weight {measure}.',
      'Perfect for lunchboxes and movie nights. Ingredients: {ingredients}, {flavor} seasoning. Net wt. {measure}.',
      'Simple ingredients, {claim}. Ingredients: {ingredients}, {flavor} seasoning. {measure}.',
      'A {measure} bag of {flavor} {noun}, {claim}. Ingredients: {ingredients}, {flavor} seasoning.',
    ],
  }),
  s({
    category: 'Grocery', name: 'Beverages', nouns: ['Sparkling Water', 'Orange Juice', 'Cold Brew Coffee', 'Iced Tea'], weight: [0.2, 6], share: 3,
    price: [[1, 19], [2, 24], [3, 39], [1, 19]],
    adjectives: ['Classic', 'Organic', 'Refreshing', 'Original', 'Premium', 'Natural', 'Everyday', 'Craft'],
    measure: ml(950, 50, FOOD_PACKS), nameSuffix: '{measure}', nameTemplate: '{flavor} {noun}',
    attributes: {
      ingredients: [
        ['carbonated water', 'carbonated mineral water', 'sparkling spring water'],
        ['orange juice', 'orange juice, orange pulp', 'orange juice from concentrate, vitamin C'],
        ['water, Arabica coffee', 'water, coffee, oat milk', 'water, coffee, cane sugar'],
        ['brewed black tea, cane sugar', 'brewed green tea, honey', 'brewed black tea'],
      ],
      // The name's flavour, and the natural flavour in the ingredients.
      flavor: [
        ['lemon', 'lime', 'grapefruit', 'raspberry', 'peach', 'blood orange', 'cucumber mint', 'black cherry'],
        ['mango', 'pineapple', 'passion fruit', 'strawberry', 'carrot', 'ginger', 'apple', 'cranberry'],
        ['vanilla', 'caramel', 'mocha', 'hazelnut', 'cinnamon', 'maple', 'coconut', 'salted caramel'],
        ['peach', 'lemon', 'raspberry', 'mango', 'honey lemon', 'hibiscus', 'mint', 'blackberry'],
      ],
      claim: ['no preservatives', 'best served chilled', 'in recyclable packaging', 'no artificial colors'],
    },
    descriptions: [
      'Crisp and refreshing, {claim}. Ingredients: {ingredients}, natural {flavor} flavor. {measure}.',
      'Ingredients: {ingredients}, natural {flavor} flavor. {measure}; {claim}.',
      'A {measure} pack of {flavor} {noun}, {claim}. Ingredients: {ingredients}, natural {flavor} flavor.',
      'Made to enjoy on the go. Ingredients: {ingredients}, natural {flavor} flavor. Contents {measure}.',
    ],
  }),
  s({
    category: 'Grocery', name: 'Pantry', nouns: ['Spaghetti', 'Basmati Rice', 'Rolled Oats', 'All-Purpose Flour'], weight: [0.2, 5], share: 3,
    price: [[1, 15], [2, 29], [2, 19], [1, 15]],
    factors: { 'organic durum wheat semolina': 1.3, 'aged basmati rice': 1.2, 'organic brown basmati rice': 1.3, 'organic rolled oats': 1.3, 'gluten-free rolled oats': 1.3, 'organic wheat flour': 1.3 },
    adjectives: ['Organic', 'Classic', 'Premium', 'Everyday', 'Whole Grain', 'Traditional', 'Family', 'Select'],
    measure: grams(950, 50), nameSuffix: '{measure}', nameTemplate: '{variety} {noun}',
    attributes: {
      ingredients: [
        ['durum wheat semolina', 'durum wheat semolina, water', 'organic durum wheat semolina'],
        ['basmati rice', 'aged basmati rice', 'organic brown basmati rice'],
        ['whole grain rolled oats', 'gluten-free rolled oats', 'organic rolled oats'],
        ['wheat flour, niacin, iron', 'unbleached wheat flour', 'organic wheat flour'],
      ],
      claim: ['non-GMO', 'in a resealable pack', 'packed in a nut-free facility', 'sustainably sourced'],
      variety: [
        ['bronze-cut', 'thin', 'thick', 'slow-dried', 'classic', 'long'],
        ['extra long grain', 'aged', 'aromatic', 'classic', 'premium', 'royal'],
        ['old-fashioned', 'thick-cut', 'quick-cooking', 'jumbo', 'classic', 'extra thick'],
        ['unbleached', 'stone-ground', 'finely milled', 'enriched', 'pre-sifted', 'classic'],
      ],
    },
    descriptions: [
      'A pantry staple, {claim}. Ingredients: {ingredients}. Net weight {measure}.',
      'Ingredients: {ingredients}. {measure}, {claim}.',
      'Everyday quality for home cooking: {variety} {noun}. Ingredients: {ingredients}. Net wt. {measure}.',
      'A {measure} pack of {variety} {noun}, {claim}. Ingredients: {ingredients}.',
    ],
  }),
];
