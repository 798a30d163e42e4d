/** The parts of a product name built ahead as pools (a lookup costs less than concatenating): lines and model numbers. */
import { SUBCATEGORIES } from '../catalog.js';

/** Model numbers run from MODEL_FROM to MODEL_FROM + MODEL_COUNT - 1 ("Aero 5140"). */
const MODEL_FROM = 100;
export const MODEL_COUNT = 9900;

/** The name's product line with its leading space, per subcategory; '' for books, whose names have none. */
export function nameLines(): string[] {
  return SUBCATEGORIES.flatMap((sub) => sub.adjectives.map((line) => (sub.book ? '' : ` ${line}`)));
}

/** Model numbers with their leading space, after an entry 0 of '' for subcategories without them. */
export function modelCodes(): string[] {
  return ['', ...Array.from({ length: MODEL_COUNT }, (_, index) => ` ${MODEL_FROM + index}`)];
}
