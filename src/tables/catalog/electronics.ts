/** Electronics and automotive: specs (storage, RAM, battery, watts) in the text, plastic and metal bodies. */
import { CAR_TECH, TECH, TOOLS } from './palettes.js';
import { type Subcategory, subcategory as s } from './subcategory.js';

const warranty = ['1-year warranty', '2-year warranty', '2-year warranty', '3-year warranty'];

export const ELECTRONICS: readonly Subcategory[] = [
  s({
    category: 'Electronics', name: 'Headphones', nouns: ['Headphones', 'Earbuds', 'Headset', 'Earphones'], weight: [0.1, 0.6], share: 3, model: true,
    price: [[29, 549], [15, 299], [19, 299], [9, 99]],
    factors: {
      'Wired 3.5 mm jack, no charging needed': 0.6, 'Bluetooth 5.2, up to 24 hours of battery': 0.9, 'Bluetooth 5.3, up to 40 hours of battery': 1.1,
      'Bluetooth 5.3, up to 60 hours of battery': 1.25, 'active noise cancelling': 1.6, '50 mm drivers': 1.1, 'dual drivers': 1.2, Aluminum: 1.2, 'Memory Foam and Plastic': 1.1,
    },
    adjectives: ['Studio', 'Pro', 'Sport', 'Compact', 'Elite', 'Everyday', 'Premium', 'Classic'],
    colors: TECH, materials: ['Plastic', 'Plastic', 'Aluminum', 'Memory Foam and Plastic'],
    attributes: {
      power: ['Bluetooth 5.3, up to 30 hours of battery', 'Bluetooth 5.3, up to 40 hours of battery', 'Bluetooth 5.2, up to 24 hours of battery', 'Bluetooth 5.3, up to 60 hours of battery', 'Wired 3.5 mm jack, no charging needed'],
      feature: ['active noise cancelling', 'a built-in microphone for calls', 'deep, balanced bass', 'a sweat-resistant IPX4 design'],
      driver: ['30 mm drivers', '40 mm drivers', '50 mm drivers', 'dual drivers', '10 mm drivers'],
    },
    descriptions: [
      'Clear, detailed sound from {driver}, with {feature}. Connection: {power}.',
      'Made for commutes and workouts, with {feature} and {driver}. {power}.',
      'Lightweight and comfortable for all-day listening, with {feature}. {power}.',
      'Balanced sound from {driver} tuned by audio engineers. {power}; {feature}.',
    ],
  }),
  s({
    category: 'Electronics', name: 'Smartphones', nouns: ['Smartphone', 'Phone', '5G Phone', 'Foldable Phone'], weight: [0.15, 0.3], share: 2, model: true,
    price: [[149, 1299], [99, 799], [199, 1499], [699, 1999]],
    factors: { '128 GB': 1.15, '256 GB': 1.35, '512 GB': 1.7, '1 TB': 2.1, '64 MP': 1.05, '108 MP': 1.15, '6.7-inch': 1.1, '6.8-inch': 1.12, Titanium: 1.25, 'Recycled Plastic': 0.85 },
    adjectives: ['Pro', 'Lite', 'Max', 'Plus', 'Ultra', 'Mini', 'Neo', 'Edge'],
    colors: TECH, materials: ['Aluminum', 'Glass and Aluminum', 'Recycled Plastic', 'Titanium'],
    attributes: {
      // Budget phones come with less storage, foldables with more.
      storage: [
        ['128 GB', '128 GB', '256 GB', '256 GB', '512 GB'],
        ['64 GB', '64 GB', '128 GB', '128 GB', '256 GB'],
        ['128 GB', '256 GB', '256 GB', '512 GB'],
        ['256 GB', '512 GB', '512 GB', '1 TB', '1 TB'],
      ],
      screen: ['6.1-inch', '6.4-inch', '6.7-inch', '6.8-inch'],
      camera: ['48 MP', '50 MP', '64 MP', '108 MP'],
    },
    nameSuffix: '{storage}',
    descriptions: [
      '{screen} OLED display, {storage} of storage and a {camera} main camera.',
      'A {camera} camera that shines in low light, {storage} of storage and an all-day battery.',
      'Fast, unlocked and ready for 5G, with a {screen} screen and {storage} of storage.',
      '{storage} storage, {camera} camera, {screen} display. Dual SIM.',
    ],
  }),
  s({
    category: 'Electronics', name: 'Laptops', nouns: ['Laptop', 'Notebook', 'Ultrabook', 'Chromebook'], weight: [1, 3], share: 1.5, model: true,
    price: [[349, 2499], [299, 1999], [699, 2999], [179, 699]],
    factors: {
      '4 GB': 0.8, '16 GB': 1.35, '32 GB': 1.9, '64 GB SSD': 0.85, '512 GB SSD': 1.15, '1 TB SSD': 1.35, '2 TB SSD': 1.6,
      '14-inch': 1.03, '15.6-inch': 1.06, '16-inch': 1.12, 'Magnesium Alloy': 1.15, Plastic: 0.85,
    },
    adjectives: ['Slim', 'Pro', 'Air', 'Business', 'Everyday', 'Flex', 'Studio', 'Elite'],
    colors: TECH, materials: ['Aluminum', 'Aluminum', 'Plastic', 'Magnesium Alloy'],
    attributes: {
      // Chromebooks come with little memory and storage.
      ram: [['8 GB', '16 GB', '16 GB', '32 GB'], ['8 GB', '16 GB', '16 GB', '32 GB'], ['8 GB', '16 GB', '32 GB', '32 GB'], ['4 GB', '8 GB']],
      storage: [['256 GB SSD', '512 GB SSD', '512 GB SSD', '1 TB SSD', '2 TB SSD'], ['256 GB SSD', '512 GB SSD', '1 TB SSD'], ['512 GB SSD', '1 TB SSD', '2 TB SSD'], ['64 GB SSD', '128 GB SSD']],
      screen: [['13.3-inch', '14-inch', '15.6-inch', '16-inch'], ['14-inch', '15.6-inch', '16-inch'], ['13.3-inch', '14-inch'], ['11.6-inch', '14-inch']],
    },
    nameSuffix: '{screen}, {ram} RAM, {storage}',
    descriptions: [
      '{screen} display, {ram} RAM and a {storage} for fast start-ups.',
      'Power through work and streaming with {ram} of RAM, a {storage} and a {screen} screen.',
      'A {screen} {noun} that weighs little and lasts all day. {ram} RAM, {storage}.',
      '{ram} RAM | {storage} | {screen} anti-glare display | backlit keyboard.',
    ],
  }),
  s({
    category: 'Electronics', name: 'Smart Watches', nouns: ['Smart Watch', 'Fitness Tracker', 'Sports Watch', 'GPS Watch'], weight: [0.05, 0.2], share: 2, model: true,
    price: [[99, 799], [25, 199], [49, 499], [149, 999]],
    factors: { '44 mm': 1.05, '46 mm': 1.1, '10 ATM': 1.15, '14-day': 1.1, 'Stainless Steel': 1.3, Titanium: 1.6, Plastic: 0.8 },
    adjectives: ['Active', 'Pro', 'Sport', 'Classic', 'Lite', 'Trail', 'Fit', 'Elite'],
    colors: TECH, materials: ['Aluminum', 'Stainless Steel', 'Titanium', 'Plastic'],
    attributes: { battery: ['5-day', '7-day', '10-day', '14-day'], case: ['40 mm', '42 mm', '44 mm', '46 mm'], water: ['5 ATM', '5 ATM', '10 ATM'] },
    descriptions: [
      'Tracks heart rate, sleep and workouts, with {battery} battery life and water resistance to {water}.',
      'A {case} case, built-in GPS and {battery} battery life between charges.',
      'Notifications, step counting and sleep scores on your wrist. Water resistant to {water}.',
      'Always-on display in a {case} {material} case; {battery} battery life.',
    ],
  }),
  s({
    category: 'Electronics', name: 'Cameras', nouns: ['Mirrorless Camera', 'Action Camera', 'Compact Camera', 'DSLR Camera'], weight: [0.2, 2], weights: [[0.4, 1.2], [0.1, 0.3], [0.2, 0.5], [0.6, 1.8]], share: 1, model: true,
    price: [[499, 3999], [79, 549], [99, 1299], [399, 2999]],
    factors: { '33 MP': 1.3, '45 MP': 1.7, '4K/60p': 1.15, '5.3K/60p': 1.3, '1080p/120p': 0.8, 'in-body image stabilization': 1.2, 'Magnesium Alloy': 1.15 },
    adjectives: ['Pro', 'Vlog', 'Travel', 'Classic', 'Ultra', 'Go', 'Studio', 'Edge'],
    colors: TECH, materials: ['Magnesium Alloy', 'Plastic', 'Aluminum', 'Polycarbonate'],
    attributes: {
      sensor: ['20 MP', '24 MP', '24 MP', '33 MP', '45 MP'],
      video: ['4K/30p', '4K/60p', '4K/60p', '5.3K/60p', '1080p/120p'],
      stabilization: ['in-body image stabilization', 'electronic stabilization', 'optical stabilization'],
    },
    descriptions: [
      '{sensor} sensor with {video} video and {stabilization}.',
      'Capture sharp stills at {sensor} and smooth {video} footage. Wi-Fi and Bluetooth built in.',
      'Small enough for every trip, with {stabilization} and a bright touchscreen.',
      '{sensor} | {video} video | {stabilization} | USB-C charging.',
    ],
  }),
  s({
    category: 'Electronics', name: 'Speakers', nouns: ['Speaker', 'Soundbar', 'Smart Speaker', 'Subwoofer'], weight: [0.3, 20], weights: [[0.3, 2], [2, 6], [0.5, 3], [8, 20]], share: 2, model: true,
    price: [[19, 399], [79, 999], [29, 299], [99, 999]],
    factors: { '40 W': 1.3, '60 W': 1.55, '100 W': 1.9, '120 W': 2.1, 'Wi-Fi and Bluetooth': 1.3, Wood: 1.2 },
    adjectives: ['Boom', 'Mini', 'Max', 'Home', 'Party', 'Studio', 'Pro', 'Go'],
    colors: TECH, materials: ['Plastic', 'Fabric', 'Aluminum', 'Wood'],
    attributes: { power: ['20 W', '40 W', '60 W', '100 W', '120 W'], connection: ['Bluetooth 5.3', 'Wi-Fi and Bluetooth', 'Bluetooth and an optical input'] },
    descriptions: [
      '{power} of room-filling sound over {connection}.',
      'Deep bass and clear vocals from {power} of output. Connects with {connection}.',
      'Easy set-up, {connection}, and a {material} finish that fits any room.',
      '{power} output | {connection} | app-controlled EQ.',
    ],
  }),
];

