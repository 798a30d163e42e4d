/**
 * The report's late deliveries: of the orders delivered (returned ones too), the share that came on a later day than
 * estimated_delivery_date, an earlier one, or that day; overall and per shipping_method. The promised date is a day
 * in the destination's calendar, so delivered_date is taken on the destination's clock (its country's standard offset,
 * as synthgen's orders place deliveries and test/realism-delivery.test.ts measures them): on the UTC clock an evening
 * delivery in the Americas falls on the next day and counts as late. Without the offsets (ShopTables.destinations) or
 * the orders' shipping_country, the UTC day is all there is, and the JSON says so (`clock`).
 */
import { quotedString } from '../model/sql.js';
import type { Deliveries, DeliveryTimes, ShopTables } from './reportData.js';
import { type ReportDatabase, type Row, numberOf } from './reportDatabase.js';

type Destinations = NonNullable<ShopTables['destinations']>;

/** shipping_country -> minutes from UTC, as a relation to join orders to. */
function offsetsRelation(destinations: Destinations): string {
  const rows = destinations.map((d) => `(${quotedString(d.country)}, ${Math.round(d.utcOffset * 60)})`);
  return `(VALUES ${rows.join(', ')}) AS destination_offsets(destination, offset_minutes)`;
}

function timesOf(row: Row): DeliveryTimes {
  const delivered = numberOf(row.delivered);
  const share = (n: number) => (delivered ? n / delivered : 0);
  const late = numberOf(row.late);
  const early = numberOf(row.early);
  return { delivered, late: share(late), early: share(early), onTime: share(delivered - late - early) };
}

/** Deliveries against the promised day; null when the orders lack the dates or none was delivered. */
export async function deliveriesOf(db: ReportDatabase, destinations: Destinations): Promise<Deliveries | null> {
  if (db.missing('orders', ['delivered_date', 'estimated_delivery_date'])) return null;
  const local = destinations.length > 0 && !db.missing('orders', ['shipping_country']);
  const byMethod = !db.missing('orders', ['shipping_method']);
  const day = local ? '(o.delivered_date + to_minutes(coalesce(destination_offsets.offset_minutes, 0)))::DATE' : 'o.delivered_date::DATE';
  const joined = local ? `LEFT JOIN ${offsetsRelation(destinations)} ON o.shipping_country = destination_offsets.destination` : '';
  const unzoned = local ? 'destination_offsets.offset_minutes IS NULL' : 'true';
  const method = byMethod ? 'o.shipping_method' : 'NULL::VARCHAR';
  // One scan: the total (grouping 1) and each method (grouping 0; a NULL method is a group of its own).
  const rows = await db.rows(`
    WITH delivered AS (
      SELECT ${method} AS method, ${day} AS day, o.estimated_delivery_date::DATE AS promised, ${unzoned} AS unzoned
      FROM orders AS o ${joined} WHERE o.delivered_date IS NOT NULL AND o.estimated_delivery_date IS NOT NULL)
    SELECT method, grouping(method) AS total, count(*)::DOUBLE AS delivered, count(*) FILTER (WHERE day > promised)::DOUBLE AS late,
      count(*) FILTER (WHERE day < promised)::DOUBLE AS early, count(*) FILTER (WHERE unzoned)::DOUBLE AS unzoned
    FROM delivered GROUP BY GROUPING SETS ((method), ())`);
  const total = rows.find((row) => numberOf(row.total) === 1);
  if (!total || numberOf(total.delivered) === 0) return null;
  const methods = rows
    .filter((row) => numberOf(row.total) === 0)
    .map((row) => ({ method: row.method === null || row.method === undefined ? null : String(row.method), ...timesOf(row) }))
    .sort((a, b) => b.late - a.late || String(a.method).localeCompare(String(b.method)));
  return {
    ...timesOf(total),
    clock: local ? 'local' : 'utc',
    withoutOffset: local ? numberOf(total.unzoned) : 0,
    byMethod: byMethod ? methods : null,
  };
}
