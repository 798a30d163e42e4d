/** Home & kitchen and pet supplies: wood, metal, ceramic and textiles, sizes in centimetres and bed sizes. */
import { APPLIANCES, BEDDING, COOKWARE, HOME, PET } from './palettes.js';
import { type Subcategory, subcategory as s } from './subcategory.js';

export const HOME_AND_KITCHEN: readonly Subcategory[] = [
  s({
    category: 'Home & Kitchen', name: 'Cookware', nouns: ['Frying Pan', 'Saucepan', 'Dutch Oven', 'Skillet'], weight: [0.5, 7], share: 4, model: true,
    price: [[15, 199], [19, 249], [39, 449], [15, 249]],
    factors: {
      'Enameled Cast Iron': 1.8, 'Stainless Steel': 1.3, 'Hard-Anodized Aluminum': 1.2, 'Carbon Steel': 1.1, Aluminum: 0.75,
      '24 cm': 1.1, '26 cm': 1.2, '28 cm': 1.3, '30 cm': 1.45, '260 °C': 1.1,
    },
    adjectives: ['Classic', 'Professional', 'Everyday', "Chef's", 'Heritage', 'Essential', 'Premium', 'Heavy-Duty'],
    colors: COOKWARE, materials: ['Stainless Steel', 'Cast Iron', 'Aluminum', 'Enameled Cast Iron', 'Carbon Steel', 'Hard-Anodized Aluminum'], materialInName: true,
    attributes: {
      size: ['20 cm', '24 cm', '26 cm', '28 cm', '30 cm'],
      cooktop: ['gas, electric and induction cooktops', 'all cooktops, including induction', 'gas and electric cooktops'],
      oven: ['200 °C', '230 °C', '260 °C'],
    },
    descriptions: [
      'Made of {material} that heats evenly and works on {cooktop}. Oven-safe to {oven}.',
      'A {size} {noun} in {material}, made to last through years of everyday cooking.',
      'Comfortable handles, a {size} cooking surface and {material} construction. Oven-safe to {oven}.',
      'Sears, simmers and browns on {cooktop}. {size} diameter.',
    ],
  }),
  s({
    category: 'Home & Kitchen', name: 'Small Appliances', nouns: ['Blender', 'Coffee Maker', 'Toaster', 'Air Fryer'], weight: [1, 8], weights: [[1.5, 5], [1.5, 6], [1, 3], [3, 8]], share: 3, model: true,
    price: [[25, 599], [20, 799], [20, 249], [40, 299]],
    factors: { '1000 W': 1.15, '1200 W': 1.3, '1500 W': 1.5, '1700 W': 1.7, '8': 1.1, '10': 1.2, '3-year': 1.1, 'Brushed Stainless Steel': 1.25, Plastic: 0.8 },
    adjectives: ['Compact', 'Pro', 'Digital', 'Smart', 'Classic', 'Deluxe', 'Quick', 'Essential'],
    colors: APPLIANCES, materials: ['Stainless Steel', 'Plastic', 'Brushed Stainless Steel', 'Stainless Steel'],
    attributes: { watts: ['800 W', '1000 W', '1200 W', '1500 W', '1700 W'], settings: ['3', '5', '6', '8', '10'], warranty: ['1-year', '2-year', '2-year', '3-year'] },
    descriptions: [
      '{watts} of power with {settings} settings and a {warranty} warranty.',
      'Counter-friendly {material} design, {settings} easy presets and auto shut-off.',
      'Gets breakfast done fast: {watts}, {settings} settings, dishwasher-safe parts.',
      'A reliable {noun} with a {warranty} warranty. {watts}, {material} housing.',
    ],
  }),
  s({
    category: 'Home & Kitchen', name: 'Bedding', nouns: ['Duvet Cover', 'Pillowcase Set', 'Sheet Set', 'Blanket'], weight: [0.5, 4], share: 3,
    price: [[29, 399], [12, 149], [25, 399], [20, 299]],
    factors: { Twin: 0.7, Full: 0.85, King: 1.15, 'California King': 1.2, 'Egyptian Cotton': 1.6, Linen: 1.8, 'Bamboo Viscose': 1.3, Microfiber: 0.6, 'Cotton Flannel': 0.9 },
    nameSuffix: '{bed}',
    adjectives: ['Luxury', 'Soft', 'Classic', 'Hotel', 'Cozy', 'Breathable', 'Essential', 'Washed'],
    colors: BEDDING, materials: ['Cotton', 'Egyptian Cotton', 'Linen', 'Bamboo Viscose', 'Microfiber', 'Cotton Flannel'], materialInName: true,
    attributes: {
      bed: ['Twin', 'Full', 'Queen', 'Queen', 'King', 'California King'],
      care: ['Machine washable at 40 °C', 'Machine washable at 60 °C', 'Machine washable, tumble dry low'],
    },
    descriptions: [
      'Soft, breathable {material} in {bed} size. {care}.',
      '{bed} size, woven from {material} that gets softer with every wash.',
      'Sleep cool in {material}. Fits {bed} beds. {care}.',
      'A {material} {noun} for {bed} beds, OEKO-TEX certified. {care}.',
    ],
  }),
  s({
    category: 'Home & Kitchen', name: 'Furniture', nouns: ['Chair', 'Table', 'Bookshelf', 'Desk'], weight: [4, 60], weights: [[4, 15], [15, 60], [10, 45], [15, 50]], share: 2, model: true,
    price: [[49, 899], [99, 1999], [49, 799], [79, 1499]],
    factors: { '80 cm': 1.15, '100 cm': 1.3, '120 cm': 1.5, '140 cm': 1.7, 'Solid Oak': 1.6, Walnut: 1.9, Pine: 0.8, Beech: 1.2, Bamboo: 0.9 },
    nameSuffix: '{width}',
    adjectives: ['Modern', 'Rustic', 'Scandinavian', 'Industrial', 'Classic', 'Minimalist', 'Mid-Century', 'Compact'],
    colors: HOME, materials: ['Solid Oak', 'Walnut', 'Pine', 'Beech', 'Steel', 'Bamboo'], materialInName: true,
    attributes: {
      width: ['60 cm', '80 cm', '100 cm', '120 cm', '140 cm'],
      assembly: ['15 minutes', '20 minutes', '30 minutes', '45 minutes'],
      load: ['50 kg', '80 kg', '100 kg', '120 kg'],
    },
    descriptions: [
      'Built from {material}, {width} wide, holds up to {load}.',
      'Clean lines in {material}. Assembles in about {assembly} with the tools included.',
      'A sturdy {noun} in {material}, {width} wide. Easy assembly in {assembly}.',
      'Made to last: {material}, a {load} weight capacity and levelling feet.',
    ],
  }),
  s({
    category: 'Home & Kitchen', name: 'Home Decor', nouns: ['Vase', 'Table Lamp', 'Picture Frame', 'Wall Clock'], weight: [0.2, 5], weights: [[0.3, 3], [1, 4], [0.1, 1], [0.3, 1.5]], share: 4, model: true,
    price: [[9, 199], [19, 299], [7, 79], [12, 199]],
    factors: { '25 cm': 1.1, '30 cm': 1.2, '35 cm': 1.3, '40 cm': 1.45, Marble: 1.8, Brass: 1.6, 'Mango Wood': 1.1, Rattan: 0.9 },
    adjectives: ['Modern', 'Boho', 'Minimalist', 'Rustic', 'Vintage', 'Scandinavian', 'Elegant', 'Handmade'],
    colors: HOME, materials: ['Ceramic', 'Glass', 'Rattan', 'Brass', 'Mango Wood', 'Marble'], materialInName: true,
    attributes: { height: ['20 cm', '25 cm', '30 cm', '35 cm', '40 cm'], finish: ['matte', 'glossy', 'textured', 'natural'] },
    descriptions: [
      'A {height} {noun} in {material} with a {finish} finish, made to brighten any shelf.',
      'Timeless {material} with a {finish} finish. {height} tall.',
      'Adds warmth to living rooms and bedrooms: {material}, {height} tall, {finish} finish.',
      'Handcrafted {material}, {height} tall. Each piece varies slightly.',
    ],
  }),
];

