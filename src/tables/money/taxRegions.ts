/**
 * Where an order's tax rate comes from: the whole country where VAT or GST is one national rate included in shelf
 * prices (GB, DE, FR, AU), the shipping state or province where sales tax is added at checkout (US, CA).
 *
 * US: state-level rates as of 1 January 2025, from the Tax Foundation's "State and Local Sales Tax Rates, 2025"
 * table (no local add-ons: they vary by county and city). Alaska, Delaware, Montana, New Hampshire and Oregon levy
 * none at state level. Canada: GST 5% plus the province's PST or QST, or its HST, from the Canada Revenue Agency's
 * GST/HST rates page; Nova Scotia's HST fell from 15% to 14% on 1 April 2025 (Nova Scotia Finance, Budget 2025-26).
 * VAT: GOV.UK (20%), § 12 UStG (19%), Code général des impôts art. 278 (20%); GST: the ATO (10%).
 */
import { LOCALES, type LocaleCode } from '../../model/locales.js';
import { CA_PROVINCES, US_STATES } from '../geography/regions.js';

export interface TaxRegion {
  readonly locale: LocaleCode;
  /** The region name as users.state and orders.shipping_state write it; null for the whole country. */
  readonly region: string | null;
  readonly rate: number;
  /** Included in shelf prices (VAT, Australian GST) rather than added at checkout (US, Canada). */
  readonly included: boolean;
  /** A later rate and the instant (UTC) it took effect, for the one region whose rate changed in the window. */
  readonly change?: { readonly rate: number; readonly from: string };
}

/** State-level sales tax by state (two-letter code), 1 January 2025. */
const US_RATES: Readonly<Record<string, number>> = {
  AL: 0.04, AK: 0, AZ: 0.056, AR: 0.065, CA: 0.0725, CO: 0.029, CT: 0.0635, DE: 0, DC: 0.06, FL: 0.06, GA: 0.04,
  HI: 0.04, ID: 0.06, IL: 0.0625, IN: 0.07, IA: 0.06, KS: 0.065, KY: 0.06, LA: 0.05, ME: 0.055, MD: 0.06,
  MA: 0.0625, MI: 0.06, MN: 0.06875, MS: 0.07, MO: 0.04225, MT: 0, NE: 0.055, NV: 0.0685, NH: 0, NJ: 0.06625,
  NM: 0.04875, NY: 0.04, NC: 0.0475, ND: 0.05, OH: 0.0575, OK: 0.045, OR: 0, PA: 0.06, RI: 0.07, SC: 0.06,
  SD: 0.042, TN: 0.07, TX: 0.0625, UT: 0.061, VT: 0.06, VA: 0.053, WA: 0.065, WV: 0.06, WI: 0.05, WY: 0.04,
};

/** GST plus PST/QST, or HST, by province (GeoNames code, as CA_PROVINCES). */
const CA_RATES: Readonly<Record<string, number>> = {
  '01': 0.05, '02': 0.12, '03': 0.12, '04': 0.15, '05': 0.15, '07': 0.15, '08': 0.13, '09': 0.15, '10': 0.14975,
  '11': 0.11, '12': 0.05, '13': 0.05, '14': 0.05,
};
/** Nova Scotia: 14% HST from 1 April 2025, midnight Atlantic time. */
const NOVA_SCOTIA = { code: '07', change: { rate: 0.14, from: '2025-04-01T04:00:00Z' } } as const;

const national = (locale: LocaleCode, rate: number): TaxRegion => ({ locale, region: null, rate, included: true });

export const TAX_REGIONS: readonly TaxRegion[] = [
  ...Object.entries(US_STATES).map(([code, name]): TaxRegion => ({ locale: 'en_US', region: name, rate: US_RATES[code] ?? NaN, included: false })),
  ...Object.entries(CA_PROVINCES).map(
    ([code, name]): TaxRegion => ({ locale: 'en_CA', region: name, rate: CA_RATES[code] ?? NaN, included: false, ...(code === NOVA_SCOTIA.code ? { change: NOVA_SCOTIA.change } : {}) }),
  ),
  national('en_GB', 0.2),
  national('de', 0.19),
  national('fr', 0.2),
  national('en_AU', 0.1),
];

for (const region of TAX_REGIONS) if (!Number.isFinite(region.rate)) throw new Error(`no tax rate for ${region.region ?? region.locale}`);

/** The index in TAX_REGIONS of a place's region: its own where tax goes by region, the country's otherwise. */
export function taxRegionIndex(locale: LocaleCode, region: string): number {
  const own = TAX_REGIONS.findIndex((r) => r.locale === locale && r.region === region);
  const index = own >= 0 ? own : TAX_REGIONS.findIndex((r) => r.locale === locale && r.region === null);
  if (index < 0) throw new Error(`no tax region for ${region} (${locale})`);
  return index;
}

/** Whether a locale's prices include its tax, in LOCALES order. */
export const TAX_INCLUDED: readonly boolean[] = LOCALES.map((l) => TAX_REGIONS.some((r) => r.locale === l.code && r.included));
