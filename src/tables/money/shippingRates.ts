/**
 * What a shop charges for delivery, per country in its currency: a standard-parcel rate card by weight (a price for
 * the first kilogram, a rate per further kilogram up to 30 kg, a lower freight rate per kilogram beyond, as
 * carriers' parcel and pallet services do), other methods as multiples of it, and free standard delivery from a
 * basket value, for parcels up to FREE_SHIPPING_MAX_KG (heavy and bulky goods always pay, as at Amazon and most
 * large shops).
 *
 * The cards are estimates shaped on each country's carriers' 2025 public retail prices, not copies of one: USPS
 * Ground Advantage and UPS Ground (US), Royal Mail and Parcelforce (GB), DHL Paket (DE: 6.19 EUR to 2 kg, 10.49 to
 * 10 kg, 19.99 to 31.5 kg), Colissimo (FR), Canada Post Regular Parcel (CA), Australia Post Parcel Post (AU), with
 * shops charging somewhat less than retail for light parcels. Thresholds are the round figures large shops in each
 * country use (estimates).
 */
import type { LocaleCode } from '../../model/locales.js';

export interface RateCard {
  /** Standard delivery of a parcel up to 1 kg. */
  readonly firstKg: number;
  /** Each further kilogram (rounded up) up to 30 kg. */
  readonly perKg: number;
  /** Each kilogram beyond 30 kg (freight). */
  readonly perKgFreight: number;
  /** Standard delivery is free from this basket value (goods, before discounts). */
  readonly freeFrom: number;
}

export const PARCEL_MAX_KG = 30;
export const FREE_SHIPPING_MAX_KG = 20;

export const RATE_CARDS: Readonly<Record<LocaleCode, RateCard>> = {
  en_US: { firstKg: 7.49, perKg: 1.9, perKgFreight: 0.8, freeFrom: 50 },
  en_GB: { firstKg: 3.99, perKg: 1.1, perKgFreight: 0.55, freeFrom: 40 },
  de: { firstKg: 4.99, perKg: 0.55, perKgFreight: 0.4, freeFrom: 50 },
  fr: { firstKg: 5.99, perKg: 0.95, perKgFreight: 0.5, freeFrom: 50 },
  en_CA: { firstKg: 11.99, perKg: 2.4, perKgFreight: 1.1, freeFrom: 75 },
  en_AU: { firstKg: 9.95, perKg: 1.9, perKgFreight: 0.95, freeFrom: 99 },
};

/** Each method's fee as a multiple of standard's (couriers' express and overnight services cost 2-4x ground). */
export const METHOD_FACTORS: Readonly<Record<string, number>> = {
  standard: 1,
  express: 2.2,
  economy: 0.7,
  next_day: 3.5,
  store_pickup: 0,
};
