import { describe, expect, it } from 'vitest';
import { insertReceipt } from '../../src/services/smelter/receipts.ts';
import { FACTORY_A, FACTORY_B, makeFactoryUser } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { assay, contract, smelter, weigh } from './helpers.ts';

/** The audit trail (issue 15): a log row per change, in the change's transaction. */
describe.each(DIALECTS)('audit trail on %s', (dialect) => {
  const s = eachTestApp(dialect, smelter);

  const logCount = async () =>
    Number(
      (
        await s.t.deps.db
          .selectFrom('audit_logs')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a rolled-back change leaves no log; a committed one always does', async () => {
    const c = await contract(s, { pricing_method: 'weight', unit_price: 1850 });
    const before = await logCount();
    const input = {
      contract_id: c,
      vehicle_plate: '浙A1',
      gross_weight: 2000,
      tare_weight: 1000,
      weighed_at: '2024-02-05T08:00:00Z',
      weighbridge_operator: '王',
    };
    const actor = { id: s.admin.id, factoryId: FACTORY_A };
    await expect(
      s.t.deps.db.transaction().execute(async (trx) => {
        await insertReceipt(trx, actor, input);
        // the log was written inside the transaction…
        expect(await trx.selectFrom('audit_logs').select('id').where('entity_type', '=', 'receipt').execute()).toHaveLength(1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // …and went with it
    expect(await logCount()).toBe(before);
    expect(await s.t.deps.db.selectFrom('receipts').select('id').execute()).toEqual([]);

    // a change refused half-way (duplicate number) leaves no log either
    const dup = await s.post('/api/contracts', { contract_type: '原料采购', contract_number: 'DUP', pricing_method: 'weight' });
    expect(dup.status).toBe(201);
    const again = await s.post('/api/contracts', { contract_type: '原料采购', contract_number: 'DUP', pricing_method: 'weight' });
    expect(again.status).toBe(409);
    expect(await logCount()).toBe(before + 1);

    // committed: the receipt and its log are both there
    await s.t.deps.db.transaction().execute((trx) => insertReceipt(trx, actor, input));
    expect(await logCount()).toBe(before + 2);
  });

  it('records who, when, before and after for contracts, receipts, assays and settlements', async () => {
    const c = await contract(s, { pricing_method: 'processing', processing_fee: 420, tax_rate: 0.06 });
    const upd = await s.t.call('PUT', `/api/contracts/${c}`, { token: s.admin.token, body: { processing_fee: 430 } });
    expect(upd.status).toBe(200);
    const r = await weigh(s, c, 47960, 15480);
    const assayId = await assay(s, r, { water_content: 8.5 });
    const settled = await s.post(`/api/contracts/${c}/settlements`, { receipt_ids: [r] });
    expect(settled.status).toBe(201);

    const logs = await s.get(`/api/contracts/${c}/logs?per_page=100`);
    expect(logs.status, logs.text).toBe(200);
    const trail = [...logs.body.logs].reverse().map((l: any) => `${l.entity_type}:${l.action}`);
    expect(trail).toEqual([
      'contract:create',
      'contract:update',
      'receipt:create',
      'receipt:state', // sampled
      'receipt:state', // assayed
      'settlement:create',
      'receipt:state', // settled
    ]);
    const update = logs.body.logs.find((l: any) => l.action === 'update');
    expect(update).toMatchObject({ actor_id: s.admin.id, before: { processing_fee: 420 }, after: { processing_fee: 430 } });
    expect(update.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const lastState = logs.body.logs[0];
    expect(lastState).toMatchObject({
      entity_id: r,
      before: { status: 'assayed' },
      after: { status: 'settled', settlement_id: settled.body.data.id },
    });

    // assay data is audited too, and frozen once it priced a settlement
    expect((await s.t.call('PUT', `/api/assay-data/${assayId}`, { token: s.admin.token, body: { water_content: 9 } })).status).toBe(409);
    const assays = await s.get(`/api/audit-logs?entity_type=assay_data&entity_id=${assayId}`);
    expect(assays.body.logs).toHaveLength(1);
    expect(assays.body.logs[0]).toMatchObject({ action: 'create', before: null, after: { id: assayId, water_content: 8.5 } });

    // archive and delete are state changes / deletions with their before image
    const c2 = await contract(s, { pricing_method: 'weight' });
    await s.post(`/api/contracts/${c2}/archive`, {});
    await s.t.call('DELETE', `/api/contracts/${c2}`, { token: s.admin.token });
    const c2logs = await s.get(`/api/audit-logs?contract_id=${c2}`);
    expect(c2logs.body.logs.map((l: any) => l.action)).toEqual(['delete', 'state', 'create']);
    expect(c2logs.body.logs[0]).toMatchObject({ after: null, before: { id: c2, status: '归档' } });
  });

  it('filters and pages; needs audit_read; another factory sees none of it', async () => {
    for (let i = 0; i < 3; i++) await contract(s, { pricing_method: 'weight' });
    const page = await s.get('/api/audit-logs?entity_type=contract&action=create&per_page=2&page=2');
    expect(page.body).toMatchObject({ total: 3, pages: 2, current_page: 2 });
    expect(page.body.logs).toHaveLength(1);
    const today = new Date().toISOString().slice(0, 10);
    expect((await s.get(`/api/audit-logs?start_date=${today}&end_date=${today}`)).body.total).toBe(3);
    expect((await s.get('/api/audit-logs?end_date=2000-01-01')).body.total).toBe(0);
    expect((await s.get(`/api/audit-logs?actor_id=${s.admin.id}`)).body.total).toBe(3);
    expect((await s.get('/api/audit-logs?start_date=2024-02-02&end_date=2024-02-01')).status).toBe(400);

    const operator = await makeFactoryUser(s.t, { role: 'operator' });
    const denied = await s.get('/api/audit-logs', operator);
    expect(denied.status).toBe(403);
    expect(denied.body.error_code).toBe('PERMISSION_DENIED');

    const other = await makeFactoryUser(s.t, { factoryId: FACTORY_B });
    expect((await s.get('/api/audit-logs', other)).body.total).toBe(0);
    const someContract = page.body.logs[0].entity_id;
    expect((await s.get(`/api/contracts/${someContract}/logs`, other)).status).toBe(404);
  });
});
