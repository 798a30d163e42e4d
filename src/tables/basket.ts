/**
 * An order's basket: its kind, how many lines it has, which products fit it, and how many units a line takes. The
 * kind and the count are drawn from the order row's own draws, so the order (aggregating its lines) and each line
 * (recomputing its order) find the same; the lines' product picks and quantities read the product they consider.
 */
import type { Choice } from '../model/columns/weighted.js';
import { weighted, weightedIndex } from '../model/columns/weighted.js';
import { draw20, below, uniform, type RandomSource } from '../model/random.js';
import { SUBCATEGORIES } from './catalog.js';

/**
 * The kinds of basket, by share of orders: most orders are one item (Olist: 1.14 items per order); some add a few
 * things; a few are stock-up runs of groceries, beauty and pet supplies shaped like Instacart's (~10 items).
 */
export const BASKET_KINDS: readonly (readonly [name: string, weight: number])[] = [
  ['single', 66],
  ['few', 27],
  ['stock_up', 7],
];
export const SINGLE = 0;
export const FEW = 1;
export const STOCK_UP = 2;

/** A few things: 2 to FEW_MOST lines, uniform. A stock-up run: STOCK_UP_LEAST lines plus an exponential number. */
export const FEW_MOST = 4;
export const STOCK_UP_LEAST = 5;
export const STOCK_UP_EXTRA_MEAN = 5;
/** The most lines of one order (a stock-up run's tail is cut there). */
export const MOST_LINES = 30;

/** Categories a stock-up run is filled from: what households buy often and in numbers. */
export const STOCK_UP_CATEGORIES: readonly string[] = ['Grocery', 'Beauty', 'Pet Supplies'];
/** Above this unit price (USD) a stock-up run takes nothing, and a basket of a few things takes it only as its first line. */
export const BIG_TICKET = 300;
/** Under this unit price (USD) a stock-up run takes anything on its last tries: a book, a phone case, car wax. */
export const SMALL_ITEM = 25;
/** Product candidates tried per line before the last is taken whether it fits or not. */
export const LINE_ATTEMPTS = 7;
/** A stock-up run's tries that take a small item too, when the ones before found nothing it stocks up on. */
export const SMALL_ITEM_TRIES = 2;

/**
 * A customer's regular products: a stock-up run's line is one of STAPLES slots of its customer (when the run kept
 * one of the customers it drew first: behaviour/regularCustomer.ts), each slot a product of the customer's own,
 * drawn by popularity among the products listed when they registered, the first of the slot's STAPLE_TRIES
 * candidates that fits the run: the same groceries, beauty and pet supplies again and again, as Instacart's baskets
 * are. A staple's key is the customer's id x STAPLE_SLOTS + the slot.
 */
export const STAPLES = 12;
export const STAPLE_SLOTS = 64;
/**
 * The tries of a line that draw a staple; a slot none of them fills is no staple, and the line's later tries are any
 * line's (a small item, then the last one drawn, whatever it is).
 */
export const STAPLE_TRIES = LINE_ATTEMPTS - 2;

/** SQL: the order's basket kind (an index of BASKET_KINDS) from the order row's draws. */
export function basketKind(order: RandomSource): string {
  return weightedIndex(draw20(order, 'basket_kind'), BASKET_KINDS);
}

/** SQL: how many lines the order has, from the order row's draws. */
export function lineCount(order: RandomSource): string {
  const run = `LEAST(${STOCK_UP_LEAST} + floor(-ln(1 - ${uniform(order, 'stock_up_lines')}) * ${STOCK_UP_EXTRA_MEAN})::BIGINT, ${MOST_LINES})`;
  return `CASE ${basketKind(order)} WHEN ${SINGLE} THEN 1 WHEN ${FEW} THEN 2 + ${below(order, 'few_lines', FEW_MOST - 1)} ELSE ${run} END`;
}

/** The mean lines per order the kinds give (a stock-up run's cut tail ignored: it is e^-5 of runs). */
export function meanLines(): number {
  const total = BASKET_KINDS.reduce((sum, [, w]) => sum + w, 0);
  const share = (kind: number) => (BASKET_KINDS[kind]?.[1] ?? 0) / total;
  return share(SINGLE) + share(FEW) * ((2 + FEW_MOST) / 2) + share(STOCK_UP) * (STOCK_UP_LEAST + STOCK_UP_EXTRA_MEAN);
}

const stockUpSubs = SUBCATEGORIES.map((sub) => STOCK_UP_CATEGORIES.includes(sub.category));

/**
 * SQL: whether a product of subcategory `sub` and price `price`, listed for sale or not (`active`), fits line `line` of
 * a basket of kind `kind`, on the line's try `attempt` (0-based; the last try is taken whatever it is). A staple
 * (`staple`: SQL, TRUE for a line drawing one) is only ever what a stock-up run stocks, never a small item.
 */
export function fitsBasket(kind: string, line: string, product: { sub: string; price: string; active: string }, attempt: number, staple: string): string {
  const { sub, price, active } = product;
  const stocked = `([${stockUpSubs.join(', ')}][${sub} + 1] AND ${price} < ${BIG_TICKET})`;
  const small = attempt >= LINE_ATTEMPTS - 1 - SMALL_ITEM_TRIES ? ` OR (NOT ${staple} AND ${price} < ${SMALL_ITEM})` : '';
  // A product of the original tool's, whose category, price and status its candidates do not give (NULL), fits any
  // basket. A product not listed for sale fits none.
  return `(coalesce(${active}, TRUE) AND coalesce(CASE ${kind} WHEN ${SINGLE} THEN TRUE
    WHEN ${FEW} THEN (${line} = 1 OR ${price} < ${BIG_TICKET})
    ELSE (${stocked}${small}) END, TRUE))`;
}

/**
 * Units per line by what the product is: groceries come several at a time, clothes one or two, anything over
 * BIG_TICKET almost always one (a pair at most), from 100 USD never more than two.
 */
export const QUANTITY_CLASSES: readonly (readonly [name: string, choices: readonly Choice[]])[] = [
  ['big ticket (from 300 USD)', [[1, 97], [2, 3]]],
  ['from 100 USD', [[1, 91], [2, 9]]],
  ['groceries', [[1, 42], [2, 24], [3, 12], [4, 9], [6, 8], [8, 3], [12, 2]]],
  ['beauty and pet supplies', [[1, 66], [2, 21], [3, 8], [4, 3], [6, 2]]],
  ['clothing', [[1, 86], [2, 14]]],
  ['other', [[1, 79], [2, 14], [3, 4], [4, 2], [5, 1]]],
];
const BY_CATEGORY: Readonly<Record<string, number>> = { Grocery: 2, Beauty: 3, 'Pet Supplies': 3, Clothing: 4 };
const subClass = SUBCATEGORIES.map((sub) => BY_CATEGORY[sub.category] ?? 5);

/** SQL: the line's quantity, from its draw and the product's subcategory and price. */
export function quantity(line: RandomSource, sub: string, price: string): string {
  const klass = `CASE WHEN ${price} >= ${BIG_TICKET} THEN 0 WHEN ${price} >= 100 THEN 1 ELSE [${subClass.join(', ')}][${sub} + 1] END`;
  const draw = draw20(line, 'quantity');
  return `CASE ${klass} ${QUANTITY_CLASSES.map(([, choices], i) => `WHEN ${i} THEN ${weighted(draw, choices)}`).join(' ')} END`;
}
