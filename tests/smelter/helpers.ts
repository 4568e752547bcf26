import { expect } from 'vitest';
import { makeFactoryUser, type TestUser } from '../factories.ts';
import type { TestApp } from '../helpers/app.ts';

/** A factory with an administrator, a branch factory and a concentrate material, called over REST. */
export interface Smelter {
  t: TestApp;
  admin: TestUser;
  branchId: number;
  materialId: number;
  post(path: string, body: unknown, user?: TestUser): Promise<any>;
  get(path: string, user?: TestUser): Promise<any>;
}

export async function smelter(t: TestApp): Promise<Smelter> {
  const admin = await makeFactoryUser(t);
  const post = async (path: string, body: unknown, user = admin) => t.call('POST', path, { token: user.token, body });
  const get = async (path: string, user = admin) => t.call('GET', path, { token: user.token });
  const branch = await post('/api/departments', { name: '一分厂' });
  expect(branch.status, branch.text).toBe(201);
  const material = await post('/api/materials', { name: '锌精矿', code: 'ZN001', purpose: '原料' });
  expect(material.status, material.text).toBe(201);
  return { t, admin, branchId: branch.body.data.id, materialId: material.body.data.id, post, get };
}

/** Creates a contract over REST and returns its id. */
export async function contract(s: Smelter, body: Record<string, unknown>): Promise<number> {
  const res = await s.post('/api/contracts', {
    contract_type: '原料采购',
    contract_number: `CON-${Math.random()}`.slice(0, 20),
    material_id: s.materialId,
    ...body,
  });
  expect(res.status, res.text).toBe(201);
  return res.body.data.id;
}

/** Weighs a truckload under a contract (kg) and returns the receipt id. */
export async function weigh(s: Smelter, contractId: number, gross: number, tare: number): Promise<number> {
  const res = await s.post('/api/receipts', {
    contract_id: contractId,
    vehicle_plate: '浙A12345',
    gross_weight: gross,
    tare_weight: tare,
    weighed_at: '2024-02-05T08:15:00Z',
    weighbridge_operator: '王磅',
  });
  expect(res.status, res.text).toBe(201);
  return res.body.data.id;
}

/** Samples a receipt, records its assay and links it: the receipt ends `assayed`. */
export async function assay(s: Smelter, receiptId: number, values: Record<string, number>): Promise<number> {
  const sampled = await s.post(`/api/receipts/${receiptId}/sample`, { sample_name: `样品${receiptId}` });
  expect(sampled.status, sampled.text).toBe(200);
  const a = await s.post('/api/assay-data', { sample_name: `样品${receiptId}`, factory_id: s.branchId, ...values });
  expect(a.status, a.text).toBe(201);
  const linked = await s.post(`/api/receipts/${receiptId}/assay`, { assay_id: a.body.data.id });
  expect(linked.status, linked.text).toBe(200);
  expect(linked.body.data.status).toBe('assayed');
  return a.body.data.id;
}

/** Records a day's quote (yuan/t). */
export async function quote(s: Smelter, day: string, average: number, metal = '1#锌'): Promise<void> {
  const res = await s.post('/api/metal-prices', { metal_type: metal, quote_date: day, average_price: average, price_change: 0 });
  expect(res.status, res.text).toBe(201);
}
