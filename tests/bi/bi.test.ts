import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerReport } from '../../src/services/analytics/customers.ts';
import { financialReport } from '../../src/services/analytics/financial.ts';
import { applyRate, averageCents, toDecimalString } from '../../src/services/analytics/money.ts';
import { lastDays, monthRange, startOfLocalDay } from '../../src/services/analytics/periods.ts';
import { platformOverview } from '../../src/services/analytics/platform-overview.ts';
import { salesReport } from '../../src/services/analytics/sales.ts';
import { topProducts } from '../../src/services/analytics/top-products.ts';
import { biCast } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';
import { addOrder, addProduct, NOW, seedFixture, sh } from './commerce-fixtures.ts';

const S = { timeZone: 'Asia/Shanghai', feeBasisPoints: 500 };

describe('BI money and calendar helpers', () => {
  it('rounds half up in exact integer arithmetic', () => {
    expect(applyRate(121510, 500)).toBe(6076); // 6075.5
    expect(applyRate(1234567, 500)).toBe(61728); // 61728.35
    expect(averageCents(20001, 4)).toBe(5000); // 5000.25
    expect(averageCents(10001, 2)).toBe(5001); // 5000.5
    expect(averageCents(5, 0)).toBe(0);
    expect(toDecimalString(9900)).toBe('99.00');
    expect(toDecimalString(5)).toBe('0.05');
  });
  it('starts days and months at local midnight, DST included', () => {
    expect(startOfLocalDay('2024-02-01', 'Asia/Shanghai')).toBe(Date.UTC(2024, 0, 31, 16));
    expect(monthRange('2024-12', 'Asia/Shanghai')).toEqual({ start: Date.UTC(2024, 10, 30, 16), end: Date.UTC(2024, 11, 31, 16) });
    // New York's spring-forward day is 23 h long
    const { bounds } = lastDays(2, 'America/New_York', Date.UTC(2024, 2, 10, 20));
    expect(bounds).toEqual([Date.UTC(2024, 2, 9, 5), Date.UTC(2024, 2, 10, 5), Date.UTC(2024, 2, 11, 4)]);
  });
});

