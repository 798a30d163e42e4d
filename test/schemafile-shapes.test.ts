/**
 * What a schema file asks of its generators is what the files hold, measured with SQL over 200,000 generated rows:
 * weights, probabilities, null rates, each distribution's mean or median, spans, list lengths, a faker pool's size,
 * the arrivals calendar, time rising with the key, and how a ref's skew concentrates children on a few parents.
 * The figures are docs/schema.md's and docs/tables-from-schema-files.md's.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { AS_OF, generate, query, tableSql, withTempDir } from './helpers/cli.js';

const SHAPES = `tables:
  shops:
    key: shop_id
    columns:
      shop_id: { key: true }
  regions:
    key: region_id
    columns:
      region_id: { key: true }
  sales:
    key: sale_id
    arrivals: { hours: [1,1,1,1,1,1,1,1,1,4,4,4,4,4,4,4,4,1,1,1,1,1,1,1], weekdays: [1,1,1,1,1,3,3] }
    columns:
      sale_id: { key: true }
      shop_id: { ref: { table: shops, skew: 3 } }
      region_id: { ref: { table: regions, skew: 1 } }
      created_at: { timestamp: { created: true } }
      plan: { choice: { free: 60, pro: 30, enterprise: 10 } }
      paid: { bool: 0.7 }
      note: { faker: { method: lorem.word, pool: 500 }, null_rate: 0.2 }
      uniform_n: { int: { min: 1, max: 10 } }
      normal_x: { double: { min: 0, max: 100, distribution: normal, mean: 40, sd: 10 } }
      lognormal_x: { double: { min: 0, max: 100000, distribution: lognormal, mean: 50, sd: 50 } }
      exp_x: { double: { min: 0, max: 1000, distribution: exponential, mean: 20 } }
      zipf_n: { int: { min: 1, max: 100, distribution: zipf, s: 1.2 } }
      pareto_x: { double: { min: 1, max: 1000, distribution: pareto, alpha: 1.5 } }
      amount: { decimal: { min: 1, max: 500, distribution: lognormal, mean: 40, precision: 10, scale: 2 } }
      shipped_at: { timestamp: { after: created_at, span: { min: 1h, max: 5d, distribution: exponential, mean: 1d } } }
      recent_at: { timestamp: { between: [as_of - 30d, as_of] } }
      tags: { list: { of: { choice: [a, b, c] }, min: 1, max: 4 } }
`;

const ROWS = 200_000;

test('the generators give the shapes asked for, measured over the files', { timeout: 120_000 }, async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'shapes.yaml'), SHAPES);
    await generate(['--schema', 'shapes.yaml', '--table-names', 'shops,regions,sales', '--num-rows', `shops=2000,regions=2000,sales=${ROWS}`, '--seed', '3', '--as-of', AS_OF], dir);
    const sales = await tableSql(join(dir, 'data'), 'sales');
    const [m = {}] = await query(`SELECT count(*) AS n,
        avg((plan = 'free')::INT) AS free, avg((plan = 'pro')::INT) AS pro, avg(paid::INT) AS paid,
        avg((note IS NULL)::INT) AS nulls, count(DISTINCT note) AS notes,
        avg(uniform_n) AS uniform_mean, min(uniform_n) AS uniform_lo, max(uniform_n) AS uniform_hi,
        avg(normal_x) AS normal_mean, stddev(normal_x) AS normal_sd, avg(lognormal_x) AS lognormal_mean,
        avg(exp_x) AS exponential_mean, avg((zipf_n = 1)::INT) AS zipf_1, avg((zipf_n = 2)::INT) AS zipf_2,
        median(pareto_x) AS pareto_median, min(pareto_x) AS pareto_lo,
        min(amount) AS amount_lo, max(amount) AS amount_hi, avg(amount) AS amount_mean,
        max(epoch(shipped_at) - epoch(created_at)) / 86400 AS span_hi, avg(epoch(shipped_at) - epoch(created_at)) / 86400 AS span_mean,
        count(*) FILTER (WHERE shipped_at < created_at + INTERVAL 1 HOUR AND shipped_at < TIMESTAMPTZ '${AS_OF}') AS span_short,
        count(*) FILTER (WHERE recent_at < TIMESTAMPTZ '${AS_OF}' - INTERVAL 30 DAY OR recent_at > TIMESTAMPTZ '${AS_OF}') AS recent_outside,
        min(len(tags)) AS tags_lo, max(len(tags)) AS tags_hi, avg(len(tags)) AS tags_mean
      FROM ${sales}`);
    const n = (key: string) => Number(m[key]);
    expect(n('n')).toBe(ROWS);
    // Weights and probabilities: 200,000 rows put the standard error near 0.001.
    expect(n('free')).toBeCloseTo(0.6, 2);
    expect(n('pro')).toBeCloseTo(0.3, 2);
    expect(n('paid')).toBeCloseTo(0.7, 2);
    expect(n('nulls')).toBeCloseTo(0.2, 2);
    expect(n('notes')).toBeLessThanOrEqual(500);
    expect(n('notes')).toBeGreaterThan(100);
    // Distributions: uniform, normal (mean, sd), lognormal and exponential means, zipf's head, pareto's median.
    expect([n('uniform_lo'), n('uniform_hi')]).toEqual([1, 10]);
    expect(Math.abs(n('uniform_mean') - 5.5)).toBeLessThan(0.05);
    expect(Math.abs(n('normal_mean') - 40)).toBeLessThan(0.2);
    expect(Math.abs(n('normal_sd') - 10)).toBeLessThan(0.2);
    expect(Math.abs(n('lognormal_mean') - 50)).toBeLessThan(1.5);
    expect(Math.abs(n('exponential_mean') - 20)).toBeLessThan(0.5);
    // The continuous power law floored: P(1) = (1 - 2^-0.2) / (1 - 101^-0.2) = 0.215, P(2) = 0.112.
    expect(Math.abs(n('zipf_1') - 0.215)).toBeLessThan(0.005);
    expect(Math.abs(n('zipf_2') - 0.112)).toBeLessThan(0.005);
    // Pareto's median is min * 2^(1/alpha) = 1.587.
    expect(Math.abs(n('pareto_median') - 1.587)).toBeLessThan(0.03);
    expect(n('pareto_lo')).toBeGreaterThanOrEqual(1);
    expect([n('amount_lo') >= 1, n('amount_hi') <= 500]).toEqual([true, true]);
    expect(Math.abs(n('amount_mean') - 40)).toBeLessThan(1.5);
    // Spans: within 1h to 5d of created_at (shorter only where as-of caps it), mean near the 1d asked.
    expect(n('span_hi')).toBeLessThanOrEqual(5);
    expect(n('span_short')).toBe(0);
    expect(Math.abs(n('span_mean') - 1)).toBeLessThan(0.05);
    expect(n('recent_outside')).toBe(0);
    expect([n('tags_lo'), n('tags_hi')]).toEqual([1, 4]);
    expect(Math.abs(n('tags_mean') - 2.5)).toBeLessThan(0.05);

    // Arrivals: hours 9-16 at 4x the rest carry 32/48 of rows; Saturday and Sunday at 3x carry 6/11. Time never
    // goes backwards as the key rises.
    const [calendar = {}] = await query(`SELECT avg((hour(created_at) BETWEEN 9 AND 16)::INT) AS day, avg((isodow(created_at) >= 6)::INT) AS weekend,
        count(*) FILTER (WHERE step < 0) AS backwards
      FROM (SELECT created_at, epoch(created_at) - lag(epoch(created_at)) OVER (ORDER BY sale_id) AS step FROM ${sales})`);
    expect(Math.abs(Number(calendar.day) - 32 / 48)).toBeLessThan(0.02);
    expect(Math.abs(Number(calendar.weekend) - 6 / 11)).toBeLessThan(0.02);
    expect(Number(calendar.backwards)).toBe(0);

    // Skew: the busiest 10% of parents get most children at skew 3; at skew 1 they get more than 10% only because
    // older parents exist for longer.
    const topShare = async (column: string) => {
      const [row] = await query(`WITH c AS (SELECT ${column}, count(*) AS n FROM ${sales} GROUP BY 1), r AS (SELECT n, row_number() OVER (ORDER BY n DESC) AS k FROM c)
        SELECT sum(n) FILTER (WHERE k <= 200) / sum(n) AS share FROM r`);
      return Number(row?.share);
    };
    const [skewed, flat] = [await topShare('shop_id'), await topShare('region_id')];
    expect(skewed).toBeGreaterThan(0.5);
    expect(flat).toBeLessThan(0.4);
    expect(skewed - flat).toBeGreaterThan(0.15);
  });
});
