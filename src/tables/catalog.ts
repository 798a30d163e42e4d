/**
 * The shop's catalogue: categories, subcategories, and what products of each look like. Products and orders both
 * read it (a product's price is recomputed when an order is made), so it lives apart from either table.
 */
export type SizeKind = 'apparel' | 'shoe' | 'none';

export interface Subcategory {
  readonly category: string;
  readonly name: string;
  /** Exactly NOUNS_PER_SUBCATEGORY product nouns. */
  readonly nouns: readonly [string, string, string, string];
  /** Price range in USD; prices are log-uniform between them. */
  readonly price: readonly [number, number];
  /** Shipping weight range in kg. */
  readonly weight: readonly [number, number];
  readonly size: SizeKind;
  /** Whether color and material make sense (not for books or food). */
  readonly physical: boolean;
  /** Share of the catalogue. */
  readonly share: number;
}

export const NOUNS_PER_SUBCATEGORY = 4;

const s = (
  category: string,
  name: string,
  nouns: readonly [string, string, string, string],
  price: readonly [number, number],
  weight: readonly [number, number],
  share: number,
  size: SizeKind = 'none',
  physical = true,
): Subcategory => ({ category, name, nouns, price, weight, size, physical, share });

export const SUBCATEGORIES: readonly Subcategory[] = [
  s('Electronics', 'Headphones', ['Headphones', 'Earbuds', 'Headset', 'Earphones'], [19, 449], [0.1, 0.6], 3),
  s('Electronics', 'Smartphones', ['Smartphone', 'Phone', 'Mobile Phone', 'Flip Phone'], [149, 1399], [0.15, 0.3], 2),
  s('Electronics', 'Laptops', ['Laptop', 'Notebook', 'Ultrabook', 'Chromebook'], [299, 2999], [1, 3], 1.5),
  s('Electronics', 'Smart Watches', ['Smart Watch', 'Fitness Tracker', 'Sports Watch', 'Watch Band'], [29, 799], [0.05, 0.2], 2),
  s('Electronics', 'Cameras', ['Camera', 'Action Camera', 'Lens', 'Tripod'], [49, 2499], [0.2, 2], 1),
  s('Electronics', 'Speakers', ['Speaker', 'Soundbar', 'Smart Speaker', 'Subwoofer'], [24, 699], [0.3, 8], 2),
  s('Home & Kitchen', 'Cookware', ['Frying Pan', 'Saucepan', 'Dutch Oven', 'Knife Set'], [14, 399], [0.5, 7], 4),
  s('Home & Kitchen', 'Small Appliances', ['Blender', 'Coffee Maker', 'Toaster', 'Air Fryer'], [24, 599], [1, 8], 3),
  s('Home & Kitchen', 'Bedding', ['Duvet Cover', 'Pillow', 'Sheet Set', 'Blanket'], [19, 299], [0.5, 4], 3),
  s('Home & Kitchen', 'Furniture', ['Chair', 'Table', 'Bookshelf', 'Desk'], [59, 1999], [4, 60], 2),
  s('Home & Kitchen', 'Home Decor', ['Vase', 'Lamp', 'Picture Frame', 'Candle'], [7, 249], [0.2, 5], 4),
  s('Clothing', "Men's Tops", ['T-Shirt', 'Shirt', 'Polo', 'Sweater'], [9, 119], [0.15, 0.8], 5, 'apparel'),
  s('Clothing', "Women's Dresses", ['Dress', 'Maxi Dress', 'Wrap Dress', 'Skirt'], [19, 249], [0.2, 0.9], 4, 'apparel'),
  s('Clothing', 'Shoes', ['Sneakers', 'Boots', 'Sandals', 'Loafers'], [24, 299], [0.5, 1.8], 5, 'shoe'),
  s('Clothing', 'Jackets', ['Jacket', 'Coat', 'Parka', 'Vest'], [39, 499], [0.5, 2.5], 3, 'apparel'),
  s('Clothing', 'Accessories', ['Belt', 'Scarf', 'Hat', 'Gloves'], [7, 199], [0.05, 0.5], 4),
  s('Beauty', 'Skincare', ['Moisturizer', 'Serum', 'Cleanser', 'Sunscreen'], [5, 149], [0.05, 0.5], 4, 'none', false),
  s('Beauty', 'Makeup', ['Lipstick', 'Mascara', 'Foundation', 'Eyeshadow Palette'], [4, 79], [0.02, 0.3], 3, 'none', false),
  s('Beauty', 'Fragrance', ['Eau de Parfum', 'Eau de Toilette', 'Body Mist', 'Cologne'], [19, 249], [0.1, 0.6], 2, 'none', false),
  s('Beauty', 'Hair Care', ['Shampoo', 'Conditioner', 'Hair Dryer', 'Hair Oil'], [4, 199], [0.1, 1.2], 2, 'none', false),
  s('Sports & Outdoors', 'Fitness Equipment', ['Dumbbell Set', 'Yoga Mat', 'Kettlebell', 'Treadmill'], [14, 1499], [0.5, 80], 3),
  s('Sports & Outdoors', 'Camping', ['Tent', 'Sleeping Bag', 'Backpack', 'Camp Stove'], [9, 599], [0.3, 8], 2),
  s('Sports & Outdoors', 'Cycling', ['Bike', 'Helmet', 'Bike Light', 'Bike Lock'], [14, 2999], [0.2, 15], 2),
  s('Sports & Outdoors', 'Team Sports', ['Ball', 'Jersey', 'Goal Net', 'Shin Guards'], [7, 199], [0.2, 6], 2),
  s('Toys & Games', 'Board Games', ['Board Game', 'Card Game', 'Strategy Game', 'Party Game'], [9, 119], [0.3, 2.5], 2, 'none', false),
  s('Toys & Games', 'Building Sets', ['Building Set', 'Construction Kit', 'Model Kit', 'Brick Set'], [9, 399], [0.2, 4], 2),
  s('Toys & Games', 'Dolls & Figures', ['Doll', 'Action Figure', 'Plush Toy', 'Figurine'], [7, 149], [0.1, 1.5], 2),
  s('Toys & Games', 'Puzzles', ['Jigsaw Puzzle', '3D Puzzle', 'Puzzle Box', 'Brain Teaser'], [5, 59], [0.2, 1.5], 1, 'none', false),
  s('Books', 'Fiction', ['Novel', 'Thriller', 'Mystery', 'Romance Novel'], [5, 34], [0.2, 0.9], 4, 'none', false),
  s('Books', 'Non-Fiction', ['Biography', 'Cookbook', 'History Book', 'Travel Guide'], [7, 59], [0.2, 1.5], 3, 'none', false),
  s('Books', "Children's Books", ['Picture Book', 'Activity Book', 'Story Collection', 'Board Book'], [3, 29], [0.1, 0.8], 2, 'none', false),
  s('Grocery', 'Snacks', ['Chips', 'Cookies', 'Granola Bars', 'Trail Mix'], [1.5, 24], [0.1, 1.5], 3, 'none', false),
  s('Grocery', 'Beverages', ['Coffee Beans', 'Green Tea', 'Sparkling Water', 'Juice'], [1.5, 39], [0.2, 6], 3, 'none', false),
  s('Grocery', 'Pantry', ['Olive Oil', 'Pasta', 'Rice', 'Spice Set'], [1.5, 29], [0.2, 5], 3, 'none', false),
  s('Automotive', 'Car Electronics', ['Dash Cam', 'Car Charger', 'GPS Navigator', 'Car Stereo'], [14, 499], [0.1, 2], 1.5),
  s('Automotive', 'Tools', ['Socket Set', 'Tire Inflator', 'Jump Starter', 'Torque Wrench'], [9, 399], [0.5, 8], 1.5),
  s('Automotive', 'Car Care', ['Car Wax', 'Microfiber Towels', 'Car Shampoo', 'Seat Covers'], [4, 79], [0.2, 3], 1.5, 'none', false),
  s('Pet Supplies', 'Dog Supplies', ['Dog Bed', 'Dog Leash', 'Dog Food', 'Chew Toy'], [4, 199], [0.1, 15], 2),
  s('Pet Supplies', 'Cat Supplies', ['Cat Tree', 'Cat Litter', 'Cat Food', 'Scratching Post'], [4, 149], [0.2, 15], 2),
];

/** A 1024-entry table of subcategory indexes, each appearing in proportion to its share: one lookup draws one. */
export function subcategoryLottery(): number[] {
  const total = SUBCATEGORIES.reduce((sum, sub) => sum + sub.share, 0);
  const slots: number[] = [];
  let cumulative = 0;
  SUBCATEGORIES.forEach((sub, index) => {
    cumulative += sub.share;
    const end = Math.round((cumulative / total) * 1024);
    while (slots.length < end) slots.push(index);
  });
  return slots;
}