describe.each(DIALECTS)('BI analytics on %s', (dialect) => {
  let t: TestApp;
  let who: Awaited<ReturnType<typeof biCast>>;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TIME_ZONE: 'Asia/Shanghai', PLATFORM_FEE_RATE: '0.05' } });
    who = await biCast(t);
  });
  afterEach(() => t.close());

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
      await addOrder(t, { id, factoryId: 'M1', email: 'ny@x', status: 'paid', at, subtotal: cents });
    }
    const r = await salesReport(t.deps.db, 'M1', 3, NY, Date.UTC(2024, 2, 11, 16));
    expect(r.daily_breakdown).toEqual([
      { date: '2024-03-09', revenue: 1, orders: 1 },
      { date: '2024-03-10', revenue: 6, orders: 2 },
      { date: '2024-03-11', revenue: 8, orders: 1 },
    ]);
    const f = await salesReport(t.deps.db, 'M1', 3, NY, Date.UTC(2024, 10, 4, 16));
    expect(f.daily_breakdown).toEqual([
      { date: '2024-11-02', revenue: 0, orders: 0 },
      { date: '2024-11-03', revenue: 70, orders: 3 },
      { date: '2024-11-04', revenue: 80, orders: 1 },
    ]);
    // a span holding both shifts
    const y = await salesReport(t.deps.db, 'M1', 366, NY, Date.UTC(2024, 10, 4, 16));
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
    beforeEach(() => seedFixture(t));

    it('sales: revenue, average, daily breakdown with empty days and window edges', async () => {
      const r = await salesReport(t.deps.db, 'M1', 7, S, NOW);
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
      const all = await salesReport(t.deps.db, null, 7, S, NOW);
      expect(all.total_revenue).toBe(12545.68);
      expect(all.order_count).toBe(5);
      expect(all.avg_order_value).toBe(2509.14); // 1254568 / 5 = 250913.6
      // a@x also bought from M2 on the 13th: one customer over the period, one on each of two days
      expect(all.summary).toMatchObject({ total_orders: 5, unique_customers: 3 });
      expect(all.daily.map((d) => d.unique_customers)).toEqual([1, 1, 0, 0, 1, 0, 1]);
      const one = await salesReport(t.deps.db, 'M1', 1, S, NOW);
      expect(one.daily_breakdown).toEqual([{ date: '2024-01-15', revenue: 100, orders: 2 }]);
      const empty = await salesReport(t.deps.db, 'M1', 3, S, sh(2025, 6, 1));
      expect(empty).toMatchObject({ total_revenue: 0, order_count: 0, avg_order_value: 0 });
      expect(empty.daily_breakdown.map((d) => d.revenue)).toEqual([0, 0, 0]);
    });

    it('top products by revenue, counting only sold orders', async () => {
      const r = await topProducts(t.deps.db, 'M1', 30, 10, S, NOW);
      expect(r).toEqual([
        { product_id: 'P3', product_name: 'Product P3', quantity_sold: 2, revenue: 1016.66, order_count: 2 },
        { product_id: 'P1', product_name: 'Product P1', quantity_sold: 3, revenue: 150, order_count: 2 },
        { product_id: 'P2', product_name: 'Product P2', quantity_sold: 2, revenue: 33.34, order_count: 2 },
      ]);
      expect(await topProducts(t.deps.db, 'M1', 30, 1, S, NOW)).toHaveLength(1);
      expect((await topProducts(t.deps.db, 'M1', 7, 10, S, NOW)).map((p) => p.product_id)).toEqual(['P1', 'P2', 'P3']);
      expect(await topProducts(t.deps.db, 'M2', 1, 10, S, NOW)).toEqual([]);
    });

    it('customers: total, new, repeat, repeat rate, top list', async () => {
      const r = await customerReport(t.deps.db, 'M1', 7, S, NOW);
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
      const empty = await customerReport(t.deps.db, 'M2', 1, S, NOW);
      expect(empty).toEqual({ total_customers: 0, new_customers: 0, repeat_customers: 0, repeat_rate: 0, top_customers: [] });
    });

    it('financial: fee rounded half up, transfers, month boundaries in the time zone', async () => {
      expect(await financialReport(t.deps.db, 'M1', '2024-01', S)).toEqual({
        gross_revenue: 1215.1,
        platform_fee: 60.76,
        net_revenue: 1154.34,
        pending_transfers: 300,
        completed_transfers: 500.5,
        transfer_count: 2,
      });
      expect(await financialReport(t.deps.db, 'M1', '2024-02', S)).toMatchObject({
        gross_revenue: 20,
        platform_fee: 1,
        net_revenue: 19,
        completed_transfers: 99,
        transfer_count: 1,
      });
      expect((await financialReport(t.deps.db, 'M1', '2023-12', S)).gross_revenue).toBe(7);
      expect(await financialReport(t.deps.db, 'M1', '2023-06', S)).toEqual({
        gross_revenue: 0,
        platform_fee: 0,
        net_revenue: 0,
        pending_transfers: 0,
        completed_transfers: 0,
        transfer_count: 0,
      });
      // the same data read in UTC moves the boundary orders across months
      const utc = await financialReport(t.deps.db, 'M1', '2024-01', { ...S, timeZone: 'UTC' });
      expect(utc.gross_revenue).toBe(1230.1);
    });

    it('platform overview: GMV, merchants, revenue, MRR', async () => {
      expect(await platformOverview(t.deps.db, '2024-01', S, sh(2024, 6, 1))).toEqual({
        platform_gmv: 13560.77,
        total_orders: 8,
        active_merchants: 2,
        new_merchants: 1,
        platform_revenue: 678.04,
        subscription_mrr: 182.33,
      });
      // mid-January: the basic plan (cancelled 01-20) still counts, the yearly plan too
      expect((await platformOverview(t.deps.db, '2024-01', S, sh(2024, 1, 15))).subscription_mrr).toBe(232.33);
    });
  });

  describe('over REST', () => {
    it('answers {success, data} (sales: and meta) with defaults and today in the time zone', async () => {
      await addProduct(t, 'P1', 'M1', 1999);
      await addOrder(t, { id: 'now1', factoryId: 'M1', email: 'q@x', status: 'paid', at: Date.now() - 1000, items: [['P1', 3, 1999]] });
      const sales = await t.call('GET', '/api/v1/sales', { token: who.m1.token });
      expect(sales.status).toBe(200);
      expect(Object.keys(sales.body)).toEqual(['success', 'data', 'meta']);
      expect(sales.body.success).toBe(true);
      expect(sales.body.data).toMatchObject({ total_revenue: 59.97, order_count: 1, avg_order_value: 59.97 });
      expect(sales.body.data.daily_breakdown).toHaveLength(7);
      expect(sales.body.data.daily_breakdown[6]).toMatchObject({ revenue: 59.97, orders: 1 });
      expect(sales.headers.get('x-ratelimit-limit')).toBe('60');
      const top = await t.call('GET', '/api/v1/products/top?days=30&limit=5', { token: who.m1.token });
      expect(top.body.data.products).toEqual([
        { product_id: 'P1', product_name: 'Product P1', quantity_sold: 3, revenue: 59.97, order_count: 1 },
      ]);
      const cust = await t.call('GET', '/api/v1/customers', { token: who.m1.token });
      expect(cust.body.data).toMatchObject({ total_customers: 1, new_customers: 1, repeat_customers: 0, repeat_rate: 0 });
      const fin = await t.call('GET', '/api/v1/financial', { token: who.m1.token });
      expect(fin.body.data).toMatchObject({ gross_revenue: 59.97, platform_fee: 3, net_revenue: 56.97 });
      const bad = await t.call('GET', '/api/v1/sales?days=0', { token: who.m1.token });
      expect(bad.status).toBe(400);
      expectErrorEnvelope('bi', bad.body);
      const badMonth = await t.call('GET', '/api/v1/financial?month=2024-13', { token: who.m1.token });
      expect(badMonth.status).toBe(400);
      expectErrorEnvelope('bi', badMonth.body);
    });

    it('keeps merchants to their own data; merchant_id is for platform admins', async () => {
      await seedFixture(t);
      const m1 = await t.call('GET', '/api/v1/financial?month=2024-01', { token: who.m1.token });
      expect(m1.body.data.gross_revenue).toBe(1215.1);
      for (const p of ['/api/v1/sales', '/api/v1/products/top', '/api/v1/customers', '/api/v1/financial']) {
        const res = await t.call('GET', `${p}?merchant_id=M2`, { token: who.m1.token });
        expect(res.status, p).toBe(404);
        expectErrorEnvelope('bi', res.body);
      }
      expect((await t.call('GET', '/api/v1/financial?month=2024-01&merchant_id=M1', { token: who.m1.token })).status).toBe(200);
      expect((await t.call('GET', '/api/shops/M2/products', { token: who.m1.token })).status).toBe(404);
      expect((await t.call('GET', '/api/orders?merchant_id=M2', { token: who.m1.token })).status).toBe(404);
      // platform admins: one merchant, or the whole platform
      const m2 = await t.call('GET', '/api/v1/financial?month=2024-01&merchant_id=M2', { token: who.admin.token });
      expect(m2.body.data).toMatchObject({ gross_revenue: 12345.67, platform_fee: 617.28, pending_transfers: 1000 });
      const all = await t.call('GET', '/api/v1/financial?month=2024-01', { token: who.admin.token });
      expect(all.body.data).toMatchObject({ gross_revenue: 13560.77, platform_fee: 678.04 });
      expect((await t.call('GET', '/api/v1/sales?merchant_id=NOPE', { token: who.admin.token })).status).toBe(404);
      // platform overview: admins only; WeChat customers see no BI at all
      const overview = await t.call('GET', '/api/v1/platform/overview?month=2024-01', { token: who.admin.token });
      expect(overview.body.data.platform_gmv).toBe(13560.77);
      const denied = await t.call('GET', '/api/v1/platform/overview', { token: who.m1.token });
      expect(denied.status).toBe(403);
      expectErrorEnvelope('bi', denied.body);
      expect((await t.call('GET', '/api/v1/sales', { token: who.customer.token })).status).toBe(403);
    });

    it('lists products and orders in the commerce shapes', async () => {
      await seedFixture(t);
      const p = await t.call('GET', '/api/shops/M1/products?limit=2', { token: who.m1.token });
      expect(p.status).toBe(200);
      expect(p.body).toMatchObject({ total: 3, page: 1, has_next: true });
      expect(p.body.products[0]).toEqual({
        id: 'P1',
        merchant_id: 'M1',
        name: 'Product P1',
        price: '50.00',
        currency: 'CNY',
        stock_quantity: 10,
        status: 'active',
        created_at: '2023-11-30T16:00:00.000Z',
      });
      const p2 = await t.call('GET', '/api/shops/M1/products?limit=2&offset=2', { token: who.m1.token });
      expect(p2.body).toMatchObject({ total: 3, page: 2, has_next: false });
      const o = await t.call('GET', '/api/orders?merchant_id=M1&status=paid&limit=1', { token: who.m1.token });
      expect(o.body.total).toBe(6);
      expect(o.body.orders[0]).toMatchObject({
        id: 'o8',
        order_number: 'ORD-o8',
        merchant_id: 'M1',
        customer_email: 'z@x',
        status: 'paid',
        subtotal: '20.00',
        amount_total: '20.00',
      });
      const o7 = await t.call('GET', '/api/orders?merchant_id=M1&limit=2', { token: who.m1.token });
      expect(o7.body.orders[1]).toMatchObject({
        id: 'o7',
        subtotal: '9.00',
        shipping_fee: '1.00',
        tax_amount: '0.10',
        amount_total: '10.10',
      });
      const admin = await t.call('GET', '/api/orders?merchant_id=M2', { token: who.admin.token });
      expect(admin.body.orders.map((x: { id: string }) => x.id)).toEqual(['m2o1']);
      const missing = await t.call('GET', '/api/orders', { token: who.m1.token });
      expect(missing.status).toBe(400);
      expectErrorEnvelope('bi', missing.body);
    });
  });
});
