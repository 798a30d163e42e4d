/** Books and toys: authors and page counts (pages follow the weight), players, ages and piece counts. */
import { TOYS } from './palettes.js';
import { PERSON_NAMES, type Subcategory, subcategory as s } from './subcategory.js';

const pages = (perKg: number, step: number, elasticity: number) => ({ perKg, step, unit: ' pages', elasticity });
const format = ['paperback', 'hardcover', 'paperback', 'hardcover', 'mass market paperback', 'large print paperback'];
/** What a book's format does to its price: hardcovers ~1.6x paperbacks, mass market ~0.7x. */
const formatFactors = { hardcover: 1.6, 'mass market paperback': 0.7, 'large print paperback': 1.15, 'hardcover, 2nd edition': 1.7, 'paperback, revised edition': 1.05 };

export const TOYS_AND_GAMES: readonly Subcategory[] = [
  s({
    category: 'Toys & Games', name: 'Board Games', nouns: ['Board Game', 'Card Game', 'Strategy Game', 'Party Game'], weight: [0.3, 2.5], share: 2, model: true,
    price: [[15, 99], [7, 29], [25, 119], [12, 39]],
    factors: { '2-6 players': 1.1, '3-8 players': 1.1, '60 minutes': 1.2, '90 minutes': 1.4 },
    nameSuffix: '{players}',
    adjectives: ['Family', 'Classic', 'Epic', 'Cooperative', 'Quick-Play', 'Deluxe', 'Travel', 'Legendary'],
    attributes: { players: ['2-4 players', '2-6 players', '3-8 players', '1-5 players'], age: ['ages 8+', 'ages 10+', 'ages 12+', 'ages 14+'], time: ['20 minutes', '30 minutes', '45 minutes', '60 minutes', '90 minutes'] },
    descriptions: [
      'Games of about {time} for {players}, {age}.',
      'Easy to learn, hard to put down: {players}, about {time} a game, {age}.',
      'A {noun} of bluffing, trading and clever moves for {players}. Recommended for {age}.',
      'Great for game nights: {players}, {time} per game, {age}.',
    ],
  }),
  s({
    category: 'Toys & Games', name: 'Building Sets', nouns: ['Building Set', 'Construction Kit', 'Model Kit', 'Brick Set'], weight: [0.2, 4], share: 2, model: true,
    price: [[9, 499], [12, 199], [12, 149], [9, 399]],
    factors: { '500 pieces': 1.8, '850 pieces': 2.8, '1,200 pieces': 3.8, '2,000 pieces': 6, Wood: 1.2 },
    nameSuffix: '{pieces}',
    adjectives: ['Creator', 'City', 'Space', 'Classic', 'Deluxe', 'Starter', 'Master', 'Adventure'],
    colors: TOYS, materials: ['ABS Plastic', 'ABS Plastic', 'Wood', 'Recycled Plastic'],
    attributes: {
      pieces: ['250 pieces', '500 pieces', '850 pieces', '1,200 pieces', '2,000 pieces'],
      age: ['ages 6+', 'ages 8+', 'ages 10+', 'ages 14+'],
      build: ['a space station', 'a city fire station', 'a pirate ship', 'a castle', 'a race car'],
    },
    descriptions: [
      '{pieces} to build {build}. For {age}.',
      'Build {build} from {pieces}, with step-by-step instructions. For {age}.',
      'A {noun} with {pieces} that click together and apart again. Recommended for {age}.',
      'Hours of building: {pieces}, compatible with major brick brands, {age}.',
    ],
  }),
  s({
    category: 'Toys & Games', name: 'Dolls & Figures', nouns: ['Doll', 'Action Figure', 'Plush Toy', 'Figurine'], weight: [0.1, 1.5], share: 2, model: true,
    price: [[9, 119], [7, 79], [7, 69], [9, 149]],
    factors: { '20 cm': 1.2, '30 cm': 1.5, '40 cm': 1.9, '5 accessories': 1.2, 'a carry case': 1.3, 'a display stand': 1.15, Resin: 1.4 },
    adjectives: ['Adventure', 'Classic', 'Collector', 'Cuddly', 'Fantasy', 'Hero', 'Deluxe', 'Friendship'],
    colors: TOYS, materials: [['Vinyl', 'Plastic'], ['PVC', 'Plastic'], ['Polyester Plush', 'Organic Cotton'], ['Resin', 'PVC']],
    attributes: { height: ['15 cm', '20 cm', '30 cm', '40 cm'], extras: ['3 accessories', '5 accessories', 'a carry case', 'a display stand'], age: ['ages 3+', 'ages 4+', 'ages 6+'] },
    descriptions: [
      'A {height} {noun} with {extras}. For {age}.',
      '{height} tall, made of {material}, with {extras}.',
      'Soft-touch {material}, safety tested for {age}. Stands {height} tall.',
      'Made for imaginative play: {height}, {extras}, {age}.',
    ],
  }),
  s({
    category: 'Toys & Games', name: 'Puzzles', nouns: ['Jigsaw Puzzle', '3D Puzzle', 'Puzzle Box', 'Brain Teaser'], weight: [0.2, 1.5], share: 1, model: true,
    price: [[9, 49], [12, 79], [12, 59], [5, 29]],
    factors: { '1,000': 1.3, '1,500': 1.5, '200': 1.3, '40': 1.3, expert: 1.15 },
    nameSuffix: '{pieces} Pieces',
    adjectives: ['Classic', 'Scenic', 'Mind-Bending', 'Family', 'Challenge', 'Deluxe', 'Artist', 'Wooden'],
    attributes: {
      pieces: [['300', '500', '1,000', '1,500'], ['64', '120', '200'], ['12', '20', '40'], ['6', '8', '12']],
      level: ['easy', 'medium', 'hard', 'expert'],
      age: ['ages 6+', 'ages 8+', 'ages 12+', 'adults'],
    },
    descriptions: [
      '{pieces} pieces, {level} difficulty, for {age}.',
      'A {level} challenge of {pieces} pieces for {age}.',
      'Relaxing and rewarding: {pieces} precision-cut pieces. For {age}.',
      'A {noun} of {pieces} pieces, rated {level}; for {age}.',
    ],
  }),
];

