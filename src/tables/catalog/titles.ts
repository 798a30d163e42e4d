/**
 * Book titles, built from word lists as titles are ("The Silent Harbor", "A History of Salt", "Goodnight, Little
 * Fox"): a few shapes per kind of book, filled with words that fit titles and with faker's real city and first names.
 */
import type { Pick } from './catalogPools.js';

/** Titles per book subcategory: enough that a title and an author rarely meet twice. */
export const TITLES_PER_SUBCATEGORY = 4096;

const ADJECTIVES = [
  'Silent', 'Last', 'Hidden', 'Broken', 'Golden', 'Lost', 'Secret', 'Quiet', 'Burning', 'Winter', 'Summer', 'Midnight',
  'Distant', 'Forgotten', 'Wild', 'Bitter', 'Little', 'Crimson', 'Salt', 'Glass', 'Paper', 'Iron', 'Northern', 'Hollow',
  'Long', 'Dark', 'Bright', 'Empty', 'Painted', 'Sleeping', 'Drowned', 'Final', 'Second', 'Stolen', 'Invisible', 'Endless',
  'Shining', 'Falling', 'Wandering', 'Sweet', 'Cold', 'Velvet', 'Scarlet', 'Blue', 'Autumn', 'Fading', 'Borrowed', 'Perfect',
];
const NOUNS = [
  'Harbor', 'River', 'Garden', 'House', 'Lighthouse', 'Orchard', 'Island', 'Shore', 'Daughter', 'Sister', 'Widow', 'Stranger',
  'Letter', 'Promise', 'Secret', 'Silence', 'Storm', 'Tide', 'Winter', 'Season', 'Road', 'Bridge', 'Window', 'Door',
  'Mirror', 'Clock', 'Map', 'Key', 'Crown', 'Forest', 'Mountain', 'Valley', 'Field', 'Fire', 'Light', 'Shadow', 'Ghost',
  'Witness', 'Confession', 'Inheritance', 'Keeper', 'Painter', 'Watchmaker', 'Librarian', 'Dancer', 'Pilot', 'Sea', 'Moon',
  'Stars', 'Rain', 'Snow', 'Dust', 'Ashes', 'Bones', 'Echo', 'Hours', 'Years', 'Girl', 'Boy', 'Summer', 'Kingdom', 'Hotel',
];
const SUBJECTS = [
  'Salt', 'Bread', 'Coffee', 'Tea', 'Maps', 'Time', 'Silk', 'Sugar', 'Spices', 'Rivers', 'Cities', 'Gardens', 'Islands', 'Money',
  'Light', 'Sleep', 'Habits', 'Memory', 'Cooking', 'Walking', 'Baking', 'Fermentation', 'Flight', 'Trains', 'Oceans', 'Forests',
  'Wine', 'Cheese', 'Chocolate', 'Rice', 'Olive Oil', 'Empires', 'Music', 'Color', 'Numbers', 'Stone', 'Paper', 'Glass',
];
const ANIMALS = [
  'Fox', 'Bear', 'Owl', 'Rabbit', 'Mouse', 'Duck', 'Hedgehog', 'Elephant', 'Tiger', 'Penguin', 'Turtle', 'Dragon', 'Whale',
  'Kitten', 'Puppy', 'Lion', 'Giraffe', 'Frog', 'Moose', 'Goose', 'Badger', 'Otter', 'Dinosaur', 'Robot', 'Moon', 'Star',
];
const KID_WORDS = ['Little', 'Brave', 'Sleepy', 'Busy', 'Hungry', 'Tiny', 'Big', 'Happy', 'Grumpy', 'Curious', 'Noisy', 'Shy'];

type Shape = (pick: Pick, cities: readonly string[], firstNames: readonly string[]) => string;

const of = <T>(pick: Pick, list: readonly T[]): T => list[pick(list.length)] as T;

const SHAPES: Readonly<Record<string, readonly Shape[]>> = {
  fiction: [
    (p) => `The ${of(p, ADJECTIVES)} ${of(p, NOUNS)}`,
    (p, cities) => `The ${of(p, NOUNS)} of ${of(p, cities)}`,
    (p, cities) => `A ${of(p, NOUNS)} in ${of(p, cities)}`,
    (p, _, names) => `${of(p, names)}'s ${of(p, NOUNS)}`,
    (p) => `The ${of(p, NOUNS)} and the ${of(p, NOUNS)}`,
    (p) => `${of(p, ADJECTIVES)} ${of(p, NOUNS)}`,
  ],
  nonFiction: [
    (p) => `A History of ${of(p, SUBJECTS)}`,
    (p) => `The Art of ${of(p, SUBJECTS)}`,
    (p) => `The ${of(p, ADJECTIVES)} Kitchen`,
    (p, cities) => `${of(p, cities)}: A Travel Guide`,
    (p, _, names) => `${of(p, names)}: A Life`,
    (p) => `${of(p, SUBJECTS)} and ${of(p, SUBJECTS)}: A History`,
    (p, cities) => `The ${of(p, SUBJECTS)} of ${of(p, cities)}`,
  ],
  children: [
    (p) => `The ${of(p, KID_WORDS)} ${of(p, ANIMALS)}`,
    (p) => `Goodnight, ${of(p, KID_WORDS)} ${of(p, ANIMALS)}`,
    (p, _, names) => `${of(p, names)} and the ${of(p, KID_WORDS)} ${of(p, ANIMALS)}`,
    (p, _, names) => `Where Is ${of(p, names)}'s ${of(p, ANIMALS)}?`,
    (p) => `${of(p, ANIMALS)} Goes to School`,
  ],
};

/** Which shapes a book subcategory's titles take. */
export function titleKind(subcategory: string): keyof typeof SHAPES {
  return subcategory === 'Fiction' ? 'fiction' : subcategory === 'Non-Fiction' ? 'nonFiction' : 'children';
}

/** TITLES_PER_SUBCATEGORY distinct titles of a kind (or as many as its shapes make, repeated in turn). */
export function bookTitles(kind: string, pick: Pick, cities: readonly string[], firstNames: readonly string[]): string[] {
  const shapes = SHAPES[kind] ?? [];
  const titles = new Set<string>();
  for (let attempt = 0; titles.size < TITLES_PER_SUBCATEGORY && attempt < TITLES_PER_SUBCATEGORY * 8; attempt += 1) {
    const shape = shapes[pick(shapes.length)];
    if (shape) titles.add(shape(pick, cities, firstNames));
  }
  const distinct = [...titles];
  return Array.from({ length: TITLES_PER_SUBCATEGORY }, (_, index) => distinct[index % distinct.length] ?? '');
}
