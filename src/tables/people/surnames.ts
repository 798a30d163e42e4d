/**
 * The most common family names of each locale with their published (or estimated) share of the population, in
 * percent: the head of each locale's surname lottery (nameLottery.ts). The tail, the rest of the share, is filled
 * from the US Census ranks 41-1000 (censusTail.ts) and faker's name lists of the languages people there descend from. Sources: docs/data-sources.md.
 */
import type { LocaleCode } from '../../model/locales.js';

export type Shares = readonly (readonly [name: string, percent: number])[];

/** US Census Bureau, 2010 Census surname file: occurrences per 100,000 people / 1000. */
const US: Shares = [
  ['Smith', 0.828], ['Johnson', 0.655], ['Williams', 0.551], ['Brown', 0.487], ['Jones', 0.483],
  ['Garcia', 0.406], ['Miller', 0.402], ['Davis', 0.392], ['Rodriguez', 0.381], ['Martinez', 0.370],
  ['Hernandez', 0.366], ['Lopez', 0.299], ['Gonzalez', 0.288], ['Wilson', 0.277], ['Anderson', 0.274],
  ['Thomas', 0.272], ['Taylor', 0.259], ['Moore', 0.242], ['Jackson', 0.239], ['Martin', 0.237],
  ['Lee', 0.233], ['Perez', 0.223], ['Thompson', 0.221], ['White', 0.216], ['Harris', 0.199],
  ['Sanchez', 0.194], ['Clark', 0.177], ['Ramirez', 0.175], ['Lewis', 0.167], ['Robinson', 0.164],
  ['Walker', 0.162], ['Young', 0.158], ['Allen', 0.157], ['King', 0.154], ['Wright', 0.153],
  ['Scott', 0.146], ['Torres', 0.145], ['Nguyen', 0.144], ['Hill', 0.142], ['Flores', 0.142],
];

/** Office for National Statistics surname counts (2002 NHS register, as published by the Guardian); estimate. */
const GB: Shares = [
  ['Smith', 1.15], ['Jones', 0.85], ['Williams', 0.65], ['Taylor', 0.58], ['Brown', 0.55],
  ['Davies', 0.50], ['Evans', 0.40], ['Wilson', 0.36], ['Thomas', 0.35], ['Johnson', 0.34],
  ['Roberts', 0.34], ['Robinson', 0.31], ['Thompson', 0.30], ['Wright', 0.30], ['Walker', 0.29],
  ['White', 0.28], ['Edwards', 0.27], ['Hughes', 0.27], ['Green', 0.26], ['Hall', 0.26],
  ['Lewis', 0.26], ['Harris', 0.25], ['Clarke', 0.24], ['Patel', 0.24], ['Jackson', 0.23],
  ['Wood', 0.23], ['Turner', 0.21], ['Martin', 0.21], ['Cooper', 0.21], ['Hill', 0.20],
];

/** Telephone-directory counts (Deutsche Telekom, as listed by the GfdS and Wikipedia) scaled to people; estimate. */
const DE: Shares = [
  ['Müller', 0.85], ['Schmidt', 0.60], ['Schneider', 0.37], ['Fischer', 0.33], ['Weber', 0.29],
  ['Meyer', 0.28], ['Wagner', 0.27], ['Becker', 0.24], ['Schulz', 0.24], ['Hoffmann', 0.23],
  ['Schäfer', 0.19], ['Koch', 0.18], ['Bauer', 0.18], ['Richter', 0.17], ['Klein', 0.17],
  ['Wolf', 0.16], ['Schröder', 0.15], ['Neumann', 0.15], ['Schwarz', 0.14], ['Zimmermann', 0.14],
  ['Braun', 0.13], ['Krüger', 0.13], ['Hofmann', 0.13], ['Hartmann', 0.13], ['Lange', 0.12],
  ['Schmitt', 0.12], ['Werner', 0.12], ['Schmitz', 0.12], ['Krause', 0.12], ['Meier', 0.11],
];

