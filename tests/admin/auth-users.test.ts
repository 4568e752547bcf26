import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FACTORY_B, makeFactoryUser, type TestUser } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

describe.each(DIALECTS)('admin auth and users on %s', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await makeFactoryUser(t, { username: 'admin_a', department: '总部' });
  });
  afterEach(() => t.close());

  it('logs in, reads /api/users/me, logs out and the token stops working', async () => {
    const login = await t.call('POST', '/api/login', { body: { username: 'admin_a', password: admin.password } });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ success: true, message: '登录成功' });
    expect(login.body.data.user).toEqual({ id: admin.id, username: 'admin_a', email: 'admin_a@example.com', name: 'admin_a' });
    const token = login.body.data.token as string;

    const me = await t.call('GET', '/api/users/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.success).toBe(true);
    expect(me.body.data).toMatchObject({ id: admin.id, username: 'admin_a', roles: ['工厂超级管理员'], departments: ['总部'] });

    const out = await t.call('POST', '/api/logout', { token });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ success: true, message: '登出成功' });
    const again = await t.call('GET', '/api/users/me', { token });
    expect(again.status).toBe(401);
    expectErrorEnvelope('admin', again.body);
  });

  it('refuses a wrong password with INVALID_CREDENTIALS and bad input with VALIDATION_ERROR', async () => {
    const wrong = await t.call('POST', '/api/login', { body: { username: 'admin_a', password: 'nope-nope' } });
    expect(wrong.status).toBe(401);
    expectErrorEnvelope('admin', wrong.body);
    expect(wrong.body.error_code).toBe('INVALID_CREDENTIALS');
    const bad = await t.call('POST', '/api/login', { body: { username: 'admin_a' } });
    expect(bad.status).toBe(400);
    expectErrorEnvelope('admin', bad.body);
    expect(bad.body.error_code).toBe('VALIDATION_ERROR');
  });

  it('registers an unactivated user without permissions; duplicates answer 409', async () => {
    const body = { username: 'newuser', email: 'NewUser@example.com', password: 'secret12', name: '新用户' };
    const res = await t.call('POST', '/api/register', { body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ success: true, message: '注册成功' });
    expect(res.body.data.user).toMatchObject({ username: 'newuser', email: 'newuser@example.com', name: '新用户' });
    const row = await t.deps.db.selectFrom('users').selectAll().where('username', '=', 'newuser').executeTakeFirstOrThrow();
    expect(row.role).toBe('unactivated');
    expect(row.factory_id).toBeNull();

    const dup = await t.call('POST', '/api/register', { body: { ...body, email: 'other@example.com' } });
    expect(dup.status).toBe(409);
    expectErrorEnvelope('admin', dup.body);
    expect(dup.body.error_code).toBe('DUPLICATE_RESOURCE');

    const login = await t.call('POST', '/api/login', { body: { username: 'newuser', password: 'secret12' } });
    const list = await t.call('GET', '/api/users', { token: login.body.data.token });
    expect(list.status).toBe(403);
    expect(list.body.error_code).toBe('PERMISSION_DENIED');
  });

  it('lists, creates, reads, updates and deletes users of the own factory only', async () => {
    const other = await makeFactoryUser(t, { factoryId: FACTORY_B, username: 'other_b' });
    const created = await t.call('POST', '/api/users', {
      token: admin.token,
      body: { username: 'clerk', email: 'clerk@example.com', name: '文员', phone: '13800138000', password: 'secret12' },
    });
    expect(created.status).toBe(201);
    expect(created.body.success).toBe(true);
    const id = created.body.data.id as number;
    expect(created.body.data).toMatchObject({ username: 'clerk', role: 'viewer', phone: '13800138000' });

    const list = await t.call('GET', '/api/users', { token: admin.token });
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body)).toBe(true);
    expect(list.body.map((u: { username: string }) => u.username).sort()).toEqual(['admin_a', 'clerk']);

    const one = await t.call('GET', `/api/users/${id}`, { token: admin.token });
    expect(one.body).toMatchObject({ id, username: 'clerk', email: 'clerk@example.com', name: '文员' });

    const upd = await t.call('PUT', `/api/users/${id}`, { token: admin.token, body: { name: '文员二' } });
    expect(upd.status).toBe(200);
    expect(upd.body.data.name).toBe('文员二');

    const dup = await t.call('PUT', `/api/users/${id}`, { token: admin.token, body: { username: 'other_b' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error_code).toBe('DUPLICATE_RESOURCE');

    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', { name: 'x' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await t.call(method, `/api/users/${other.id}`, { token: admin.token, body });
      expect(res.status, `${method} other factory's user`).toBe(404);
      expectErrorEnvelope('admin', res.body);
    }

    const self = await t.call('DELETE', `/api/users/${admin.id}`, { token: admin.token });
    expect(self.status).toBe(409);
    const del = await t.call('DELETE', `/api/users/${id}`, { token: admin.token });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ success: true, message: '用户删除成功' });
    expect((await t.call('GET', `/api/users/${id}`, { token: admin.token })).status).toBe(404);
  });

  it('refuses granting a role above the caller and needs user_* permissions', async () => {
    const deptAdmin = await makeFactoryUser(t, { role: 'department_admin' });
    const create = await t.call('POST', '/api/users', {
      token: deptAdmin.token,
      body: { username: 'boss', email: 'boss@example.com', role: 'factory_super_admin' },
    });
    expect(create.status).toBe(403);
    expect(create.body.error_code).toBe('PERMISSION_DENIED');
    const bad = await t.call('GET', '/api/users/abc', { token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error_code).toBe('VALIDATION_ERROR');
  });
});
