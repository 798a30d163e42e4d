/**
 * Landline area codes by region, where numbering plans follow regions. No npm package maps area codes to regions
 * (libphonenumber-js validates numbers but leaves out the geocoder), so these small tables are typed in from the
 * plans' public lists: NANPA's area codes by state and province (nationalnanpa.com, "NPA codes by location"; the
 * largest first, so region = area codes[0..n) is a fair pick), ACMA's Australian numbering plan (02 NSW/ACT, 03
 * VIC/TAS, 07 QLD, 08 SA/WA/NT), ARCEP's French zones (01 Île-de-France, 02 north-west, 03 north-east, 04
 * south-east, 05 south-west, by département), and Bundesnetzagentur and Ofcom area codes for the cities in
 * curatedCities.ts. Every number built on them is checked with libphonenumber-js when the pools are built.
 */

/** NANP area codes by US state (postal abbreviation) and Canadian province (GeoNames code in CA_PROVINCES). */
export const NANP_AREA_CODES: Record<string, readonly number[]> = {
  AL: [205, 251, 256, 334], AK: [907], AZ: [480, 520, 602, 623, 928], AR: [479, 501, 870],
  CA: [213, 310, 323, 408, 415, 510, 619, 626, 714, 818, 909, 916, 949, 951, 209, 530, 559, 562, 650, 661, 707, 760, 805, 831, 858, 925],
  CO: [303, 719, 720, 970], CT: [203, 860], DE: [302], DC: [202],
  FL: [305, 407, 813, 954, 561, 727, 904, 321, 352, 386, 772, 786, 850, 863, 941],
  GA: [404, 678, 770, 470, 706, 229, 478, 912], HI: [808], ID: [208],
  IL: [312, 773, 847, 630, 708, 224, 217, 309, 618, 815], IN: [317, 219, 260, 574, 765, 812],
  IA: [515, 319, 563, 641, 712], KS: [316, 913, 620, 785], KY: [502, 859, 270, 606], LA: [504, 225, 318, 337, 985],
  ME: [207], MD: [410, 301, 443, 240], MA: [617, 508, 781, 978, 413, 339, 774, 857],
  MI: [313, 248, 586, 734, 616, 517, 269, 231, 810, 989, 906], MN: [612, 651, 763, 952, 218, 320, 507],
  MS: [601, 228, 662], MO: [314, 816, 636, 417, 573, 660], MT: [406], NE: [402, 308], NV: [702, 775], NH: [603],
  NJ: [201, 973, 732, 908, 609, 856], NM: [505, 575],
  NY: [212, 718, 917, 347, 646, 516, 631, 914, 845, 716, 585, 315, 518, 607],
  NC: [704, 919, 336, 980, 910, 252, 828], ND: [701], OH: [216, 614, 513, 330, 419, 440, 937, 740, 234],
  OK: [405, 918, 580], OR: [503, 971, 541], PA: [215, 412, 267, 610, 484, 717, 570, 724, 814],
  RI: [401], SC: [803, 843, 864], SD: [605], TN: [615, 901, 865, 423, 731, 931],
  TX: [214, 713, 281, 832, 512, 210, 817, 972, 469, 915, 254, 361, 409, 432, 806, 830, 903, 936, 940, 956, 979, 325],
  UT: [801, 385, 435], VT: [802], VA: [703, 571, 757, 804, 540, 434, 276], WA: [206, 425, 253, 360, 509],
  WV: [304], WI: [414, 262, 608, 920, 715], WY: [307],
  '01': [403, 780, 587, 825], '02': [604, 778, 250, 236], '03': [204, 431], '04': [506], '05': [709],
  '07': [902, 782], '08': [416, 647, 905, 289, 613, 519, 226, 705, 343, 249, 807, 437], '09': [902, 782],
  '10': [514, 438, 450, 418, 819, 579, 581, 873], '11': [306, 639], '12': [867], '13': [867], '14': [867],
};

/** The Australian trunk area digit by state abbreviation. */
export const AU_AREA: Record<string, number> = { NSW: 2, ACT: 2, VIC: 3, TAS: 3, QLD: 7, SA: 8, WA: 8, NT: 8 };

/** French zones 02-05 by département outside Île-de-France (zone 01); Occitanie spans 04 (Languedoc) and 05. */
const FR_ZONE_BY_DEPARTEMENT: Record<string, number> = {};
for (const [zone, departements] of [
  [2, '14 18 22 27 28 29 35 36 37 41 44 45 49 50 53 56 61 72 76 85'],
  [3, '02 08 10 21 25 39 51 52 54 55 57 58 59 60 62 67 68 70 71 80 88 89 90'],
  [4, '01 03 04 05 06 07 11 13 15 20 26 30 34 38 42 43 48 63 66 69 73 74 83 84'],
  [5, '09 12 16 17 19 23 24 31 32 33 40 46 47 64 65 79 81 82 86 87'],
] as const) {
  for (const departement of departements.split(' ')) FR_ZONE_BY_DEPARTEMENT[departement] = zone;
}

export function frenchZone(departement: string): number {
  return FR_ZONE_BY_DEPARTEMENT[departement] ?? 1;
}
