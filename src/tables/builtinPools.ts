/**
 * The built-in tables' pools, as definitions: name, type, and a builder that loads faker (pools.ts) only when a
 * pool must be built, since importing faker's locale data alone takes ~0.3 s and the disk cache usually has them.
 */
import { definePool } from '../model/defineTable.js';
import type { PoolDefinition } from '../model/tableDefinition.js';

function builtin(name: string, type: PoolDefinition['type']): PoolDefinition {
  return definePool({ name, type, build: async () => (await import('./pools.js')).buildPool(name) });
}

const text = (name: string) => builtin(name, 'text');
const number = (name: string) => builtin(name, 'number');

export const POOL = {
  registration_locale: number('registration_locale'),
  order_acceptance: number('order_acceptance'),
  shipping_lottery: number('shipping_lottery'),
  payment_lottery: number('payment_lottery'),
  subcategory_lottery: number('subcategory_lottery'),
  subcategory_name: text('subcategory_name'),
  subcategory_category: text('subcategory_category'),
  subcategory_min_weight: number('subcategory_min_weight'),
  subcategory_max_weight: number('subcategory_max_weight'),
  subcategory_size: text('subcategory_size'),
  subcategory_adjective: text('subcategory_adjective'),
  subcategory_color: text('subcategory_color'),
  archetype_name: text('archetype_name'),
  archetype_material: text('archetype_material'),
  archetype_before: text('archetype_before'),
  archetype_after: text('archetype_after'),
  measure_text: text('measure_text'),
  measure_name: text('measure_name'),
  // Order lines' promotions by day (money/promotions.ts).
  promotion_share: number('promotion_share'),
  promotion_event: number('promotion_event'),
  // The catalogue's prices and book titles (issue 26).
  archetype_price_base: number('archetype_price_base'),
  archetype_price_scale: number('archetype_price_scale'),
  measure_price_log: number('measure_price_log'),
  book_title: text('book_title'),
  color_suffix: text('color_suffix'),
  color_sentence: text('color_sentence'),
  name_line: text('name_line'),
  model_code: text('model_code'),
  archetype_min_weight: number('archetype_min_weight'),
  archetype_max_weight: number('archetype_max_weight'),
  address_city: text('address_city'),
  address_state: text('address_state'),
  address_postcode: text('address_postcode'),
  address_landline: number('address_landline'),
  phone_mobile: number('phone_mobile'),
  // People (users): see people/peoplePools.ts for the layouts.
  first_name: text('first_name'),
  first_name_email: text('first_name_email'),
  first_name_rank: number('first_name_rank'),
  last_name: text('last_name'),
  last_name_email: text('last_name_email'),
  last_name_rank: number('last_name_rank'),
  last_name_initial: text('last_name_initial'),
  email_domain: text('email_domain'),
  email_domain_id: number('email_domain_id'),
  email_domain_shared: number('email_domain_shared'),
  age_band: number('age_band'),
  street_name: text('street_name'),
  brand: text('brand'),
  supplier: text('supplier'),
  order_note: text('order_note'),
  // Money (issue 26): the TAX_REGIONS index of each address slot.
  address_tax_region: number('address_tax_region'),
} as const;

/** Every built-in pool: their values are cached on disk under the package's hash (see schema/poolValues.ts). */
export const BUILTIN_POOLS: ReadonlySet<PoolDefinition> = new Set(Object.values(POOL));
