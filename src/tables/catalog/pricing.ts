/**
 * How a product's list price follows what it is. A product's price multiplier is its archetype's spec multiplier
 * (RAM, storage, screen, material, format...: the subcategory's `factors`), its pack size's (measure^elasticity), its
 * brand tier's and a small noise. The log of that product, from its least to its most, is mapped linearly onto the
 * log of its noun's real price range (a power of the multipliers, at most K_MAX, centred when it does not fill the
 * range), so prices are monotone in every spec and never leave the range. Shop price endings come last.
 */
import { type Archetype, ARCHETYPES_PER_SUBCATEGORY, MEASURES_PER_SUBCATEGORY, PACKS_PER_MEASURE } from './catalogPools.js';
import { NOUNS_PER_SUBCATEGORY, type Subcategory } from './subcategory.js';

/** Brand tiers: their price multipliers and shares of a category's brands. Premium brands cost ~2x value brands. */
export const TIERS = [
  { name: 'value', multiplier: 0.75, tenths: 3 },
  { name: 'mainstream', multiplier: 1, tenths: 5 },
  { name: 'premium', multiplier: 1.6, tenths: 2 },
] as const;

/** A brand's tier from its rank in its category (0 = the biggest): ranks are spread over tiers by rank x 7 mod 10. */
export function tierOfRank(rank: number): number {
  return tierOfTenth((rank * 7) % 10);
}

function tierOfTenth(tenth: number): number {
  return tenth < TIERS[0].tenths ? 0 : tenth < TIERS[0].tenths + TIERS[1].tenths ? 1 : 2;
}

/** SQL: the log multiplier of a brand rank's tier, relative to the value tier. */
export function tierLogSql(rank: string): string {
  const logs = Array.from({ length: 10 }, (_, tenth) => Math.log((TIERS[tierOfTenth(tenth)]?.multiplier ?? 1) / TIERS[0].multiplier));
  return `[${logs.join(', ')}][(${rank} * 7) % 10 + 1]`;
}

/** The noise: up to x1.3 over the product's own price (+-13% around the middle). */
export const NOISE_LOG = Math.log(1.3);
/** The most a multiplier is stretched (as a power) to fill a wide range: beyond it, prices sit in the range's middle. */
const K_MAX = 1.5;
const DEFAULT_ELASTICITY = 0.8;

/** The log multiplier of a measure's slice over the smallest pack: elasticity x log of the slice's weight ratio. */
function measureLog(sub: Subcategory, slice: number): number {
  if (!sub.measure) return 0;
  const [low, high] = sub.weight;
  return (sub.measure.elasticity ?? DEFAULT_ELASTICITY) * (slice / MEASURES_PER_SUBCATEGORY) * Math.log(high / low);
}

/** Per subcategory, slice and pack choice, in the order of the measure pools: a multipack costs what its contents do. */
export function measurePriceLogs(subs: readonly Subcategory[]): number[] {
  return subs.flatMap((sub) => Array.from({ length: MEASURES_PER_SUBCATEGORY * PACKS_PER_MEASURE }, (_, index) => measureLog(sub, Math.floor(index / PACKS_PER_MEASURE))));
}

export interface ArchetypePrice {
  /** Log price of the archetype with the smallest pack, a value brand and no noise. */
  readonly base: number;
  /** The power its multipliers are raised to. */
  readonly scale: number;
}

/** Each archetype's base log price and scale (archetypes in subcategory order, as catalogPools.ts makes them). */
export function archetypePrices(subs: readonly Subcategory[], all: readonly Archetype[]): ArchetypePrice[] {
  const tierSpread = Math.log(TIERS[2].multiplier / TIERS[0].multiplier);
  return subs.flatMap((sub, index) => {
    const own = all.slice(index * ARCHETYPES_PER_SUBCATEGORY, (index + 1) * ARCHETYPES_PER_SUBCATEGORY);
    const nouns = Array.from({ length: NOUNS_PER_SUBCATEGORY }, (_, noun) => {
      const specs = own.filter((a) => a.noun === noun).map((a) => Math.log(a.spec));
      const least = Math.min(...specs);
      const spread = Math.max(...specs) - least + measureLog(sub, MEASURES_PER_SUBCATEGORY - 1) + tierSpread + NOISE_LOG;
      const [low, high] = sub.prices[noun] ?? sub.price;
      const range = Math.log(high / low);
      const scale = Math.min(K_MAX, range / spread);
      return { least, scale, floor: Math.log(low) + (range - scale * spread) / 2 };
    });
    return own.map((a) => {
      const noun = nouns[a.noun] ?? { least: 0, scale: 1, floor: 0 };
      return { base: noun.floor + noun.scale * (Math.log(a.spec) - noun.least), scale: noun.scale };
    });
  });
}