export const BOOKS: readonly Subcategory[] = [
  s({
    category: 'Books', name: 'Fiction', nouns: ['Novel', 'Thriller', 'Mystery', 'Romance Novel'], weight: [0.2, 0.9], share: 4, book: true,
    price: [6, 35], factors: formatFactors, nameTemplate: 'by {author}, {format}',
    adjectives: ['Bestselling', 'Award-Winning', 'Gripping', 'Unforgettable', 'Haunting', 'Timeless', 'Sweeping', 'Acclaimed'],
    measure: pages(800, 8, 0.4),
    attributes: { author: PERSON_NAMES, format, setting: ['a small coastal town', '1920s Paris', 'a remote Scottish island', 'New York', 'an English country house', 'Tokyo'] },
    descriptions: [
      'A page-turner by {author}, set in {setting}. {measure}, {format}.',
      'The new {noun} by {author}, set in {setting}. {measure}.',
      'By {author}: a story of secrets and second chances in {setting}. {measure}.',
      'An acclaimed {noun} by {author}, {measure} in {format}.',
    ],
  }),
  s({
    category: 'Books', name: 'Non-Fiction', nouns: ['Biography', 'Cookbook', 'History Book', 'Travel Guide'], weight: [0.2, 1.5], share: 3, book: true,
    price: [8, 60], factors: formatFactors, nameTemplate: 'by {author}, {format}',
    adjectives: ['Bestselling', 'Illustrated', 'Definitive', 'Essential', 'Acclaimed', 'Complete', 'Revised', 'Pocket'],
    measure: pages(500, 8, 0.4),
    attributes: {
      author: PERSON_NAMES,
      format: ['paperback', 'hardcover', 'hardcover, 2nd edition', 'paperback, revised edition', 'paperback'],
      topic: [
        ['a jazz legend', 'a pioneering scientist', 'a Hollywood icon', 'a world leader'],
        ['Italian home cooking', 'plant-based baking', 'quick weeknight dinners', 'Japanese cuisine'],
        ['the Roman Empire', 'the Silk Road', 'the Industrial Revolution', 'the Cold War'],
        ['Japan', 'Italy', 'Iceland', 'the American Southwest'],
      ],
    },
    descriptions: [
      'By {author}: an accessible, richly researched look at {topic}. {measure}, {format}.',
      'An illustrated {noun} by {author} about {topic}. {measure}.',
      'Everything you want to know about {topic}, by {author}. {measure}, {format}.',
      'Written by {author}, this {noun} explores {topic}. {measure}.',
    ],
  }),
  s({
    category: 'Books', name: "Children's Books", nouns: ['Picture Book', 'Activity Book', 'Story Collection', 'Board Book'], weight: [0.1, 0.8], share: 2, book: true,
    price: [[5, 25], [4, 15], [8, 30], [5, 15]], nameTemplate: 'by {author}, {noun}',
    adjectives: ['Bedtime', 'Colorful', 'First', 'Little', 'Giant', 'Playful', 'Classic', 'Magical'],
    measure: pages(150, 4, 0.4),
    attributes: { author: PERSON_NAMES, age: ['ages 0-3', 'ages 3-5', 'ages 4-8', 'ages 6-9'], theme: ['bedtime', 'friendship', 'dinosaurs', 'farm animals', 'the seasons'] },
    descriptions: [
      'A {noun} about {theme} by {author}, {measure} long.',
      'Written and illustrated by {author}: {theme} as little ones have never seen it. {measure}, {age}.',
      'Colorful pages about {theme}, by {author}. Perfect for {age}; {measure}.',
      'By {author}, a read-aloud favorite about {theme}. {measure}, for {age}.',
    ],
  }),
];
