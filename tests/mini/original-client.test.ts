import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../../src/integrations/erp/types.ts';
import { miniLogin } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { originalClient } from '../helpers/mini.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

/**
 * The calls of the original WeChat mini-program (REAL-CLIENTS.md "The WeChat mini-program"), as
 * its pages `orders` and `order-detail` and its message centre make them, asserting the fields
 * those pages read. Its message centre: original-client-messages.test.ts.
 */
describe.each(DIALECTS)('the original mini-program against tracehub on %s', (dialect) => {
  const w = eachTestApp(dialect, originalClient);

  /** `orderAPI.searchOrders` from the list page: keyword possibly empty, status omitted for "all", pageSize 10. */
  const listPage = (page: number, token = w.user.token) =>
    w.t.call('GET', `/api/orders/search?keyword=&page=${page}&pageSize=10`, { token });

  it('list page: pages through every order on data.hasMore and reads the fields it shows', async () => {
    const seen: string[] = [];
    let page = 1;
    let hasMore = true;
    while (hasMore) {
      const res = await listPage(page);
      expect(res.status).toBe(200);
      expect(res.body.success).toBe(true);
      const { orders } = res.body.data;
      for (const o of orders) {
        expect(typeof o.order_id).toBe('string');
        expect(o.order_no).toMatch(/^SO\d+/);
        expect(o.customer_name).toBe('甲公司');
        expect(Number.isNaN(new Date(o.order_date).getTime())).toBe(false);
        expect(ORDER_STATUSES).toContain(o.status);
        expect(Array.isArray(o.materials)).toBe(true);
        for (const m of o.materials) expect(['pending', 'producing', 'completed']).toContain(m.status);
        seen.push(o.order_id);
      }
      hasMore = res.body.data.hasMore;
      expect(typeof hasMore).toBe('boolean');
      expect(hasMore).toBe(page * 10 < 25);
      page++;
      expect(page).toBeLessThan(10); // the list must end
    }
    expect(page - 1).toBe(3);
    expect(new Set(seen).size).toBe(25);
    // a status filter pages the same way
    const shipped = await w.t.call('GET', '/api/orders/search?keyword=&status=shipped&page=1&pageSize=10', { token: w.user.token });
    expect(shipped.body.data.hasMore).toBe(shipped.body.data.total > 10);
  });

  it('detail page: by order id and by order number, with delivery orders', async () => {
    const withDelivery = await w.t.deps.db
      .selectFrom('erp_orders as o')
      .innerJoin('erp_delivery_orders as d', 'd.order_id', 'o.order_id')
      .select(['o.order_id', 'o.order_no', 'o.total_amount_cents', 'o.status', 'o.order_date'])
      .where('o.company_id', '=', 'COMPA')
      .orderBy('o.order_id')
      .executeTakeFirstOrThrow();
    const deliveries = await w.t.deps.db
      .selectFrom('erp_delivery_orders')
      .selectAll()
      .where('order_id', '=', withDelivery.order_id)
      .orderBy('seq')
      .execute();

    const byId = await w.t.call('GET', `/api/orders/${encodeURIComponent(withDelivery.order_id)}/detail`, { token: w.user.token });
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ success: true, message: '查询成功' });
    const d = byId.body.data;
    expect(d.order_no).toBe(withDelivery.order_no);
    expect(d.customer_name).toBe('甲公司');
    expect(d.rmb_amount).toBe(Number(withDelivery.total_amount_cents) / 100);
    expect(d.status).toBe(withDelivery.status);
    expect(d.order_date).toBe(withDelivery.order_date);
    expect(Number.isNaN(new Date(d.created_at || d.order_date).getTime())).toBe(false);
    expect(d.delivery_orders).toHaveLength(deliveries.length);
    for (const [i, doItem] of (d.delivery_orders as Record<string, unknown>[]).entries()) {
      const row = deliveries[i]!;
      expect(doItem).toMatchObject({
        delivery_date: row.delivery_date,
        logistics_company: row.logistics_company,
        logistics_code: row.logistics_code,
        address: row.address,
        remark: row.remark,
      });
      expect((doItem.attachments as string[]).length).toBeGreaterThan(0);
      for (const url of doItem.attachments as string[]) expect(url).toMatch(/^https:\/\/\S+\.jpg$/);
      const products = doItem.products as { productName: string; spec: string; quantity: number }[];
      expect(products.length).toBeGreaterThan(0);
      for (const p of products) {
        expect(typeof p.productName).toBe('string');
        expect(typeof p.quantity).toBe('number');
        expect('spec' in p).toBe(true);
      }
    }

    const byNo = await w.t.call('GET', `/api/orders/${encodeURIComponent(withDelivery.order_no)}/detail`, { token: w.user.token });
    expect(byNo.body.data).toEqual(d);
  });

  it('detail page: the amount is exact yuan from integer cents', async () => {
    await w.t.deps.db
      .updateTable('erp_orders')
      .set({ total_amount_cents: 1_234_567_891 })
      .where('order_id', '=', 'COMPA-ORD00002')
      .execute();
    const res = await w.t.call('GET', '/api/orders/COMPA-ORD00002/detail', { token: w.user.token });
    expect(res.body.data.rmb_amount).toBe(12_345_678.91);
    expect(res.text).toContain('"rmb_amount":12345678.91');
    // an order not shipped yet has no delivery orders
    const pending = await w.t.deps.db
      .selectFrom('erp_orders')
      .select('order_id')
      .where('company_id', '=', 'COMPA')
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending)
      expect((await w.t.call('GET', `/api/orders/${pending.order_id}/detail`, { token: w.user.token })).body.data.delivery_orders).toEqual(
        [],
      );
  });

  it("detail page: another company's order, by id or number, is the mini not-found business failure", async () => {
    const other = await w.t.deps.db
      .selectFrom('erp_orders')
      .select(['order_id', 'order_no'])
      .where('company_id', '=', 'COMPB')
      .executeTakeFirstOrThrow();
    const ownNumbers = new Set(
      (await w.t.deps.db.selectFrom('erp_orders').select('order_no').where('company_id', '=', 'COMPA').execute()).map((r) => r.order_no),
    );
    const keys = [other.order_id, ownNumbers.has(other.order_no) ? null : other.order_no, 'NO-SUCH-ORDER'].filter(Boolean) as string[];
    for (const key of keys) {
      const res = await w.t.call('GET', `/api/orders/${encodeURIComponent(key)}/detail`, { token: w.user.token });
      expect(res.status, key).toBe(200);
      expectErrorEnvelope('mini', res.body);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(res.body.message).toBe('订单不存在');
    }
  });

  it('an unbound user gets code NEED_INVITE_BIND on order search and order detail', async () => {
    const { token } = await miniLogin(w.t, 'never-bound');
    for (const res of [await listPage(1, token), await w.t.call('GET', '/api/orders/COMPA-ORD00001/detail', { token })]) {
      expect(res.status).toBe(200);
      expectErrorEnvelope('mini', res.body);
      expect(res.body).toMatchObject({ success: false, code: 'NEED_INVITE_BIND', message: '未绑定企业' });
    }
  });

  it('every mini failure carries a stable code', async () => {
    const cases: [Promise<{ status: number; body: { code: string } }>, number, string][] = [
      [w.t.call('GET', '/api/orders/search?page=0', { token: w.user.token }), 400, 'VALIDATION_FAILED'],
      [w.t.call('GET', '/api/orders/search'), 401, 'UNAUTHENTICATED'],
      [w.t.call('GET', '/api/orders/search', { token: 'garbage' }), 401, 'UNAUTHENTICATED'],
      [w.t.call('GET', '/api/orders/NOPE/status', { token: w.user.token }), 200, 'NOT_FOUND'],
      [
        w.t.call('POST', '/api/auth/bind-company', { token: (await miniLogin(w.t, 'x')).token, body: { inviteCode: 'NONE' } }),
        200,
        'COMPANY_NOT_FOUND',
      ],
      [w.t.call('POST', '/api/messages/mark-read', { token: w.user.token, body: { messageId: '999999' } }), 200, 'NOT_FOUND'],
      [w.t.call('GET', `/api/messages/history?userId=${Number(w.user.userId) + 1}`, { token: w.user.token }), 400, 'VALIDATION_FAILED'],
      [w.t.call('GET', '/api/nope', { token: w.user.token }), 404, 'NOT_FOUND'],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      expect(res.status, code).toBe(status);
      expectErrorEnvelope('mini', res.body);
      expect(res.body.code).toBe(code);
    }
  });

  it('the detail is typed over tRPC as well', async () => {
    const res = await w.t.app.request('/trpc/orders.detail?input=%7B%22order_id%22%3A%22COMPA-ORD00001%22%7D', {
      headers: { authorization: `Bearer ${w.user.token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { order_id: string; delivery_orders: unknown[] } } };
    expect(body.result.data.order_id).toBe('COMPA-ORD00001');
    expect(Array.isArray(body.result.data.delivery_orders)).toBe(true);
  });
});
