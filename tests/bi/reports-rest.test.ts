import { describe, expect, it } from 'vitest';
import { biCast } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';
import { addOrder, addProduct, BI_ENV, seedFixture } from './commerce-fixtures.ts';

describe.each(DIALECTS)('BI analytics on %s', (dialect) => {
  const w = eachTestApp(dialect, async (t) => ({ who: await biCast(t) }), { env: BI_ENV });

  describe('over REST', () => {
    it('answers {success, data} (sales: and meta) with defaults and today in the time zone', async () => {
      await addProduct(w.t, 'P1', 'M1', 1999);
      await addOrder(w.t, { id: 'now1', factoryId: 'M1', email: 'q@x', status: 'paid', at: Date.now() - 1000, items: [['P1', 3, 1999]] });
      const sales = await w.t.call('GET', '/api/v1/sales', { token: w.who.m1.token });
      expect(sales.status).toBe(200);
      expect(Object.keys(sales.body)).toEqual(['success', 'data', 'meta']);
      expect(sales.body.success).toBe(true);
      expect(sales.body.data).toMatchObject({ total_revenue: 59.97, order_count: 1, avg_order_value: 59.97 });
      expect(sales.body.data.daily_breakdown).toHaveLength(7);
      expect(sales.body.data.daily_breakdown[6]).toMatchObject({ revenue: 59.97, orders: 1 });
      expect(sales.headers.get('x-ratelimit-limit')).toBe('60');
      const top = await w.t.call('GET', '/api/v1/products/top?days=30&limit=5', { token: w.who.m1.token });
      expect(top.body.data.products).toEqual([
        { product_id: 'P1', product_name: 'Product P1', quantity_sold: 3, revenue: 59.97, order_count: 1 },
      ]);
      const cust = await w.t.call('GET', '/api/v1/customers', { token: w.who.m1.token });
      expect(cust.body.data).toMatchObject({ total_customers: 1, new_customers: 1, repeat_customers: 0, repeat_rate: 0 });
      const fin = await w.t.call('GET', '/api/v1/financial', { token: w.who.m1.token });
      expect(fin.body.data).toMatchObject({ gross_revenue: 59.97, platform_fee: 3, net_revenue: 56.97 });
      const bad = await w.t.call('GET', '/api/v1/sales?days=0', { token: w.who.m1.token });
      expect(bad.status).toBe(400);
      expectErrorEnvelope('bi', bad.body);
      const badMonth = await w.t.call('GET', '/api/v1/financial?month=2024-13', { token: w.who.m1.token });
      expect(badMonth.status).toBe(400);
      expectErrorEnvelope('bi', badMonth.body);
    });

    it('keeps merchants to their own data; merchant_id is for platform admins', async () => {
      await seedFixture(w.t);
      const m1 = await w.t.call('GET', '/api/v1/financial?month=2024-01', { token: w.who.m1.token });
      expect(m1.body.data.gross_revenue).toBe(1215.1);
      for (const p of ['/api/v1/sales', '/api/v1/products/top', '/api/v1/customers', '/api/v1/financial']) {
        const res = await w.t.call('GET', `${p}?merchant_id=M2`, { token: w.who.m1.token });
        expect(res.status, p).toBe(404);
        expectErrorEnvelope('bi', res.body);
      }
      expect((await w.t.call('GET', '/api/v1/financial?month=2024-01&merchant_id=M1', { token: w.who.m1.token })).status).toBe(200);
      expect((await w.t.call('GET', '/api/shops/M2/products', { token: w.who.m1.token })).status).toBe(404);
      expect((await w.t.call('GET', '/api/orders?merchant_id=M2', { token: w.who.m1.token })).status).toBe(404);
      // platform admins: one merchant, or the whole platform
      const m2 = await w.t.call('GET', '/api/v1/financial?month=2024-01&merchant_id=M2', { token: w.who.admin.token });
      expect(m2.body.data).toMatchObject({ gross_revenue: 12345.67, platform_fee: 617.28, pending_transfers: 1000 });
      const all = await w.t.call('GET', '/api/v1/financial?month=2024-01', { token: w.who.admin.token });
      expect(all.body.data).toMatchObject({ gross_revenue: 13560.77, platform_fee: 678.04 });
      expect((await w.t.call('GET', '/api/v1/sales?merchant_id=NOPE', { token: w.who.admin.token })).status).toBe(404);
      // platform overview: admins only; WeChat customers see no BI at all
      const overview = await w.t.call('GET', '/api/v1/platform/overview?month=2024-01', { token: w.who.admin.token });
      expect(overview.body.data.platform_gmv).toBe(13560.77);
      const denied = await w.t.call('GET', '/api/v1/platform/overview', { token: w.who.m1.token });
      expect(denied.status).toBe(403);
      expectErrorEnvelope('bi', denied.body);
      expect((await w.t.call('GET', '/api/v1/sales', { token: w.who.customer.token })).status).toBe(403);
    });

    it('lists products and orders in the commerce shapes', async () => {
      await seedFixture(w.t);
      const p = await w.t.call('GET', '/api/shops/M1/products?limit=2', { token: w.who.m1.token });
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
      const p2 = await w.t.call('GET', '/api/shops/M1/products?limit=2&offset=2', { token: w.who.m1.token });
      expect(p2.body).toMatchObject({ total: 3, page: 2, has_next: false });
      const o = await w.t.call('GET', '/api/orders?merchant_id=M1&status=paid&limit=1', { token: w.who.m1.token });
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
      const o7 = await w.t.call('GET', '/api/orders?merchant_id=M1&limit=2', { token: w.who.m1.token });
      expect(o7.body.orders[1]).toMatchObject({
        id: 'o7',
        subtotal: '9.00',
        shipping_fee: '1.00',
        tax_amount: '0.10',
        amount_total: '10.10',
      });
      const admin = await w.t.call('GET', '/api/orders?merchant_id=M2', { token: w.who.admin.token });
      expect(admin.body.orders.map((x: { id: string }) => x.id)).toEqual(['m2o1']);
      const missing = await w.t.call('GET', '/api/orders', { token: w.who.m1.token });
      expect(missing.status).toBe(400);
      expectErrorEnvelope('bi', missing.body);
    });
  });
});
