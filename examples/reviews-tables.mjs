// A table of your own: product reviews, written by existing users about existing products.
// synthgen --tables ./examples/reviews-tables.mjs --table-names users,products,reviews --num-rows 100000
import { DAY, chance, defineTable, definePool, draw20, below, spanOf, toTimestamp, uniform, weighted } from 'synthgen';

// Ratings are J-shaped, as on real shops: mostly 5 stars, then 4, few in the middle, and a bump of angry 1s.
const stars = [
  [5, 56],
  [4, 20],
  [3, 8],
  [2, 5],
  [1, 11],
];

// Four titles per rating, 1 star first: a title always agrees with its rating.
const titles = definePool({
  name: 'review_title',
  type: 'text',
  build: () => [
    'Broke after a week', 'Do not buy', 'Waste of money', 'Very disappointed',
    'Not as described', 'Poor quality', 'Expected more', 'Would not buy again',
    'It is okay', 'Does the job', 'Average', 'Fine for the price',
    'Very good', 'Happy with it', 'Good value', 'Works well',
    'Excellent!', 'Love it', 'Exactly what I wanted', 'Highly recommend',
  ],
});

export const reviews = defineTable({
  name: 'reviews',
  description: 'Product reviews: who reviewed what, when, and how many stars they gave.',
  version: 1,
  primaryKey: 'review_id',
  // Active customers write more reviews, popular products get more of them.
  parents: [
    { table: 'users', column: 'user_id', skew: 2 },
    { table: 'products', column: 'product_id', skew: 2.5 },
  ],
  pools: [titles],
  helpers: [
    // A parent's columns are recomputed from its row: these equal what users and products hold.
    {
      name: '_earliest',
      sql: ({ parent }) =>
        `greatest(epoch(${parent('users').value('registration_date')}), epoch(${parent('products').value('created_at')}))::BIGINT`,
    },
    { name: '_rating', sql: ({ row }) => weighted(draw20(row, 'rating'), stars) },
  ],
  columns: [
    { name: 'review_id', type: 'BIGINT', description: 'Primary key.', distribution: 'Sequential.', sql: ({ row }) => row.id },
    { name: 'user_id', type: 'BIGINT', description: 'The reviewer (users.user_id).', distribution: 'Skewed: active users review more.', sql: ({ parent }) => parent('users').id },
    { name: 'product_id', type: 'BIGINT', description: 'The product (products.product_id).', distribution: 'Skewed: popular products get more reviews.', sql: ({ parent }) => parent('products').id },
    { name: 'rating', type: 'INTEGER', description: 'Stars, 1 to 5.', distribution: '56% 5, 20% 4, 8% 3, 5% 2, 11% 1.', sql: ({ field }) => field('_rating') },
    {
      name: 'title',
      type: 'VARCHAR',
      description: 'Headline; agrees with the rating.',
      distribution: 'One of four titles per rating.',
      sql: ({ row, field, pool }) => pool(titles, `(${field('_rating')} - 1) * 4 + ${below(row, 'title', 4)}`),
    },
    {
      name: 'reviewed_at',
      type: 'TIMESTAMPTZ',
      description: 'When it was written: after the user registered and the product was listed, before as-of.',
      distribution: 'Crowded toward the start: most reviews come soon after both exist.',
      sql: ({ row, field }) => toTimestamp(`${field('_earliest')} + ${spanOf(uniform(row, 'reviewed_at'), `${row.asOf} - ${field('_earliest')}`, 2)}`),
    },
    {
      name: 'verified_purchase',
      type: 'BOOLEAN',
      description: 'Whether the reviewer bought the product here.',
      distribution: '80% true.',
      sql: ({ row }) => chance(row, 'verified', 0.8),
    },
    {
      name: 'helpful_votes',
      type: 'INTEGER',
      description: 'How many readers found it helpful.',
      distribution: 'Long tail: most get none or a few, some get hundreds.',
      sql: ({ row }) => `(floor(pow(500, pow(${uniform(row, 'helpful')}, 3))) - 1)::INTEGER`,
    },
  ],
  rules: [
    {
      description: "reviewed_at is after the user's registration and the product's listing",
      reads: ['users', 'products'],
      violations: (t) =>
        `${t('reviews')} r JOIN ${t('users')} u USING (user_id) JOIN ${t('products')} p USING (product_id) WHERE r.reviewed_at < u.registration_date OR r.reviewed_at < p.created_at`,
    },
  ],
});
