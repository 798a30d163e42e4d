import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, test } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { count, generate, query, tableSql } from './helpers/cli.js';
import { inUsd } from './helpers/inUsd.js';

/**
 * Two runs with different seeds and as-ofs, so orders (and their lines) of the second run reference users and products of both:
 * every rule must hold through recomputation from the parents' own segments.
 */
let dir = '';
let users = '';
let products = '';
let orders = '';
let items = '';
const FIRST_AS_OF = '2025-06-01T00:00:00Z';
const SECOND_AS_OF = '2026-01-01T00:00:00Z';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'synthgen-rules-'));
  const common = ['--out', 'data', '--metadata', 'metadata.json'];
  await generate(['--table-names', 'users,products,orders', '--num-rows', 'users=4000,products=1000,orders=6000', '--seed', '11', '--as-of', FIRST_AS_OF, ...common], dir);
  await generate(['--table-names', 'users,products,orders', '--num-rows', 'users=3000,products=800,orders=9000', '--seed', '12', '--as-of', SECOND_AS_OF, ...common], dir);
  const out = join(dir, 'data');
  users = await tableSql(out, 'users');
  products = await tableSql(out, 'products');
  orders = await tableSql(out, 'orders');
  items = await tableSql(out, 'order_items');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function violations(sql: string): Promise<number> {
  return count(await query(`SELECT count(*) AS n FROM ${sql}`));
}

