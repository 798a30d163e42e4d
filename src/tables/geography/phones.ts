/**
 * Phone number blocks, checked against libphonenumber-js's full metadata when the pools are built. A block is a
 * national number without its last PHONE_FREE_DIGITS digits: the SQL appends those digits per row, so every block
 * must be valid (and of the wanted type) whatever they are. Pools are built in the coordinator only; this module is
 * loaded lazily with them.
 */
import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';

import { PHONE_FREE_DIGITS } from './phoneDigits.js';

const FREE = 10 ** PHONE_FREE_DIGITS;
const SAMPLES = [0, FREE - 1, 50505, 12345, 87654, 31415, 99000, 1000];
const LANDLINE: readonly NumberType[] = ['FIXED_LINE', 'FIXED_LINE_OR_MOBILE'];
const MOBILE: readonly NumberType[] = ['MOBILE'];

export type Draw = () => number;

function blockIsValid(country: CountryCode, block: string, types: readonly NumberType[]): boolean {
  return SAMPLES.every((tail) => {
    const number = parsePhoneNumberFromString(`${block}${String(tail).padStart(PHONE_FREE_DIGITS, '0')}`, country);
    const type = number?.getType();
    // The country too: some UK ranges (07624, 07781, ...) are the Isle of Man's and the Channel Islands'.
    return number !== undefined && number.isValid() && number.country === country && type !== undefined && types.includes(type);
  });
}

/**
 * Up to `count` distinct valid blocks starting with `lead`, of total national lengths `lengths` (tried in order),
 * the digits after the lead drawn from `draw`. Throws when none is found: the lead is not a real range.
 */
function blocks(country: CountryCode, lead: string, lengths: readonly number[], types: readonly NumberType[], count: number, draw: Draw): number[] {
  const found = new Set<string>();
  for (const length of lengths) {
    const fill = length - PHONE_FREE_DIGITS - lead.length;
    if (fill < 0) continue;
    for (let attempt = 0; attempt < count * 20 && found.size < count; attempt += 1) {
      const digits = Array.from({ length: fill }, (_, i) => (i === 0 && (country === 'US' || country === 'CA') ? 2 + Math.floor(draw() * 8) : Math.floor(draw() * 10)));
      const block = lead + digits.join('');
      if (!found.has(block) && blockIsValid(country, block, types)) found.add(block);
    }
    if (found.size > 0) break;
  }
  if (found.size === 0) throw new Error(`no valid ${types.join('/')} phone block for ${country} ${lead}`);
  return [...found].map(Number);
}

const landlineCache = new Map<string, number[]>();

/** Landline blocks of an area: NANP area code, UK/DE area code, AU or FR trunk digit (no trunk 0). */
export function landlineBlocks(country: CountryCode, area: number, draw: Draw): number[] {
  const key = `${country}${area}`;
  let cached = landlineCache.get(key);
  if (!cached) {
    // NANP: area code, an exchange 2-9xx; UK: 10 national digits; DE: 10 or 11; FR and AU: 9.
    const lengths = country === 'US' || country === 'CA' || country === 'GB' ? [10] : country === 'DE' ? [10, 11] : [9];
    cached = blocks(country, String(area), lengths, LANDLINE, 8, draw);
    landlineCache.set(key, cached);
  }
  return cached;
}

/** Mobile ranges by country (national significant numbers): UK 07, German 015-017, French 06/07, Australian 04. */
const MOBILE_LEADS: Partial<Record<CountryCode, readonly [string, number][]>> = {
  GB: [['7', 10]],
  DE: [['15', 11], ['16', 11], ['17', 11]],
  FR: [['6', 9], ['7', 9]],
  AU: [['4', 9]],
};

/** `count` mobile blocks of a country, or an empty list where mobiles are not a range of their own (NANP). */
export function mobileBlocks(country: CountryCode, count: number, draw: Draw): number[] {
  const leads = MOBILE_LEADS[country];
  if (!leads) return [];
  const result: number[] = [];
  for (const [index, [lead, length]] of leads.entries()) {
    const share = Math.ceil(((index + 1) * count) / leads.length) - result.length;
    result.push(...blocks(country, lead, [length], MOBILE, share, draw));
  }
  return result.slice(0, count);
}
