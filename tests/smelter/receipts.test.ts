import { describe, expect, it } from 'vitest';
import { FACTORY_B, makeFactoryUser } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';
import { contract, smelter, weigh } from './helpers.ts';

/** Material receipts (issue 15): weighing, then received → sampled → assayed, in the caller's factory only. */
describe.each(DIALECTS)('receipts on %s', (dialect) => {
  const s = eachTestApp(dialect, smelter);

  it('weighs a truckload: net = gross − tare to the gram, the material defaults to the contract’s', async () => {
    const c = await contract(s, { pricing_method: 'weight', unit_price: 1850 });
    const res = await s.post('/api/receipts', {
      contract_id: c,
      vehicle_plate: '浙A12345',
      gross_weight: 47960.125,
      tare_weight: 15480.5,
      weighed_at: '2024-02-05T16:15:00+08:00',
      weighbridge_operator: '王磅',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ success: true, message: '收货单创建成功' });
    expect(res.body.data).toMatchObject({
      contract_id: c,
      material_id: s.materialId,
      gross_weight: 47960.125,
      tare_weight: 15480.5,
      net_weight: 32479.625,
      weighed_at: '2024-02-05T08:15:00Z',
      status: 'received',
      assay_id: null,
      created_by: s.admin.id,
    });
    const bad = [
      { gross_weight: 100, tare_weight: 100 }, // tare must be below gross
      { gross_weight: 100.0001, tare_weight: 1 }, // finer than a gram
      { contract_id: 999_999 },
      { weighed_at: 'yesterday' },
    ];
    for (const patch of bad) {
      const r = await s.post('/api/receipts', { ...res.body.data, contract_id: c, ...patch });
      expect(r.status, JSON.stringify(patch)).toBe(400);
      expectErrorEnvelope('admin', r.body);
    }
  });

  it('moves received → sampled → assayed, refusing skipped steps and foreign assays', async () => {
    const c = await contract(s, { pricing_method: 'content', coefficient: 0.8 });
    const r = await weigh(s, c, 40000, 15000);
    const a = await s.post('/api/assay-data', { sample_name: 'S1', factory_id: s.branchId, water_content: 9, zinc_content: 50 });
    expect((await s.post(`/api/receipts/${r}/assay`, { assay_id: a.body.data.id })).status).toBe(409); // not sampled yet
    const sampled = await s.post(`/api/receipts/${r}/sample`, { sample_name: 'S1' });
    expect(sampled.body.data).toMatchObject({ status: 'sampled', sample_name: 'S1' });
    expect((await s.post(`/api/receipts/${r}/sample`, { sample_name: 'S1' })).status).toBe(409); // twice

    const other = await makeFactoryUser(s.t, { factoryId: FACTORY_B });
    const otherBranch = await s.post('/api/departments', { name: '外厂' }, other);
    const foreign = await s.post('/api/assay-data', { sample_name: 'X', factory_id: otherBranch.body.data.id }, other);
    const refused = await s.post(`/api/receipts/${r}/assay`, { assay_id: foreign.body.data.id });
    expect(refused.status).toBe(400);
    expect(refused.body.error_code).toBe('VALIDATION_ERROR');

    const assayed = await s.post(`/api/receipts/${r}/assay`, { assay_id: a.body.data.id });
    expect(assayed.body.data).toMatchObject({ status: 'assayed', assay_id: a.body.data.id });
    // the linked assay cannot be deleted
    expect((await s.t.call('DELETE', `/api/assay-data/${a.body.data.id}`, { token: s.admin.token })).status).toBe(409);
    // nor the contract that has receipts
    expect((await s.t.call('DELETE', `/api/contracts/${c}`, { token: s.admin.token })).status).toBe(409);

    // another factory sees nothing of it
    expect((await s.get(`/api/receipts/${r}`, other)).status).toBe(404);
    expect((await s.get('/api/receipts', other)).body).toMatchObject({ receipts: [], total: 0 });
  });

  it('lists filtered and paged; corrects and deletes unsettled receipts', async () => {
    const c1 = await contract(s, { pricing_method: 'weight', unit_price: 1850 });
    const c2 = await contract(s, { pricing_method: 'weight', unit_price: 1850 });
    const ids = [await weigh(s, c1, 30000, 10000), await weigh(s, c1, 31000, 10000), await weigh(s, c2, 32000, 10000)];
    const page = await s.get(`/api/receipts?contract_id=${c1}&per_page=1&page=2`);
    expect(page.status, page.text).toBe(200);
    expect(page.body).toMatchObject({ total: 2, pages: 2, current_page: 2 });
    expect(page.body.receipts).toHaveLength(1);
    expect((await s.get('/api/receipts?status=sampled')).body.total).toBe(0);

    const upd = await s.t.call('PUT', `/api/receipts/${ids[0]}`, { token: s.admin.token, body: { tare_weight: 10500.5 } });
    expect(upd.body.data).toMatchObject({ gross_weight: 30000, tare_weight: 10500.5, net_weight: 19499.5 });
    expect((await s.t.call('PUT', `/api/receipts/${ids[0]}`, { token: s.admin.token, body: { tare_weight: 30000 } })).status).toBe(400);
    const del = await s.t.call('DELETE', `/api/receipts/${ids[2]}`, { token: s.admin.token });
    expect(del.body).toEqual({ success: true, message: '收货单删除成功' });
    expect((await s.get('/api/receipts')).body.total).toBe(2);
  });

  it('archived contracts take no receipts; operators weigh but do not settle, viewers only read', async () => {
    const c = await contract(s, { pricing_method: 'weight', unit_price: 1850 });
    const operator = await makeFactoryUser(s.t, { role: 'operator' });
    const viewer = await makeFactoryUser(s.t, { role: 'viewer' });
    const body = {
      contract_id: c,
      vehicle_plate: '浙A1',
      gross_weight: 2,
      tare_weight: 1,
      weighed_at: '2024-02-05T08:00:00Z',
      weighbridge_operator: '王',
    };
    const weighed = await s.post('/api/receipts', body, operator);
    expect(weighed.status).toBe(201);
    expect((await s.post('/api/receipts', body, viewer)).status).toBe(403);
    expect((await s.get('/api/receipts', viewer)).status).toBe(200);
    const settle = await s.post(`/api/contracts/${c}/settlements`, { receipt_ids: [weighed.body.data.id] }, operator);
    expect(settle.status).toBe(403);
    expect(settle.body.error_code).toBe('PERMISSION_DENIED');
    expect((await s.get(`/api/contracts/${c}/settlements`, viewer)).status).toBe(200);

    await s.post(`/api/contracts/${c}/archive`, {});
    const late = await s.post('/api/receipts', body);
    expect(late.status).toBe(409);
    expect(late.body.error_code).toBe('CONFLICT');
  });
});
