import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boundMiniUser, miniLogin, seedCompanies } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

describe.each(DIALECTS)('mini orders on %s', (dialect) => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await seedCompanies(t, 25);
    ({ token } = await boundMiniUser(t, 'user-a-code'));
  });
  afterEach(() => t.close());

  it('pages newest first with the documented defaults and reports total', async () => {
    const first = await t.call('GET', '/api/orders/search', { token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ success: true, message: '查询成功', data: { total: 25, page: 1, pageSize: 20, cacheHit: false } });
    expect(typeof first.body.timestamp).toBe('number');
    const dates = first.body.data.orders.map((o: { order_date: string }) => o.order_date);
    expect(dates).toEqual([...dates].sort().reverse());
    const last = await t.call('GET', '/api/orders/search?page=2&pageSize=20', { token });
    expect(last.body.data.orders).toHaveLength(5);
    const beyond = await t.call('GET', '/api/orders/search?page=9', { token });
    expect(beyond.body.data).toMatchObject({ orders: [], total: 25 });
  });

  it('filters by status and keyword (order no, material name), ignoring LIKE wildcards', async () => {
    const all = (await t.call('GET', '/api/orders/search?pageSize=100', { token })).body.data.orders as {
      status: string;
      order_no: string;
    }[];
    const producing = await t.call('GET', '/api/orders/search?status=producing&pageSize=100', { token });
    expect(producing.body.data.total).toBe(all.filter((o) => o.status === 'producing').length);
    const one = all[3]!;
    const byNo = await t.call('GET', `/api/orders/search?keyword=${encodeURIComponent(one.order_no)}`, { token });
    expect(byNo.body.data.orders.map((o: { order_no: string }) => o.order_no)).toEqual([one.order_no]);
    const wildcard = await t.call('GET', `/api/orders/search?keyword=${encodeURIComponent('%')}`, { token });
    expect(wildcard.body.data.total).toBe(0);
    const material = await t.call('GET', `/api/orders/search?keyword=${encodeURIComponent('零件')}&pageSize=100`, { token });
    expect(material.body.data.total).toBeGreaterThan(0);
    expect(material.body.data.total).toBeLessThan(25);
  });

  it('reads through the cache: the second identical search is a hit', async () => {
    const a = await t.call('GET', '/api/orders/search?status=shipped', { token });
    const b = await t.call('GET', '/api/orders/search?status=shipped', { token });
    expect(a.body.data.cacheHit).toBe(false);
    expect(b.body.data.cacheHit).toBe(true);
    expect(b.body.data.orders).toEqual(a.body.data.orders);
    expect(b.body.data.queryTime).toBe(a.body.data.queryTime);
  });

  it('refuses bad query parameters with 400 in the mini envelope', async () => {
    for (const q of ['status=lost', 'page=0', 'pageSize=101', 'page=abc']) {
      const res = await t.call('GET', `/api/orders/search?${q}`, { token });
      expect(res.status, q).toBe(400);
      expectErrorEnvelope('mini', res.body);
      expect(res.body.message).toContain('参数验证失败');
    }
  });

  it('answers 未绑定企业 (HTTP 200, success:false) to an unbound user', async () => {
    const { token: unbound } = await miniLogin(t, 'nobody-code');
    const res = await t.call('GET', '/api/orders/search', { token: unbound });
    expect(res.status).toBe(200);
    expectErrorEnvelope('mini', res.body);
    expect(res.body.message).toBe('未绑定企业');
  });

  it('passes ERP status, materials and progress through for own orders', async () => {
    const status = await t.call('GET', '/api/orders/COMPA-ORD00001/status', { token });
    expect(status.body.data).toMatchObject({
      order_id: 'COMPA-ORD00001',
      status: expect.any(String),
      progress_percent: expect.any(Number),
    });
    const materials = await t.call('GET', '/api/orders/COMPA-ORD00001/materials', { token });
    expect(materials.body.data.materials.length).toBeGreaterThan(0);
    const materialId = materials.body.data.materials[0].material_id;
    const progress = await t.call('GET', `/api/materials/${materialId}/progress`, { token });
    expect(progress.body.data.steps).toHaveLength(5);
    expect(progress.body.data.material_id).toBe(materialId);
  });

  it("answers another company's order and material as not found", async () => {
    for (const path of [
      '/api/orders/COMPB-ORD00001/status',
      '/api/orders/COMPB-ORD00001/materials',
      '/api/materials/COMPB-ORD00001-M1/progress',
      '/api/orders/NOPE/status',
    ]) {
      const res = await t.call('GET', path, { token });
      expect(res.status, path).toBe(200);
      expectErrorEnvelope('mini', res.body);
      expect(res.body.message).toMatch(/不存在/);
    }
  });
});
