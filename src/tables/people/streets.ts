/**
 * Street names per locale: a common name and a suffix drawn with the suffixes' real frequencies. The suffix shares
 * are an estimate from the counts of street types in the US Census TIGER/Line road names, Ordnance Survey Open Roads
 * (UK), Canada Post and the Australian G-NAF; names are the commonest street names (numbered streets, trees,
 * presidents in the US; High Street, Station Road in the UK). Germany and France keep faker's lists of real streets
 * (Leverkusen, Paris), headed by each country's commonest street names.
 */
import type { LocaleCode } from '../../model/locales.js';
import type { Shares } from './surnames.js';

/** A uniform integer in [0, n): the seeded generator of the pool builder. */
export type Draw = (n: number) => number;

function pick<T>(values: readonly T[], draw: Draw): T {
  const value = values[draw(values.length)];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
}

function weightedPick(shares: Shares, draw: Draw): string {
  const total = shares.reduce((sum, [, w]) => sum + w, 0);
  let ticket = draw(1_000_000) / 1_000_000 * total;
  for (const [name, weight] of shares) {
    ticket -= weight;
    if (ticket < 0) return name;
  }
  return shares[shares.length - 1]?.[0] ?? '';
}

const ORDINALS = ['1st', '2nd', '3rd', '4th', '5th', '6th', '7th', '8th', '9th', '10th', '11th', '12th', '13th', '14th', '15th'];
const TREES = ['Oak', 'Maple', 'Pine', 'Cedar', 'Elm', 'Walnut', 'Willow', 'Cherry', 'Hickory', 'Spruce', 'Birch', 'Chestnut', 'Sycamore', 'Magnolia', 'Dogwood', 'Poplar', 'Ash', 'Laurel'];
const PRESIDENTS = ['Washington', 'Lincoln', 'Jefferson', 'Madison', 'Jackson', 'Adams', 'Monroe', 'Franklin', 'Wilson', 'Grant', 'Harrison', 'Taylor', 'Polk', 'Johnson', 'Roosevelt', 'Kennedy'];
const US_COMMON = [
  'Main', 'Park', 'Lake', 'Hill', 'Church', 'Mill', 'Spring', 'Ridge', 'River', 'Sunset', 'Highland', 'Meadow',
  'Forest', 'Center', 'Market', 'Union', 'Prospect', 'Broad', 'High', 'Water', 'Front', 'Pleasant', 'Locust',
  'Railroad', 'Green', 'Valley', 'College', 'School', 'North', 'South', 'East', 'West', 'Bridge', 'Lakeview',
  'Hillcrest', 'Woodland', 'Country Club', 'Jackson', 'Cherry Hill', 'Lincoln', 'Academy', 'Elmwood', 'Fairview',
];
const US_SUFFIXES: Shares = [['St', 30], ['Ave', 16], ['Rd', 14], ['Dr', 14], ['Ln', 7], ['Ct', 6], ['Way', 4], ['Blvd', 3], ['Pl', 3], ['Cir', 3]];

const GB_NAMES = [
  'High', 'Station', 'Main', 'Park', 'Church', 'London', 'Victoria', 'Green', 'Manor', 'Queens', 'Kings', 'New',
  'Grange', 'Alexandra', 'Albert', 'Mill', 'School', 'North', 'South', 'West', 'Springfield', 'Highfield', 'Windsor',
  'Stanley', 'Richmond', 'York', 'Chester', 'George', 'Princes', 'Broad', 'Chapel', 'Castle', 'Bridge', 'Market',
  'Orchard', 'Beech', 'Oak', 'Elm', 'Meadow', 'St John’s', 'Mount Pleasant', 'Westfield', 'Cambridge', 'Farm',
];
const GB_SUFFIXES: Shares = [['Road', 40], ['Street', 18], ['Lane', 12], ['Close', 8], ['Avenue', 8], ['Drive', 6], ['Way', 4], ['Crescent', 2], ['Gardens', 2]];