/**
 * Price endings by band, as shops use them: cents by share under $10 and from $10 to $100; from $100 the dollars
 * end in 9 (from $1,000 in 49 or 99) and the cents are .99 or .00 ($149.99, $1,299.00). The shares are an estimate
 * (charm prices ending in 9 dominate, then 5 and 0: Schindler & Kirby 1997, "Patterns of rightmost digits used in
 * advertised prices").
 */
export const ENDINGS: readonly { readonly below: number; readonly cents: readonly (readonly [number, number])[] }[] = [
  { below: 10, cents: [[0.99, 45], [0.49, 20], [0.79, 20], [0.29, 15]] },
  { below: 100, cents: [[0.99, 65], [0.95, 15], [0.0, 10], [0.5, 10]] },
  { below: Infinity, cents: [[0.99, 60], [0.0, 40]] },
];

/** The endings in words, by band (a price in any of the shop's currencies takes the same). */
export function describeEndings(): string {
  const band = (below: number) => (below === Infinity ? 'from 100' : below === 10 ? 'under 10' : '10-100');
  return `${ENDINGS.map((b) => `${band(b.below)} ${b.cents.map(([c, w]) => `.${c.toFixed(2).slice(2)} ${w}%`).join(', ')}`).join('; ')}, the units ending in 9 from 100 (from 1,000 in 49 or 99)`;
}

function centsSql(draw: string, cents: readonly (readonly [number, number])[]): string {
  const total = cents.reduce((sum, [, weight]) => sum + weight, 0);
  let cumulative = 0;
  const branches = cents.slice(0, -1).map(([value, weight]) => {
    cumulative += weight;
    return `WHEN ${draw} < ${Math.round((cumulative / total) * (1 << 20))} THEN ${value.toFixed(2)}`;
  });
  return `CASE ${branches.join(' ')} ELSE ${(cents[cents.length - 1]?.[0] ?? 0).toFixed(2)} END`;
}

/** The shop price as DECIMAL(18,2) from a raw price (SQL, DOUBLE) and a draw20 (SQL) for the ending. */
export function shopPriceSql(raw: string, draw: string): string {
  const [small, middle, large] = ENDINGS.map((band) => centsSql(draw, band.cents));
  return `CAST(CASE WHEN ${raw} < 10 THEN floor(${raw}) + ${small}
    WHEN ${raw} < 100 THEN floor(${raw}) + ${middle}
    WHEN ${raw} < 1000 THEN floor((${raw} + 1) / 10) * 10 - 1 + ${large}
    ELSE floor((${raw} + 1) / 50) * 50 - 1 + ${large} END AS DECIMAL(18,2))`;
}

/**
 * Gross margin by category, a range: electronics sell on thin margins, apparel and beauty on wide ones. An estimate
 * (the order follows US retail: electronics stores' gross margins are well below clothing and cosmetics stores').
 */
export const MARGINS: Readonly<Record<string, readonly [number, number]>> = {
  Electronics: [0.12, 0.3],
  'Home & Kitchen': [0.35, 0.55],
  Clothing: [0.5, 0.7],
  Beauty: [0.55, 0.75],
  'Sports & Outdoors': [0.3, 0.5],
  'Toys & Games': [0.35, 0.55],
  Books: [0.3, 0.45],
  Grocery: [0.2, 0.35],
  Automotive: [0.3, 0.5],
  'Pet Supplies': [0.3, 0.5],
};

export function marginOf(category: string): readonly [number, number] {
  const margin = MARGINS[category];
  if (!margin) throw new Error(`catalog: no margin for category ${category}`);
  return margin;
}
