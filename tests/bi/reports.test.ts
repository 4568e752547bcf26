import { beforeEach, describe, expect, it } from 'vitest';
import { customerReport } from '../../src/services/analytics/customers.ts';
import { financialReport } from '../../src/services/analytics/financial.ts';
import { platformOverview } from '../../src/services/analytics/platform-overview.ts';
import { salesReport } from '../../src/services/analytics/sales.ts';
import { topProducts } from '../../src/services/analytics/top-products.ts';
import { biCast } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addOrder, BI_ENV, NOW, seedFixture, sh } from './commerce-fixtures.ts';

/** The settings of BI_ENV as the report services take them. */
const S = { timeZone: 'Asia/Shanghai', feeBasisPoints: 500 };

describe.each(DIALECTS)('BI analytics on %s', (dialect) => {
  const w = eachTestApp(dialect, async (t) => ({ who: await biCast(t) }), { env: BI_ENV });

  it('sales: days in a DST zone, around both New York shifts', async () => {
    const NY = { timeZone: 'America/New_York', feeBasisPoints: 500 };
    // EST is UTC-5, EDT UTC-4; 2024-03-10 is 23 h long, 2024-11-03 25 h
    const spring = [
      ['s1', Date.UTC(2024, 2, 10, 4, 59, 59, 999), 100], // 03-09 23:59:59.999 EST
      ['s2', Date.UTC(2024, 2, 10, 5), 200], // 03-10 00:00 EST
      ['s3', Date.UTC(2024, 2, 11, 3, 59, 59, 999), 400], // 03-10 23:59:59.999 EDT
      ['s4', Date.UTC(2024, 2, 11, 4), 800], // 03-11 00:00 EDT
    ] as const;
    const fall = [
      ['f1', Date.UTC(2024, 10, 3, 5, 30), 1000], // 11-03 01:30 EDT (first)
      ['f2', Date.UTC(2024, 10, 3, 6, 30), 2000], // 11-03 01:30 EST (second)
      ['f3', Date.UTC(2024, 10, 4, 4, 59, 59, 999), 4000], // 11-03 23:59:59.999 EST
      ['f4', Date.UTC(2024, 10, 4, 5), 8000], // 11-04 00:00 EST
    ] as const;
    for (const [id, at, cents] of [...spring, ...fall]) {
      await addOrder(w.t, { id, factoryId: 'M1', email: 'ny@x', status: 'paid', at, subtotal: cents });
    }
    const r = await salesReport(w.t.deps.db, 'M1', 3, NY, Date.UTC(2024, 2, 11, 16));
    expect(r.daily_breakdown).toEqual([
      { date: '2024-03-09', revenue: 1, orders: 1 },
      { date: '2024-03-10', revenue: 6, orders: 2 },
      { date: '2024-03-11', revenue: 8, orders: 1 },
    ]);
    const f = await salesReport(w.t.deps.db, 'M1', 3, NY, Date.UTC(2024, 10, 4, 16));
    expect(f.daily_breakdown).toEqual([
      { date: '2024-11-02', revenue: 0, orders: 0 },
      { date: '2024-11-03', revenue: 70, orders: 3 },
      { date: '2024-11-04', revenue: 80, orders: 1 },
    ]);
    // a span holding both shifts
    const y = await salesReport(w.t.deps.db, 'M1', 366, NY, Date.UTC(2024, 10, 4, 16));
    expect(y.order_count).toBe(8);
    expect(y.daily_breakdown.filter((d) => d.orders > 0)).toEqual([
      { date: '2024-03-09', revenue: 1, orders: 1 },
      { date: '2024-03-10', revenue: 6, orders: 2 },
      { date: '2024-03-11', revenue: 8, orders: 1 },
      { date: '2024-11-03', revenue: 70, orders: 3 },
      { date: '2024-11-04', revenue: 80, orders: 1 },
    ]);
    // customers are counted on the same local days as the revenue
    expect(y.daily.filter((d) => d.unique_customers > 0).map((d) => d.date)).toEqual(
      y.daily_breakdown.filter((d) => d.orders > 0).map((d) => d.date),
    );
    expect(y.summary.unique_customers).toBe(1);
  });

  describe('hand-computed figures', () => {
    beforeEach(() => seedFixture(w.t));

    it('sales: revenue, average, daily breakdown with empty days and window edges', async () => {
      const r = await salesReport(w.t.deps.db, 'M1', 7, S, NOW);
      expect(r.total_revenue).toBe(200.01);
      expect(r.order_count).toBe(4);
      expect(r.avg_order_value).toBe(50);
      expect(r.period).toEqual({ start: '2024-01-09', end: '2024-01-15' });
      expect(r.daily_breakdown).toEqual([
        { date: '2024-01-09', revenue: 100, orders: 1 },
        { date: '2024-01-10', revenue: 0.01, orders: 1 },
        { date: '2024-01-11', revenue: 0, orders: 0 },
        { date: '2024-01-12', revenue: 0, orders: 0 },
        { date: '2024-01-13', revenue: 0, orders: 0 },
        { date: '2024-01-14', revenue: 0, orders: 0 },
        { date: '2024-01-15', revenue: 100, orders: 2 },
      ]);
      // the BI CLI's summary and daily entries (REAL-CLIENTS.md): customers a@x, e@x, b@x (twice)
      expect(r.summary).toEqual({ total_revenue: 200.01, total_orders: 4, avg_order_value: 50, unique_customers: 3 }); // 20001 / 4
      expect(r.daily.map((d) => [d.date, d.total_revenue, d.order_count, d.avg_order_value, d.unique_customers])).toEqual([
        ['2024-01-09', 100, 1, 100, 1],
        ['2024-01-10', 0.01, 1, 0.01, 1],
        ['2024-01-11', 0, 0, 0, 0],
        ['2024-01-12', 0, 0, 0, 0],
        ['2024-01-13', 0, 0, 0, 0],
        ['2024-01-14', 0, 0, 0, 0],
        ['2024-01-15', 100, 2, 50, 1],
      ]);
      expect(r.daily.map(({ date, revenue, orders }) => ({ date, revenue, orders }))).toEqual(r.daily_breakdown);
      const all = await salesReport(w.t.deps.db, null, 7, S, NOW);
      expect(all.total_revenue).toBe(12545.68);
      expect(all.order_count).toBe(5);
      expect(all.avg_order_value).toBe(2509.14); // 1254568 / 5 = 250913.6
      // a@x also bought from M2 on the 13th: one customer over the period, one on each of two days
      expect(all.summary).toMatchObject({ total_orders: 5, unique_customers: 3 });
      expect(all.daily.map((d) => d.unique_customers)).toEqual([1, 1, 0, 0, 1, 0, 1]);
      const one = await salesReport(w.t.deps.db, 'M1', 1, S, NOW);
      expect(one.daily_breakdown).toEqual([{ date: '2024-01-15', revenue: 100, orders: 2 }]);
      const empty = await salesReport(w.t.deps.db, 'M1', 3, S, sh(2025, 6, 1));
      expect(empty).toMatchObject({ total_revenue: 0, order_count: 0, avg_order_value: 0 });
      expect(empty.daily_breakdown.map((d) => d.revenue)).toEqual([0, 0, 0]);
    });

    it('top products by revenue, counting only sold orders', async () => {
      const r = await topProducts(w.t.deps.db, 'M1', 30, 10, S, NOW);
      expect(r).toEqual([
        { product_id: 'P3', product_name: 'Product P3', quantity_sold: 2, revenue: 1016.66, order_count: 2 },
        { product_id: 'P1', product_name: 'Product P1', quantity_sold: 3, revenue: 150, order_count: 2 },
        { product_id: 'P2', product_name: 'Product P2', quantity_sold: 2, revenue: 33.34, order_count: 2 },
      ]);
      expect(await topProducts(w.t.deps.db, 'M1', 30, 1, S, NOW)).toHaveLength(1);
      expect((await topProducts(w.t.deps.db, 'M1', 7, 10, S, NOW)).map((p) => p.product_id)).toEqual(['P1', 'P2', 'P3']);
      expect(await topProducts(w.t.deps.db, 'M2', 1, 10, S, NOW)).toEqual([]);
    });

    it('customers: total, new, repeat, repeat rate, top list', async () => {
      const r = await customerReport(w.t.deps.db, 'M1', 7, S, NOW);
      expect(r).toEqual({
        total_customers: 3,
        new_customers: 2,
        repeat_customers: 1,
        repeat_rate: 0.3333,
        top_customers: [
          { customer_email: 'a@x', order_count: 1, total_spent: 100, first_order_date: '2024-01-08', last_order_date: '2024-01-09' },
          { customer_email: 'b@x', order_count: 2, total_spent: 100, first_order_date: '2024-01-15', last_order_date: '2024-01-15' },
          { customer_email: 'e@x', order_count: 1, total_spent: 0.01, first_order_date: '2024-01-10', last_order_date: '2024-01-10' },
        ],
      });
      const empty = await customerReport(w.t.deps.db, 'M2', 1, S, NOW);
      expect(empty).toEqual({ total_customers: 0, new_customers: 0, repeat_customers: 0, repeat_rate: 0, top_customers: [] });
    });

    it('financial: fee rounded half up, transfers, month boundaries in the time zone', async () => {
      expect(await financialReport(w.t.deps.db, 'M1', '2024-01', S)).toEqual({
        gross_revenue: 1215.1,
        platform_fee: 60.76,
        net_revenue: 1154.34,
        pending_transfers: 300,
        completed_transfers: 500.5,
        transfer_count: 2,
      });
      expect(await financialReport(w.t.deps.db, 'M1', '2024-02', S)).toMatchObject({
        gross_revenue: 20,
        platform_fee: 1,
        net_revenue: 19,
        completed_transfers: 99,
        transfer_count: 1,
      });
      expect((await financialReport(w.t.deps.db, 'M1', '2023-12', S)).gross_revenue).toBe(7);
      expect(await financialReport(w.t.deps.db, 'M1', '2023-06', S)).toEqual({
        gross_revenue: 0,
        platform_fee: 0,
        net_revenue: 0,
        pending_transfers: 0,
        completed_transfers: 0,
        transfer_count: 0,
      });
      // the same data read in UTC moves the boundary orders across months
      const utc = await financialReport(w.t.deps.db, 'M1', '2024-01', { ...S, timeZone: 'UTC' });
      expect(utc.gross_revenue).toBe(1230.1);
    });

    it('platform overview: GMV, merchants, revenue, MRR', async () => {
      expect(await platformOverview(w.t.deps.db, '2024-01', S, sh(2024, 6, 1))).toEqual({
        platform_gmv: 13560.77,
        total_orders: 8,
        active_merchants: 2,
        new_merchants: 1,
        platform_revenue: 678.04,
        subscription_mrr: 182.33,
      });
      // mid-January: the basic plan (cancelled 01-20) still counts, the yearly plan too
      expect((await platformOverview(w.t.deps.db, '2024-01', S, sh(2024, 1, 15))).subscription_mrr).toBe(232.33);
    });
  });
});
