import { describe, expect, it } from 'vitest';
import { generateCommerce } from '../../db/seed/commerce.ts';
import { DEMO_FACTORY_ID, seedDemo } from '../../db/seed/demo.ts';
import { prng } from '../../db/seed/util.ts';
import { financialReport } from '../../src/services/analytics/financial.ts';
import { salesReport } from '../../src/services/analytics/sales.ts';
import { makeFactory } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

const S = { timeZone: 'Asia/Shanghai', feeBasisPoints: 500 };

describe.each(DIALECTS)('commerce generator and BI demo seed on %s', (dialect) => {
  const w = eachTestApp(dialect);

  it('generates consistent orders in batches, across merchants', async () => {
    await makeFactory(w.t, 'G1');
    await makeFactory(w.t, 'G2');
    const seen: number[] = [];
    const r = await generateCommerce(w.t.deps.db, {
      merchantIds: ['G1', 'G2'],
      orders: 1234,
      days: 60,
      rand: prng(7),
      runId: 't',
      batchSize: 200,
      onProgress: (d) => seen.push(d),
    });
    expect(r.orders).toBe(1234);
    expect(seen.at(-1)).toBe(1234);
    const orders = await w.t.deps.db
      .selectFrom('commerce_orders')
      .select(['factory_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('factory_id')
      .orderBy('factory_id')
      .execute();
    expect(orders.map((o) => [o.factory_id, Number(o.n)])).toEqual([
      ['G1', 617],
      ['G2', 617],
    ]);
    // every order's subtotal is the sum of its lines
    const mismatched = await w.t.deps.db
      .selectFrom('commerce_orders as o')
      .innerJoin('commerce_order_items as i', 'i.order_id', 'o.id')
      .select('o.id')
      .groupBy(['o.id', 'o.subtotal_cents'])
      .having((eb) => eb(eb.fn.sum('i.total_cents'), '!=', eb.ref('o.subtotal_cents')))
      .execute();
    expect(mismatched).toEqual([]);
    expect(r.transfers).toBeGreaterThan(0);
  });

  it('seeds BI demo data for the demo factory', async () => {
    expect(await seedDemo(w.t.deps.db, async () => 'x')).toBe(true);
    const sales = await salesReport(w.t.deps.db, DEMO_FACTORY_ID, 30, S);
    expect(sales.order_count).toBeGreaterThan(50);
    const fin = await financialReport(w.t.deps.db, DEMO_FACTORY_ID, sales.period.end.slice(0, 7), S);
    expect(fin.gross_revenue).toBeGreaterThan(0);
    expect(Math.abs(Math.round((fin.gross_revenue - fin.platform_fee - fin.net_revenue) * 100))).toBe(0);
  });
});
