/** Clothing and sports: textiles, leather for shoes, fits and care labels; metal, rubber and nylon for gear. */
import { APPAREL, OUTDOOR, OUTERWEAR, SHOES, SPORT } from './palettes.js';
import { type Subcategory, subcategory as s } from './subcategory.js';

const care = ['Machine wash cold', 'Machine wash at 30 °C', 'Machine wash at 40 °C', 'Hand wash recommended'];
const origin = ['Portugal', 'Peru', 'Turkey', 'India', 'Vietnam', 'Italy'];

export const CLOTHING: readonly Subcategory[] = [
  s({
    category: 'Clothing', name: "Men's Tops", nouns: ['T-Shirt', 'Oxford Shirt', 'Polo Shirt', 'Crew Sweater'], weight: [0.15, 0.8], share: 5, size: 'apparel',
    price: [[8, 59], [19, 149], [15, 99], [25, 249]],
    factors: { 'Organic Cotton': 1.2, Linen: 1.5, 'Merino Wool': 2.2, 'Cotton-Polyester Blend': 0.8, 'Pima Cotton': 1.4, 'Made in Italy': 1.3, Italy: 1.3, Portugal: 1.15 },
    adjectives: ['Classic', 'Slim-Fit', 'Relaxed', 'Essential', 'Everyday', 'Heavyweight', 'Premium', 'Vintage'],
    colors: APPAREL, materials: ['Cotton', 'Organic Cotton', 'Linen', 'Merino Wool', 'Cotton-Polyester Blend', 'Pima Cotton'], materialInName: true,
    attributes: { fit: ['slim fit', 'regular fit', 'relaxed fit'], care, origin },
    descriptions: [
      'Soft {material} in a {fit}. {care}.',
      'An everyday {noun} cut in a {fit} from breathable {material}.',
      'Made in {origin} from {material}, in a {fit}. {care}.',
      'Keeps its shape wash after wash: {material} in a {fit}.',
    ],
  }),
  s({
    category: 'Clothing', name: "Women's Dresses", nouns: ['Midi Dress', 'Maxi Dress', 'Wrap Dress', 'A-Line Skirt'], weight: [0.2, 0.9], share: 4, size: 'apparel',
    price: [[25, 299], [25, 299], [25, 299], [15, 199]],
    factors: { Silk: 2.5, Linen: 1.5, 'Polyester Crepe': 0.8, 'Cotton Jersey': 0.9 },
    adjectives: ['Floral', 'Classic', 'Flowy', 'Tailored', 'Summer', 'Elegant', 'Casual', 'Pleated'],
    colors: APPAREL, materials: ['Viscose', 'Cotton', 'Linen', 'Silk', 'Polyester Crepe', 'Cotton Jersey'], materialInName: true,
    attributes: { fit: ['a relaxed fit', 'a fitted waist', 'a flattering A-line cut'], care, occasion: ['work', 'weddings', 'weekends', 'summer evenings'] },
    descriptions: [
      'Flowing {material} with {fit}, made for {occasion}. {care}.',
      'A {noun} in lightweight {material} with pockets and {fit}.',
      'Dress it up or down: {material}, {fit}. {care}.',
      'Easy to wear from {occasion} to dinner, in soft {material}.',
    ],
  }),
  s({
    category: 'Clothing', name: 'Shoes', nouns: ['Sneakers', 'Chelsea Boots', 'Sandals', 'Loafers'], weight: [0.5, 1.8], share: 5, size: 'shoe',
    price: [[29, 199], [59, 399], [19, 149], [39, 299]],
    factors: { Leather: 1.4, Suede: 1.3, Nubuck: 1.3, Canvas: 0.7, cork: 1.1, 'a removable memory-foam insole': 1.1 },
    adjectives: ['Classic', 'Everyday', 'Comfort', 'Urban', 'Lightweight', 'Handcrafted', 'Retro', 'Weekend'],
    colors: SHOES, materials: ['Leather', 'Leather', 'Suede', 'Canvas', 'Nubuck', 'Vegan Leather'], materialInName: true,
    attributes: {
      sole: ['rubber', 'cushioned EVA', 'cork', 'non-slip rubber'],
      insole: ['a removable memory-foam insole', 'a cushioned footbed', 'an arch-support insole'],
      closure: ['laces', 'a slip-on fit', 'a side zip', 'a buckle strap', 'elastic side panels'],
    },
    descriptions: [
      'Uppers in {material} on a {sole} sole, with {insole} and {closure}.',
      'All-day comfort from {insole} and a grippy {sole} sole.',
      'Handmade {material} {noun} with {closure} that break in beautifully. Fits true to size.',
      'Easy to pair with jeans or chinos: {material} upper, {closure}, {sole} outsole.',
    ],
  }),
  s({
    category: 'Clothing', name: 'Jackets', nouns: ['Jacket', 'Coat', 'Parka', 'Vest'], weight: [0.5, 2.5], share: 3, size: 'apparel',
    price: [[39, 399], [69, 699], [79, 799], [29, 249]],
    factors: { Leather: 2.5, 'Wool Blend': 1.5, 'responsibly sourced down': 1.6, 'a fleece lining': 0.9, '-10 °C': 1.2 },
    adjectives: ['Quilted', 'Water-Repellent', 'Classic', 'Lightweight', 'Insulated', 'Urban', 'Packable', 'Heritage'],
    colors: OUTERWEAR, materials: ['Recycled Polyester', 'Nylon', 'Wool Blend', 'Cotton Twill', 'Denim', 'Leather'], materialInName: true,
    attributes: {
      lining: ['recycled synthetic fill', 'responsibly sourced down', 'a fleece lining', 'a quilted lining'],
      pockets: ['two zip pockets', 'four pockets', 'a chest pocket and two hand pockets'],
      rating: ['0 °C', '-10 °C', '5 °C'],
    },
    descriptions: [
      'A {material} shell with {lining}, warm down to {rating}.',
      'A {noun} for wind and drizzle, with {lining} and {pockets}.',
      'Layers easily over knitwear: {material}, {pockets} and an adjustable hem.',
      'Warmth without bulk: {material} outer, {lining}, rated to {rating}.',
    ],
  }),
  s({
    category: 'Clothing', name: 'Accessories', nouns: ['Scarf', 'Beanie', 'Gloves', 'Bucket Hat'], weight: [0.05, 0.5], share: 4,
    price: [[9, 299], [7, 99], [9, 149], [9, 79]],
    factors: { Cashmere: 3, 'Merino Wool': 1.8, Wool: 1.4, Fleece: 0.8, 'Acrylic Knit': 0.6, Scotland: 1.2, Italy: 1.2 },
    adjectives: ['Classic', 'Cozy', 'Chunky', 'Everyday', 'Soft', 'Winter', 'Essential', 'Heritage'],
    colors: APPAREL, materials: ['Wool', 'Merino Wool', 'Cashmere', 'Cotton', 'Fleece', 'Acrylic Knit'], nameTemplate: '{knit} {material} {noun}',
    attributes: { knit: ['rib-knit', 'cable-knit', 'brushed', 'fine-gauge', 'waffle-knit', 'chunky'], care: ['Hand wash cold', 'Machine wash at 30 °C', 'Dry clean only'], origin: ['Scotland', 'Italy', 'Nepal', 'Peru'] },
    descriptions: [
      'Cozy {knit} {material}, finished in {origin}.',
      'Soft, warm {knit} {material}. {care}.',
      'Made from {knit} {material} for cold mornings and windy walks. {care}.',
      'Lightweight warmth in {knit} {material}; made in {origin}.',
    ],
  }),
];