describe('cross-table rules', () => {
  test('a line’s unit_price is the referenced product’s price: its list price in USD, near it at the ECB rate elsewhere, one per currency', async () => {
    expect(await violations(`${items} i JOIN ${products} p USING (product_id) WHERE i.currency = 'USD' AND i.unit_price <> p.price`)).toBe(0);
    expect(await violations(`${items} i JOIN ${products} p USING (product_id) WHERE abs(${inUsd('i.unit_price', 'i.currency')} - p.price) > greatest(1.5, 0.12 * p.price)`)).toBe(0);
    expect(await violations(`(SELECT product_id, currency FROM ${items} GROUP BY ALL HAVING count(DISTINCT unit_price) > 1)`)).toBe(0);
    expect(await violations(`${items} i JOIN ${orders} o USING (order_id) WHERE i.currency IS DISTINCT FROM o.currency`)).toBe(0);
  });

  test('orders are placed after the user registered and the product was listed, and not after as-of', async () => {
    expect(await violations(`${orders} o JOIN ${users} u USING (user_id) WHERE o.order_date < u.registration_date`)).toBe(0);
    expect(await violations(`${items} i JOIN ${orders} o USING (order_id) JOIN ${products} p ON p.product_id = i.product_id WHERE o.order_date < p.created_at`)).toBe(0);
    expect(await violations(`${orders} WHERE order_id <= 6000 AND order_date > TIMESTAMPTZ '${FIRST_AS_OF}'`)).toBe(0);
    expect(await violations(`${orders} WHERE order_date > TIMESTAMPTZ '${SECOND_AS_OF}'`)).toBe(0);
  });

  test('orders ship to the user’s country', async () => {
    expect(await violations(`${orders} o JOIN ${users} u USING (user_id) WHERE o.shipping_country <> u.country`)).toBe(0);
    const same = await query(
      `SELECT avg(CASE WHEN o.shipping_street_address = u.street_address AND o.shipping_postal_code = u.postal_code THEN 1 ELSE 0 END) AS share FROM ${orders} o JOIN ${users} u USING (user_id)`,
    );
    expect(Number(same[0]?.share)).toBeGreaterThan(0.8);
  });

  test('money adds up exactly', async () => {
    // VAT and GST are inside the subtotal in GB, DE, FR and AU; sales tax is added on top in the US and Canada.
    const added = `shipping_country IN ('United States', 'Canada')`;
    expect(await violations(`${orders} WHERE total_amount <> subtotal + CASE WHEN ${added} THEN tax_amount ELSE 0 END + shipping_cost - discount_amount`)).toBe(0);
    expect(await violations(`${orders} WHERE NOT ${added} AND tax_amount > 0 AND total_amount = subtotal + tax_amount + shipping_cost - discount_amount`)).toBe(0);
    expect(await violations(`${orders} WHERE total_amount < 0 OR discount_amount < 0`)).toBe(0);
    expect(await violations(`${items} WHERE line_amount <> unit_price * quantity - line_discount`)).toBe(0);
    expect(await violations(`${orders} o LEFT JOIN (SELECT order_id, sum(line_amount) AS s FROM ${items} GROUP BY 1) USING (order_id) WHERE s IS NULL OR o.subtotal <> s`)).toBe(0);
    expect(await violations(`${products} WHERE NOT (0 < cost AND cost < price)`)).toBe(0);
    const types = await query(`SELECT typeof(total_amount) AS t, typeof(price) AS p FROM ${orders}, ${products} LIMIT 1`);
    expect(types[0]).toEqual({ t: 'DECIMAL(12,2)', p: 'DECIMAL(12,2)' });
  });

  test('order status agrees with the dates', async () => {
    expect(await violations(`${orders} WHERE NOT (order_date <= coalesce(shipped_date, order_date) AND coalesce(shipped_date, order_date) <= coalesce(delivered_date, shipped_date, order_date))`)).toBe(0);
    expect(await violations(`${orders} WHERE order_status IN ('delivered', 'returned') AND (shipped_date IS NULL OR delivered_date IS NULL)`)).toBe(0);
    expect(await violations(`${orders} WHERE order_status = 'shipped' AND (shipped_date IS NULL OR delivered_date IS NOT NULL)`)).toBe(0);
    expect(await violations(`${orders} WHERE order_status IN ('pending', 'processing', 'cancelled') AND (shipped_date IS NOT NULL OR delivered_date IS NOT NULL)`)).toBe(0);
    expect(await violations(`${orders} WHERE (order_status = 'shipped') <> (tracking_number IS NOT NULL AND delivered_date IS NULL)`)).toBe(0);
    expect(await violations(`${orders} WHERE delivered_date > TIMESTAMPTZ '${SECOND_AS_OF}' OR shipped_date > TIMESTAMPTZ '${SECOND_AS_OF}'`)).toBe(0);
    const statuses = await query(`SELECT count(DISTINCT order_status) AS n FROM ${orders}`);
    expect(count(statuses)).toBeGreaterThanOrEqual(5);
  });

  test('user timelines hold: adult at registration, last_login between registration and as-of', async () => {
    expect(await violations(`${users} WHERE date_of_birth > (registration_date - INTERVAL 18 YEAR)::DATE`)).toBe(0);
    expect(await violations(`${users} WHERE last_login < registration_date OR last_login > TIMESTAMPTZ '${SECOND_AS_OF}'`)).toBe(0);
    expect(await violations(`${users} WHERE updated_at < last_login OR updated_at > TIMESTAMPTZ '${SECOND_AS_OF}'`)).toBe(0);
    expect(await violations(`${users} WHERE user_id <= 4000 AND registration_date > TIMESTAMPTZ '${FIRST_AS_OF}'`)).toBe(0);
  });

  test('unique business keys: email, sku, order_number', async () => {
    for (const [table, key] of [[users, 'email'], [products, 'sku'], [orders, 'order_number']] as const) {
      const rows = await query(`SELECT count(*) - count(DISTINCT ${key}) AS n FROM ${table}`);
      expect(count(rows)).toBe(0);
    }
  });

  test('timestamps are UTC TIMESTAMPTZ and dates are DATE', async () => {
    const rows = await query(`SELECT typeof(registration_date) AS r, typeof(date_of_birth) AS d FROM ${users} LIMIT 1`);
    expect(rows[0]).toEqual({ r: 'TIMESTAMP WITH TIME ZONE', d: 'DATE' });
    const ordersTypes = await query(`SELECT typeof(order_date) AS o, typeof(estimated_delivery_date) AS e FROM ${orders} LIMIT 1`);
    expect(ordersTypes[0]).toEqual({ o: 'TIMESTAMP WITH TIME ZONE', e: 'DATE' });
  });
});
