import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogSmsSender } from '../../src/integrations/sms/log-sender.ts';
import { makeFactory, makeUser, mobileLogin } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

describe.each(DIALECTS)('factory admin boundaries on %s', (dialect) => {
  let t: TestApp;
  let ids: { [k in 'superA' | 'deptA' | 'permA' | 'pendingA' | 'pendingB' | 'opB' | 'platform']: number };
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await makeFactory(t, 'FA_2024_001');
    await makeFactory(t, 'FB_2024_001');
    ids = {
      superA: (await makeUser(t, { username: 'super_a', role: 'factory_super_admin', factoryId: 'FA_2024_001' })).id,
      deptA: (await makeUser(t, { username: 'dept_a', role: 'department_admin', factoryId: 'FA_2024_001' })).id,
      permA: (await makeUser(t, { username: 'perm_a', role: 'permission_admin', factoryId: 'FA_2024_001' })).id,
      pendingA: (await makeUser(t, { username: 'new_a', role: 'unactivated', factoryId: 'FA_2024_001' })).id,
      pendingB: (await makeUser(t, { username: 'new_b', role: 'unactivated', factoryId: 'FB_2024_001' })).id,
      opB: (await makeUser(t, { username: 'op_b', role: 'operator', factoryId: 'FB_2024_001' })).id,
      platform: (await makeUser(t, { username: 'padmin', role: 'platform_admin' })).id,
    };
  });
  afterEach(() => t.close());

  it("another factory's users answer 404 to pending, activate and reset-password", async () => {
    const { token } = await mobileLogin(t, 'super_a');
    const pending = await t.call('GET', '/api/users/pending', { token });
    expect(pending.body.users.map((u: { id: number }) => u.id)).toEqual([ids.pendingA]);
    const act = await t.call('PUT', `/api/users/${ids.pendingB}/activate`, { token, body: { roleCode: 'viewer' } });
    expect(act.status).toBe(404);
    expectErrorEnvelope('mobile', act.body);
    expect(act.body.code).toBe('NOT_FOUND_ERROR');
    const reset = await t.call('PUT', `/api/users/${ids.opB}/reset-password`, { token, body: {} });
    expect(reset.status).toBe(404);
    const row = await t.deps.db.selectFrom('users').select('role').where('id', '=', ids.pendingB).executeTakeFirstOrThrow();
    expect(row.role).toBe('unactivated');
  });

  it('no one grants a role above their own or permissions they lack', async () => {
    const { token } = await mobileLogin(t, 'perm_a');
    const up = await t.call('PUT', `/api/users/${ids.pendingA}/activate`, { token, body: { roleCode: 'factory_super_admin' } });
    expect(up.status).toBe(403);
    expectErrorEnvelope('mobile', up.body);
    const platformPerm = await t.call('PUT', `/api/users/${ids.pendingA}/activate`, {
      token,
      body: { roleCode: 'operator', permissions: ['platform_factories'] },
    });
    expect(platformPerm.status).toBe(403);
    const same = await t.call('PUT', `/api/users/${ids.pendingA}/activate`, { token, body: { roleCode: 'permission_admin' } });
    expect(same.status).toBe(200);
    const twice = await t.call('PUT', `/api/users/${ids.pendingA}/activate`, { token, body: { roleCode: 'viewer' } });
    expect(twice.status).toBe(409);
    // a permission admin cannot reset the super admin's password, nor (via this route) their own
    expect((await t.call('PUT', `/api/users/${ids.superA}/reset-password`, { token, body: {} })).status).toBe(403);
    expect((await t.call('PUT', `/api/users/${ids.permA}/reset-password`, { token, body: {} })).status).toBe(403);
  });

  it('department admins lack user_activate and whitelist_manage', async () => {
    const { token } = await mobileLogin(t, 'dept_a');
    for (const [m, p, body] of [
      ['GET', '/api/users/pending', undefined],
      ['PUT', `/api/users/${ids.pendingA}/activate`, { roleCode: 'viewer' }],
      ['GET', '/api/whitelist', undefined],
      ['POST', '/api/whitelist', { phoneNumber: '+8613800000009' }],
    ] as const) {
      const r = await t.call(m, p, { token, body });
      expect(r.status, `${m} ${p}`).toBe(403);
      expectErrorEnvelope('mobile', r.body);
    }
    // and factory users never reach the platform console
    const f = await t.call('GET', '/api/platform/factories', { token: (await mobileLogin(t, 'super_a')).token });
    expect(f.status).toBe(403);
  });

  it('reset-password returns a temporary password that works once the admin hands it over', async () => {
    const { token } = await mobileLogin(t, 'super_a');
    const r = await t.call('PUT', `/api/users/${ids.deptA}/reset-password`, { token, body: {} });
    expect(r.status).toBe(200);
    expect(typeof r.body.temporaryPassword).toBe('string');
    await mobileLogin(t, 'dept_a', r.body.temporaryPassword);
  });

  it("whitelist entries of another factory answer 404; expired entries don't allow registration", async () => {
    const a = (await mobileLogin(t, 'super_a')).token;
    const b = (await makeUser(t, { username: 'super_b', role: 'factory_super_admin', factoryId: 'FB_2024_001' })).id;
    const bToken = (await mobileLogin(t, 'super_b')).token;
    const added = await t.call('POST', '/api/whitelist', { token: bToken, body: { phoneNumber: '+8613700000001' } });
    expect(added.status).toBe(201);
    const del = await t.call('DELETE', `/api/whitelist/${added.body.entry.id}`, { token: a });
    expect(del.status).toBe(404);
    expectErrorEnvelope('mobile', del.body);
    expect((await t.call('GET', '/api/whitelist', { token: a })).body.whitelist).toHaveLength(0);
    expect((await t.call('POST', '/api/whitelist', { token: bToken, body: { phoneNumber: '13700000001' } })).status).toBe(409);
    expect((await t.call('POST', '/api/whitelist', { token: bToken, body: { phoneNumber: '+1555000111' } })).status).toBe(400);
    expect((await t.call('DELETE', `/api/whitelist/${added.body.entry.id}`, { token: bToken })).status).toBe(200);

    await t.deps.db
      .insertInto('phone_whitelist')
      .values({ factory_id: 'FA_2024_001', phone: '+8613700000002', expires_at: Date.now() - 1000, created_by: b, created_at: Date.now() })
      .execute();
    const r = await t.call('POST', '/api/mobile/auth/send-verification', { body: { phoneNumber: '+8613700000002' } });
    expect(r.status).toBe(403);
  });

  it('SMS throttles: one send per 60 s, ten per day, five wrong tries', async () => {
    const phone = '+8613600000001';
    await t.deps.db
      .insertInto('phone_whitelist')
      .values({ factory_id: 'FA_2024_001', phone, expires_at: null, created_by: null, created_at: Date.now() })
      .execute();
    const send = () =>
      t.call('POST', '/api/mobile/auth/send-verification', { body: { phoneNumber: phone, verificationType: 'registration' } });
    expect((await send()).status).toBe(200);
    const second = await send();
    expect(second.status).toBe(429);
    expectErrorEnvelope('mobile', second.body);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    const log = t.deps.sms as LogSmsSender;
    expect(log.sent.filter((m) => m.phone === phone)).toHaveLength(1);
    const code = /(\d{6})/.exec(log.sent.at(-1)?.text ?? '')?.[1];
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await t.call('POST', '/api/mobile/auth/register-phase-one', { body: { phoneNumber: phone, verificationCode: wrong } });
      expect(r.status).toBe(400);
    }
    // the sixth try is refused even with the right code
    const right = await t.call('POST', '/api/mobile/auth/register-phase-one', { body: { phoneNumber: phone, verificationCode: code } });
    expect(right.status).toBe(400);
    expect(right.body.message).toContain('次数过多');

    // ten per day: age the existing row past the 60 s window and fill up to ten
    const old = Date.now() - 3600_000;
    await t.deps.db.updateTable('sms_codes').set({ created_at: old }).execute();
    await t.deps.db
      .insertInto('sms_codes')
      .values(
        Array.from({ length: 9 }, () => ({
          phone,
          purpose: 'registration',
          code_hash: 'x'.repeat(64),
          expires_at: old,
          consumed_at: old,
          created_at: old,
        })),
      )
      .execute();
    const eleventh = await send();
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.message).toContain('上限');
    expect((await t.call('POST', '/api/mobile/auth/send-verification', { body: { phoneNumber: '+8612000000000' } })).status).toBe(400);
  });

  it('activation codes: limits, expiry, idempotent per device', async () => {
    const now = Date.now();
    await t.deps.db
      .insertInto('activation_codes')
      .values([
        { code: 'ONE_USE', max_uses: 1, expires_at: null, created_at: now, description: null },
        { code: 'OLD', max_uses: 10, expires_at: now - 1, created_at: now, description: null },
      ])
      .execute();
    const act = (code: string, deviceId: string) =>
      t.call('POST', '/api/mobile/activation/activate', { body: { activationCode: code, deviceInfo: { deviceId, deviceModel: 'X' } } });
    expect((await act('ONE_USE', 'd1')).status).toBe(200);
    expect((await act('ONE_USE', 'd1')).body.message).toBe('设备已激活');
    const full = await act('ONE_USE', 'd2');
    expect(full.status).toBe(400);
    expectErrorEnvelope('mobile', full.body);
    expect((await act('OLD', 'd1')).status).toBe(400);
    expect((await act('NOPE', 'd1')).status).toBe(400);
    const v = await t.call('POST', '/api/mobile/activation/validate', { body: { activationCode: 'ONE_USE', deviceId: 'd1' } });
    expect(v.body).toMatchObject({ success: true, valid: true });
    const v2 = await t.call('POST', '/api/mobile/activation/validate', { body: { activationCode: 'ONE_USE', deviceId: 'd2' } });
    expect(v2.body.valid).toBe(false);
  });

  it('health answers without a token', async () => {
    const r = await t.call('GET', '/api/mobile/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: true, status: 'healthy', services: { database: 'healthy', ai: 'not_configured' } });
  });
});