export const AUTOMOTIVE: readonly Subcategory[] = [
  s({
    category: 'Automotive', name: 'Car Electronics', nouns: ['Dash Cam', 'Car Charger', 'GPS Navigator', 'Car Stereo'], weight: [0.03, 2.5], weights: [[0.1, 0.4], [0.03, 0.15], [0.2, 0.6], [0.8, 2.5]], share: 1.5, model: true,
    price: [[39, 399], [9, 59], [79, 399], [79, 699]],
    factors: {
      '1440p recording': 1.3, '4K recording': 1.8, 'three ports and 60 W output': 1.4, 'a 7-inch touchscreen': 1.4, 'Apple CarPlay and Android Auto': 1.8,
      '3-year warranty': 1.1, Aluminum: 1.15,
    },
    adjectives: ['Pro', 'Smart', 'Compact', 'Road', 'Ultra', 'Essential', 'Plus', 'Drive'],
    colors: CAR_TECH, materials: ['Plastic', 'Plastic', 'Aluminum'],
    attributes: {
      spec: [
        ['1080p recording', '1440p recording', '4K recording'],
        ['two USB-C ports and 45 W output', 'three ports and 60 W output', 'a 30 W USB-C port'],
        ['a 5-inch touchscreen', 'a 7-inch touchscreen'],
        ['Apple CarPlay and Android Auto', 'Bluetooth and USB playback'],
      ],
      warranty,
      setup: ['installs in minutes', 'plug-and-play setup', 'includes all mounting hardware'],
    },
    descriptions: [
      'Comes with {spec}; {setup}. Backed by a {warranty}.',
      'A road-ready {noun} with {spec}. Backed by a {warranty}.',
      'Designed for everyday driving: {spec}, {setup}.',
      'Features {spec}; {setup}, {warranty}.',
    ],
  }),
  s({
    category: 'Automotive', name: 'Tools', nouns: ['Socket Set', 'Tire Inflator', 'Jump Starter', 'Torque Wrench'], weight: [0.5, 8], weights: [[2, 8], [0.5, 2], [0.5, 2.5], [0.8, 2.5]], share: 1.5, model: true,
    price: [[19, 399], [25, 149], [49, 299], [25, 299]],
    factors: {
      '94 pieces': 1.6, '120 pieces': 2, 'inflation up to 150 PSI': 1.2, '2000 A peak current': 1.4, '3000 A peak current': 1.8, 'a 1/2-inch drive, 20-200 Nm': 1.3,
      'lifetime warranty': 1.2, 'Chrome Molybdenum Steel': 1.2,
    },
    adjectives: ['Pro', 'Heavy-Duty', 'Compact', 'Professional', 'Essential', 'Workshop', 'Master', 'Garage'],
    colors: TOOLS,
    materials: [['Chrome Vanadium Steel'], ['ABS Plastic', 'ABS Plastic and Aluminum'], ['ABS Plastic'], ['Chrome Vanadium Steel', 'Chrome Molybdenum Steel']],
    attributes: {
      spec: [
        ['46 pieces', '94 pieces', '120 pieces'],
        ['inflation up to 150 PSI', 'inflation up to 120 PSI'],
        ['1000 A peak current', '2000 A peak current', '3000 A peak current'],
        ['a 1/2-inch drive, 20-200 Nm', 'a 3/8-inch drive, 10-60 Nm'],
      ],
      warranty: ['lifetime warranty', '2-year warranty', '3-year warranty'],
      storage: ['a storage case', 'a carry bag', 'a blow-molded case'],
    },
    descriptions: [
      'Built for garage and roadside jobs: {spec}, {material} construction and {storage}.',
      'A {noun} with {spec}, backed by a {warranty}.',
      'Professional-grade {material} with {spec}. Ships in {storage}.',
      'Features {spec} and comes with {storage}; {warranty}.',
    ],
  }),
  s({
    category: 'Automotive', name: 'Car Care', nouns: ['Car Wax', 'Car Shampoo', 'Glass Cleaner', 'Tire Shine'], weight: [0.2, 3], share: 1.5,
    price: [[8, 59], [5, 39], [4, 24], [5, 29]],
    adjectives: ['Ultimate', 'Pro', 'Quick', 'Showroom', 'Ceramic', 'Premium', 'Gloss', 'Essential'],
    measure: { perKg: 900, step: 50, unit: ' ml', packs: [1, 1, 1, 1, 1, 1, 2, 3] },
    nameSuffix: '{measure}',
    attributes: {
      benefit: ['safe on all paint types', 'streak-free', 'pH-neutral', 'a biodegradable formula'],
      use: ['one treatment lasts up to 3 months', 'enough for 20 washes', 'works in direct sunlight'],
    },
    descriptions: [
      'Showroom shine in minutes: {benefit}, and {use}. {measure}.',
      'A {noun} that is {benefit}. {measure} bottle.',
      'Professional detailing results at home; {use}. {measure}.',
      '{measure} of {noun}, {benefit}; {use}.',
    ],
  }),
];
