import { describe, expect, it } from 'vitest';
import { FACTORY_B, makeFactoryUser, type TestUser } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

describe.each(DIALECTS)('admin master data on %s', (dialect) => {
  const w = eachTestApp(dialect, async (t) => ({ a: await makeFactoryUser(t), b: await makeFactoryUser(t, { factoryId: FACTORY_B }) }));

  const post = (user: TestUser, path: string, body: unknown) => w.t.call('POST', path, { token: user.token, body });

  async function branchAndDept(user: TestUser) {
    const branch = await post(user, '/api/departments', {
      name: '一分厂',
      short_name: '一厂',
      full_name: '第一分厂',
      phone: '010-12345678',
    });
    expect(branch.status).toBe(201);
    const dept = await post(user, '/api/departments', { name: '化验室', parent_id: branch.body.data.id });
    expect(dept.status).toBe(201);
    return { branchId: branch.body.data.id as number, deptId: dept.body.data.id as number };
  }

  it('materials: CRUD, bare list, 409 on a duplicate code per factory, 404 across factories', async () => {
    const body = { name: '锌精矿', code: 'ZN001', full_name: '锌精矿原料', purpose: '原料' };
    const created = await post(w.a, '/api/materials', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ success: true, message: '物料创建成功', data: body });
    const id = created.body.data.id;

    const dup = await post(w.a, '/api/materials', { ...body, name: '另一个' });
    expect(dup.status).toBe(409);
    expectErrorEnvelope('admin', dup.body);
    expect(dup.body.error_code).toBe('DUPLICATE_RESOURCE');
    // the same code in another factory is fine
    expect((await post(w.b, '/api/materials', body)).status).toBe(201);

    const list = await w.t.call('GET', '/api/materials', { token: w.a.token });
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ id, ...body });

    const upd = await w.t.call('PUT', `/api/materials/${id}`, { token: w.a.token, body: { purpose: '产品' } });
    expect(upd.body.data).toMatchObject({ code: 'ZN001', purpose: '产品' });

    for (const [method, reqBody] of [
      ['GET', undefined],
      ['PUT', { name: 'x' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await w.t.call(method, `/api/materials/${id}`, { token: w.b.token, body: reqBody });
      expect(res.status, `${method} of factory A's material by B`).toBe(404);
      expectErrorEnvelope('admin', res.body);
      expect(res.body.error_code).toBe('RESOURCE_NOT_FOUND');
    }
    const bad = await post(w.a, '/api/materials', { ...body, code: 'ZN002', purpose: '废料' });
    expect(bad.status).toBe(400);
    expectErrorEnvelope('admin', bad.body);
    expect(bad.body.error_code).toBe('VALIDATION_ERROR');

    const del = await w.t.call('DELETE', `/api/materials/${id}`, { token: w.a.token });
    expect(del.body).toEqual({ success: true, message: '物料删除成功' });
    expect((await w.t.call('GET', `/api/materials/${id}`, { token: w.a.token })).status).toBe(404);
  });

  it('a role without material_create gets 403 PERMISSION_DENIED but may read', async () => {
    const viewer = await makeFactoryUser(w.t, { role: 'viewer' });
    const res = await post(viewer, '/api/materials', { name: '锌精矿', code: 'ZN001', purpose: '原料' });
    expect(res.status).toBe(403);
    expectErrorEnvelope('admin', res.body);
    expect(res.body.error_code).toBe('PERMISSION_DENIED');
    expect((await w.t.call('GET', '/api/materials', { token: viewer.token })).status).toBe(200);
    const platformless = await makeFactoryUser(w.t, { factoryId: null, role: 'unactivated' });
    expect((await w.t.call('GET', '/api/materials', { token: platformless.token })).status).toBe(403);
  });

  it('customers: spec enumeration, duplicate code 409, tenant 404', async () => {
    const body = {
      name: '客户A',
      code: 'CUS001',
      full_name: '客户A有限公司',
      customer_type: '产品采购',
      phone: '13800138000',
      address: '北京市朝阳区',
    };
    const created = await post(w.a, '/api/customers', body);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject(body);
    expect((await post(w.a, '/api/customers', body)).status).toBe(409);
    expect((await post(w.a, '/api/customers', { ...body, code: 'C2', customer_type: '路人' })).status).toBe(400);
    const list = await w.t.call('GET', '/api/customers', { token: w.a.token });
    expect(list.body).toEqual([expect.objectContaining(body)]);
    expect((await w.t.call('GET', `/api/customers/${created.body.data.id}`, { token: w.b.token })).status).toBe(404);
  });

  it('departments: two levels, parent must be a branch factory of the same factory', async () => {
    const { branchId, deptId } = await branchAndDept(w.a);
    const list = await w.t.call('GET', '/api/departments', { token: w.a.token });
    expect(list.body.map((d: { id: number; level: number; parent_id: number | null }) => [d.id, d.level, d.parent_id])).toEqual([
      [branchId, 1, null],
      [deptId, 2, branchId],
    ]);
    expect(list.body[0]).toMatchObject({ name: '一分厂', short_name: '一厂', full_name: '第一分厂', phone: '010-12345678' });

    const underDept = await post(w.a, '/api/departments', { name: '孙部门', parent_id: deptId });
    expect(underDept.status).toBe(400);
    expect(underDept.body.error_code).toBe('VALIDATION_ERROR');
    const crossTenant = await post(w.b, '/api/departments', { name: '偷挂', parent_id: branchId });
    expect(crossTenant.status).toBe(400);
    expect((await w.t.call('GET', `/api/departments/${branchId}`, { token: w.b.token })).status).toBe(404);

    const inUse = await w.t.call('DELETE', `/api/departments/${branchId}`, { token: w.a.token });
    expect(inUse.status).toBe(409);
    expect((await w.t.call('DELETE', `/api/departments/${deptId}`, { token: w.a.token })).status).toBe(200);
    expect((await w.t.call('DELETE', `/api/departments/${branchId}`, { token: w.a.token })).status).toBe(200);
  });

  it('contracts: references checked within the factory, number unique, status filter, tenant 404', async () => {
    const { branchId } = await branchAndDept(w.a);
    const customer = await post(w.a, '/api/customers', { name: '客户A', code: 'CUS001', customer_type: '产品采购' });
    const material = await post(w.a, '/api/materials', { name: '锌锭', code: 'ZN100', purpose: '产品' });
    const foreignCustomer = await post(w.b, '/api/customers', { name: '客户B', code: 'CUS001', customer_type: '产品采购' });
    const body = {
      contract_type: '产品销售',
      contract_number: 'CON2024001',
      customer_id: customer.body.data.id,
      material_id: material.body.data.id,
      factory_id: branchId,
      responsible_id: w.a.id,
      sign_date: '2024-01-01',
      expiry_date: '2024-12-31',
      tax_rate: 0.13,
      pricing_method: 'weight',
      coefficient: 1.0,
    };
    const created = await post(w.a, '/api/contracts', body);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ ...body, status: '执行' });
    const id = created.body.data.id;

    expect((await post(w.a, '/api/contracts', body)).status).toBe(409);
    const foreign = await post(w.a, '/api/contracts', { ...body, contract_number: 'CON2', customer_id: foreignCustomer.body.data.id });
    expect(foreign.status).toBe(400);
    expectErrorEnvelope('admin', foreign.body);
    const foreignUser = await post(w.a, '/api/contracts', { ...body, contract_number: 'CON3', responsible_id: w.b.id });
    expect(foreignUser.status).toBe(400);
    const badDate = await post(w.a, '/api/contracts', { ...body, contract_number: 'CON4', sign_date: '2024-02-30' });
    expect(badDate.status).toBe(400);
    const reversed = await post(w.a, '/api/contracts', { ...body, contract_number: 'CON5', expiry_date: '2023-12-31' });
    expect(reversed.status).toBe(400);

    const archived = await w.t.call('PUT', `/api/contracts/${id}`, { token: w.a.token, body: { status: '归档' } });
    expect(archived.body.data.status).toBe('归档');
    expect((await w.t.call('GET', '/api/contracts?status=执行', { token: w.a.token })).body).toEqual([]);
    expect((await w.t.call('GET', '/api/contracts', { token: w.a.token })).body).toHaveLength(1);

    // in use by a contract
    expect((await w.t.call('DELETE', `/api/materials/${material.body.data.id}`, { token: w.a.token })).status).toBe(409);

    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const res = await w.t.call(method, `/api/contracts/${id}`, {
        token: w.b.token,
        body: method === 'PUT' ? { status: '执行' } : undefined,
      });
      expect(res.status, `${method} of A's contract by B`).toBe(404);
      expectErrorEnvelope('admin', res.body);
    }
    expect((await w.t.call('GET', '/api/contracts', { token: w.b.token })).body).toEqual([]);
  });

  it('assay data: all spec fields, nullable floats, branch factory of the own factory', async () => {
    const { branchId, deptId } = await branchAndDept(w.a);
    const body = {
      sample_name: '锌精矿样品001',
      factory_id: branchId,
      water_content: 8.5,
      zinc_content: 55.2,
      lead_content: 2.1,
      chlorine_content: 0.05,
      fluorine_content: 0.02,
      iron_content: 6.8,
      silicon_content: 3.2,
      sulfur_content: 32.1,
      high_heat: null,
      silver_content: 120.5,
      recovery_rate: 95.2,
      remarks: '正常样品',
    };
    const created = await post(w.a, '/api/assay-data', body);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ ...body, low_heat: null, created_by: w.a.id });
    expect(created.body.data.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const list = await w.t.call('GET', '/api/assay-data', { token: w.a.token });
    expect(list.body).toEqual([created.body.data]);
    expect((await post(w.a, '/api/assay-data', { ...body, factory_id: deptId })).status).toBe(400);
    expect((await post(w.a, '/api/assay-data', { ...body, zinc_content: 150 })).status).toBe(400);
    expect((await w.t.call('GET', `/api/assay-data/${created.body.data.id}`, { token: w.b.token })).status).toBe(404);
    expect((await w.t.call('GET', '/api/assay-data', { token: w.b.token })).body).toEqual([]);

    const upd = await w.t.call('PUT', `/api/assay-data/${created.body.data.id}`, { token: w.a.token, body: { zinc_content: null } });
    expect(upd.body.data.zinc_content).toBeNull();
  });
});