const CA_NAMES = [
  'King', 'Queen', 'Main', 'Maple', 'Oak', 'Elm', 'Pine', 'Victoria', 'Church', 'Park', 'Wellington', 'Albert',
  'Bay', 'Front', 'Lakeshore', 'Cedar', 'Birch', 'Spruce', 'Brock', 'Simcoe', 'Dufferin', 'Riverside', 'Hillcrest',
  'Centre', 'Water', 'Mill', 'College', 'Sunset', 'Forest', 'Willow', '1st', '2nd', '3rd', '4th', '5th', 'Railway',
];
const CA_SUFFIXES: Shares = [['St', 34], ['Ave', 18], ['Rd', 14], ['Dr', 12], ['Cres', 6], ['Crt', 4], ['Blvd', 3], ['Way', 4], ['Pl', 3], ['Lane', 2]];

const AU_NAMES = [
  'George', 'King', 'Queen', 'Victoria', 'Elizabeth', 'William', 'Church', 'High', 'Station', 'Park', 'Railway',
  'Main', 'Bridge', 'Beach', 'Ocean', 'Albert', 'Edward', 'Wattle', 'Banksia', 'Acacia', 'Hill', 'Murray', 'Darling',
  'Macquarie', 'Hume', 'Pacific', 'Anzac', 'Short', 'Gordon', 'Bay', 'Marine', 'School', 'Grey', 'Mitchell', 'Hope',
];
const AU_SUFFIXES: Shares = [['Street', 40], ['Road', 18], ['Avenue', 10], ['Drive', 8], ['Court', 6], ['Crescent', 5], ['Place', 5], ['Parade', 3], ['Close', 3], ['Lane', 2]];

/** The commonest German street names (Statistisches Bundesamt / OpenStreetMap counts); the rest are faker's. */
const DE_COMMON = [
  'Hauptstraße', 'Schulstraße', 'Gartenstraße', 'Bahnhofstraße', 'Dorfstraße', 'Bergstraße', 'Birkenweg',
  'Lindenstraße', 'Kirchstraße', 'Waldstraße', 'Ringstraße', 'Schillerstraße', 'Goethestraße', 'Wiesenweg',
  'Amselweg', 'Jahnstraße', 'Mühlenweg', 'Buchenweg', 'Friedhofstraße', 'Industriestraße',
];
/** The commonest French street names (IGN BAN counts); faker's Parisian names fill the rest. */
const FR_COMMON = [
  'de l’Église', 'de la Mairie', 'du Moulin', 'de la Gare', 'Victor Hugo', 'Jean Jaurès', 'Pasteur', 'des Écoles',
  'de la République', 'du Château', 'Principale', 'du Stade', 'Jean Moulin', 'Charles de Gaulle', 'de la Paix',
  'des Lilas', 'du Général Leclerc', 'de la Fontaine', 'des Jardins', 'du Stade',
];
const FR_TYPES: Shares = [['Rue', 58], ['Avenue', 10], ['Impasse', 8], ['Chemin', 7], ['Allée', 6], ['Place', 4], ['Boulevard', 4], ['Route', 3]];

function composed(names: readonly string[], suffixes: Shares, size: number, draw: Draw): string[] {
  return Array.from({ length: size }, () => `${pick(names, draw)} ${weightedPick(suffixes, draw)}`);
}

/** `size` street names of a locale; `faker` holds the locale's own lists (German and French streets). */
export function streetNames(locale: LocaleCode, size: number, draw: Draw, faker: { streets: readonly string[]; frenchNames: readonly string[] }): string[] {
  switch (locale) {
    case 'en_US':
      return composed([...US_COMMON, ...TREES, ...PRESIDENTS, ...ORDINALS], US_SUFFIXES, size, draw);
    case 'en_GB':
      return composed(GB_NAMES, GB_SUFFIXES, size, draw);
    case 'en_CA':
      return composed(CA_NAMES, CA_SUFFIXES, size, draw);
    case 'en_AU':
      return composed(AU_NAMES, AU_SUFFIXES, size, draw);
    case 'de':
      return Array.from({ length: size }, () => (draw(100) < 25 ? pick(DE_COMMON, draw) : pick(faker.streets, draw)));
    case 'fr':
      return Array.from({ length: size }, () => `${weightedPick(FR_TYPES, draw)} ${draw(100) < 40 ? pick(FR_COMMON, draw) : pick(faker.frenchNames, draw)}`);
  }
}