export const PET_SUPPLIES: readonly Subcategory[] = [
  s({
    category: 'Pet Supplies', name: 'Dog Supplies', nouns: ['Dog Bed', 'Dog Leash', 'Dog Harness', 'Chew Toy'], weight: [0.1, 15], weights: [[1, 8], [0.1, 0.5], [0.15, 0.8], [0.05, 0.5]], share: 2, model: true,
    price: [[25, 299], [8, 69], [12, 79], [4, 29]],
    factors: { 'medium dogs': 1.2, 'large dogs': 1.45, 'Orthopedic Foam': 1.5, 'Memory Foam': 1.3, Leather: 1.6, 'Padded Mesh': 1.1 },
    nameSuffix: 'for {dog}',
    adjectives: ['Comfy', 'Durable', 'Reflective', 'Classic', 'Adventure', 'Everyday', 'Premium', 'Tough'],
    colors: PET,
    materials: [['Memory Foam', 'Orthopedic Foam', 'Sherpa Fleece'], ['Nylon', 'Leather', 'Reflective Nylon'], ['Nylon', 'Padded Mesh'], ['Natural Rubber', 'Nylon']],
    materialInName: true,
    attributes: { dog: ['small dogs', 'medium dogs', 'large dogs', 'dogs of all sizes'], promise: ['vet-recommended', 'built to last', 'tested by real dogs'] },
    descriptions: [
      'Made for {dog}: durable {material}, {promise}.',
      'A {noun} for {dog}, in {material}. Easy to clean.',
      'Happy walks and happy naps start here: {material}, sized for {dog}.',
      'Tough {material}, {promise}, for {dog}.',
    ],
  }),
  s({
    category: 'Pet Supplies', name: 'Cat Supplies', nouns: ['Cat Tree', 'Scratching Post', 'Cat Bed', 'Cat Toy'], weight: [0.02, 25], weights: [[8, 25], [2, 8], [0.5, 2], [0.02, 0.3]], share: 2, model: true,
    price: [[39, 399], [12, 99], [12, 99], [3, 29]],
    factors: { '150 cm tall, with 4 levels': 1.5, '80 cm tall': 1.4, '60 cm across': 1.3, 'a pack of 6': 1.6, 'Engineered Wood and Sisal': 1.2, 'Faux Fur': 1.2 },
    nameSuffix: '{detail}',
    adjectives: ['Cozy', 'Playful', 'Modern', 'Deluxe', 'Classic', 'Calming', 'Premium', 'Compact'],
    colors: PET,
    materials: [['Sisal and Plush', 'Engineered Wood and Sisal'], ['Sisal', 'Corrugated Cardboard'], ['Plush Fleece', 'Felt', 'Faux Fur'], ['Felt', 'Cotton', 'Plastic']],
    attributes: {
      detail: [['120 cm tall, with 3 levels', '150 cm tall, with 4 levels'], ['60 cm tall', '80 cm tall'], ['50 cm across', '60 cm across'], ['a pack of 3', 'a pack of 6', 'a feather wand']],
      promise: ['loved by indoor cats', 'built to last', 'easy to clean'],
    },
    descriptions: [
      'Keeps cats busy and furniture safe: {material}, {detail}.',
      'A {noun} in {material}, {promise}; {detail}.',
      'Somewhere to scratch, play and nap: {detail}, {promise}.',
      'Made from {material} cats love; {detail}.',
    ],
  }),
];