export const SPORTS_AND_OUTDOORS: readonly Subcategory[] = [
  s({
    category: 'Sports & Outdoors', name: 'Fitness Equipment', nouns: ['Dumbbell Set', 'Kettlebell', 'Weight Plate', 'Barbell'], weight: [0.5, 40], share: 3,
    price: [[29, 899], [12, 249], [9, 299], [49, 699]],
    factors: { 'Rubber-Coated Steel': 1.2, 'Neoprene-Coated Iron': 1.1, 'Chrome Steel': 1.3 },
    adjectives: ['Pro', 'Home Gym', 'Adjustable', 'Competition', 'Classic', 'Power', 'Essential', 'Studio'],
    colors: SPORT, materials: ['Cast Iron', 'Steel', 'Rubber-Coated Steel', 'Neoprene-Coated Iron', 'Chrome Steel', 'Cast Iron'], materialInName: true,
    measure: { perKg: 0.9, step: 1, unit: ' kg', elasticity: 0.85 },
    nameSuffix: '{measure}',
    attributes: { grip: ['a knurled grip', 'a textured grip', 'a powder-coated grip', 'an ergonomic grip'], use: ['home gyms', 'strength training', 'HIIT workouts', 'functional training'] },
    descriptions: [
      '{measure} of {material}, with {grip} for confident lifts.',
      'Built for {use}: {material}, {grip}, {measure}.',
      'Durable {material} that will not chip or crack, {measure}. Ideal for {use}.',
      'A {measure} {noun} in {material} for {use}.',
    ],
  }),
  s({
    category: 'Sports & Outdoors', name: 'Camping', nouns: ['Tent', 'Sleeping Bag', 'Backpack', 'Hammock'], weight: [0.3, 8], weights: [[1.5, 8], [0.7, 2.5], [0.8, 2.5], [0.3, 1.5]], share: 2, model: true,
    price: [[49, 699], [29, 449], [29, 349], [19, 149]],
    factors: {
      'sleeps 3': 1.2, 'sleeps 4': 1.4, 'sleeps 6': 1.8, 'comfort rated to 0 °C': 1.3, 'comfort rated to -5 °C': 1.6, '45 L capacity': 1.25,
      '65 L capacity': 1.5, 'holds up to 200 kg': 1.2, '3000 mm': 1.15, '5000 mm': 1.3, 'Recycled Nylon': 1.1,
    },
    adjectives: ['Ultralight', 'Trail', 'Basecamp', 'Expedition', 'Compact', 'Adventure', 'Alpine', 'Explorer'],
    colors: OUTDOOR, materials: ['Ripstop Nylon', 'Polyester', 'Recycled Nylon', 'Ripstop Polyester'], materialInName: true,
    attributes: {
      spec: [['sleeps 2', 'sleeps 3', 'sleeps 4', 'sleeps 6'], ['comfort rated to 5 °C', 'comfort rated to 0 °C', 'comfort rated to -5 °C'], ['30 L capacity', '45 L capacity', '65 L capacity'], ['holds up to 150 kg', 'holds up to 200 kg']],
      water: ['1500 mm', '3000 mm', '5000 mm'],
    },
    descriptions: [
      'Lightweight {material}, {spec}, and packs down small.',
      'Trail-tested {material} with a {water} waterproof rating; {spec}.',
      'Ready for weekend trips and long treks: {spec}, taped seams, {material}.',
      'A {noun} built for wind and rain, {spec}.',
    ],
  }),
  s({
    category: 'Sports & Outdoors', name: 'Cycling', nouns: ['Road Bike', 'Bike Helmet', 'Bike Light', 'Bike Lock'], weight: [0.05, 12], weights: [[7, 12], [0.25, 0.5], [0.05, 0.3], [0.4, 2.5]], share: 2, model: true,
    price: [[599, 3999], [25, 299], [12, 149], [15, 149]],
    factors: {
      'Carbon Fiber': 2.2, Steel: 0.8, 'hydraulic disc brakes': 1.3, 'a 9-speed drivetrain': 0.85, 'MIPS protection': 1.5, '18 vents': 1.15,
      '800 lumens': 1.4, '1200 lumens': 1.8, 'a 16 mm shackle': 1.3, 'a double-locking mechanism': 1.5, '5-year warranty': 1.1,
    },
    adjectives: ['Pro', 'Urban', 'Sport', 'Commuter', 'Race', 'Trail', 'Classic', 'Aero'],
    colors: SPORT,
    materials: [['Aluminum', 'Carbon Fiber', 'Steel'], ['Polycarbonate and EPS Foam'], ['Aluminum', 'Plastic'], ['Hardened Steel']],
    attributes: {
      spec: [['a 21-speed drivetrain', 'hydraulic disc brakes', 'a 9-speed drivetrain'], ['12 vents', 'MIPS protection', '18 vents'], ['400 lumens', '800 lumens', '1200 lumens'], ['a 120 cm chain', 'a 16 mm shackle', 'a double-locking mechanism']],
      warranty: ['2-year warranty', '3-year warranty', '5-year warranty'],
    },
    descriptions: [
      'A {material} build with {spec}. Backed by a {warranty}.',
      'Ride with confidence: {spec} and {material} construction.',
      'Tested on daily commutes and weekend rides, with {spec}.',
      'A {noun} with {spec}, made from {material}; {warranty}.',
    ],
  }),
  s({
    category: 'Sports & Outdoors', name: 'Team Sports', nouns: ['Soccer Ball', 'Basketball', 'Volleyball', 'Rugby Ball'], weight: [0.25, 0.7], weights: [[0.4, 0.5], [0.55, 0.7], [0.25, 0.35], [0.4, 0.5]], share: 2, model: true,
    price: [[10, 169], [15, 199], [12, 89], [15, 129]],
    factors: { 'official size': 1.2, 'youth size': 0.85, 'hand-stitched panels': 1.3, 'thermo-bonded panels': 1.5, 'Synthetic Leather': 1.1, 'Composite Leather': 1.3, Rubber: 0.7 },
    nameSuffix: '{size}',
    adjectives: ['Match', 'Training', 'Pro', 'Street', 'Club', 'Elite', 'Classic', 'Official'],
    colors: SPORT, materials: ['Synthetic Leather', 'Rubber', 'PU Leather', 'Composite Leather'], materialInName: true,
    attributes: {
      size: ['official size', 'youth size', 'training size'],
      panels: ['machine-stitched panels', 'hand-stitched panels', 'thermo-bonded panels'],
      surface: ['indoor courts', 'outdoor play', 'grass and turf', 'all surfaces'],
    },
    descriptions: [
      'Match-quality {material} with {panels}, in {size}.',
      'Consistent bounce and flight on {surface}, in {size}.',
      'A durable {noun} for {surface}, {size}, with {panels}.',
      'Soft-touch {material} that grips in wet weather. Made for {surface}.',
    ],
  }),
];