/** INSEE, fichier des noms de famille (births 1891-1990, as published by Géopatronyme); estimate. */
const FR: Shares = [
  ['Martin', 0.39], ['Bernard', 0.17], ['Thomas', 0.15], ['Petit', 0.15], ['Robert', 0.15],
  ['Richard', 0.15], ['Durand', 0.14], ['Dubois', 0.14], ['Moreau', 0.13], ['Laurent', 0.13],
  ['Simon', 0.13], ['Michel', 0.13], ['Lefebvre', 0.12], ['Leroy', 0.12], ['Roux', 0.11],
  ['David', 0.11], ['Bertrand', 0.11], ['Morel', 0.11], ['Fournier', 0.10], ['Girard', 0.10],
  ['Bonnet', 0.10], ['Dupont', 0.10], ['Lambert', 0.10], ['Fontaine', 0.09], ['Rousseau', 0.09],
  ['Vincent', 0.09], ['Muller', 0.09], ['Lefèvre', 0.09], ['Faure', 0.09], ['André', 0.09],
];

/** Canada: commonly cited ranking (English and French Canada together); shares are an estimate. */
const CA: Shares = [
  ['Smith', 0.62], ['Brown', 0.48], ['Tremblay', 0.45], ['Martin', 0.40], ['Roy', 0.39],
  ['Wilson', 0.35], ['MacDonald', 0.34], ['Gagnon', 0.33], ['Johnson', 0.30], ['Taylor', 0.30],
  ['Campbell', 0.28], ['Anderson', 0.27], ['Lee', 0.27], ['Leblanc', 0.25], ['Jones', 0.25],
  ['Williams', 0.25], ['Côté', 0.24], ['Thompson', 0.23], ['Bouchard', 0.22], ['White', 0.21],
];

/** Australia: commonly cited ranking from public directories; shares are an estimate. */
const AU: Shares = [
  ['Smith', 0.75], ['Jones', 0.45], ['Williams', 0.42], ['Brown', 0.41], ['Wilson', 0.37],
  ['Taylor', 0.35], ['Johnson', 0.27], ['White', 0.26], ['Martin', 0.26], ['Anderson', 0.25],
  ['Thompson', 0.25], ['Nguyen', 0.24], ['Thomas', 0.23], ['Walker', 0.22], ['Harris', 0.21],
  ['Lee', 0.21], ['Ryan', 0.20], ['Robinson', 0.19], ['Kelly', 0.19], ['King', 0.18],
];

export const SURNAMES: Record<LocaleCode, Shares> = { en_US: US, en_GB: GB, de: DE, fr: FR, en_CA: CA, en_AU: AU };

/**
 * Where each locale's tail comes from: faker locales and their weight in the tail, roughly the origins of the
 * country's family names (English, Hispanic, German, Italian, Polish in the US; Turkish and Polish in Germany...).
 */
export const SURNAME_TAILS: Record<LocaleCode, readonly (readonly [source: string, weight: number])[]> = {
  en_US: [['census', 60], ['es_MX', 12], ['de', 10], ['it', 10], ['pl', 5], ['nl', 2], ['sv', 1]],
  en_GB: [['census', 65], ['en', 10], ['pl', 8], ['it', 6], ['de', 6], ['fr', 5]],
  de: [['de', 82], ['tr', 8], ['pl', 6], ['it', 4]],
  fr: [['insee', 30], ['fr', 25], ['fr_CH', 15], ['it', 10], ['es', 8], ['pt_PT', 7], ['de', 5]],
  en_CA: [['census', 50], ['fr', 16], ['fr_CH', 10], ['en', 7], ['it', 6], ['de', 6], ['pl', 5]],
  en_AU: [['census', 45], ['en_AU', 25], ['it', 10], ['en', 8], ['nl', 6], ['de', 6]],
};
