import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUser, mobileLogin } from '../factories.ts';
import { FakeAliyunSms } from '../fakes/aliyun-sms.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { startedForSuite } from '../helpers/fakes.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';
import { smsEnv } from '../helpers/sms.ts';

describe.each(DIALECTS)('spec 002 story on %s', (dialect) => {
  let t: TestApp;
  const sms = startedForSuite(new FakeAliyunSms());
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: smsEnv(sms) });
    await makeUser(t, { username: 'padmin', role: 'platform_admin' });
  });
  afterEach(() => t.close());

  it('factory → super admin → whitelist → SMS → registration → activation → login, device, refresh, logout', async () => {
    const platform = await mobileLogin(t, 'padmin');
    const f = await t.call('POST', '/api/platform/factories', {
      token: platform.token,
      body: { name: '测试食品厂', industry: '食品', contactPhone: '+8613900000000', idPrefix: 'TEST' },
    });
    expect(f.status).toBe(201);
    const factoryId: string = f.body.factory.id;
    expect(factoryId).toMatch(/^TEST_\d{4}_001$/);
    const listed = await t.call('GET', '/api/platform/factories', { token: platform.token });
    expect(listed.body.factories.map((x: { id: string }) => x.id)).toContain(factoryId);

    const admin = await t.call('POST', `/api/platform/factories/${factoryId}/admin`, {
      token: platform.token,
      body: { username: 'super1', password: 'SuperAdm1n', email: 'super1@example.com', fullName: '超管' },
    });
    expect(admin.status).toBe(201);
    expect(admin.body.user.role).toBe('factory_super_admin');
    const sa = await t.call('POST', '/api/auth/login', { body: { factoryId, username: 'super1', password: 'SuperAdm1n' } });
    expect(sa.status).toBe(200);
    const saToken: string = sa.body.token;

    const phone = '+8613812345678';
    // not whitelisted yet: no SMS goes out
    const early = await t.call('POST', '/api/mobile/auth/send-verification', {
      body: { phoneNumber: phone, verificationType: 'registration' },
    });
    expect(early.status).toBe(403);
    expectErrorEnvelope('mobile', early.body);
    expect(sms.messages.filter((m) => m.phone === phone)).toHaveLength(0);

    const wl = await t.call('POST', '/api/whitelist', { token: saToken, body: { phoneNumber: '13812345678' } });
    expect(wl.status).toBe(201);
    expect(wl.body.entry.phoneNumber).toBe(phone);
    expect((await t.call('GET', '/api/whitelist', { token: saToken })).body.whitelist).toHaveLength(1);

    const sent = await t.call('POST', '/api/mobile/auth/send-verification', {
      body: { phoneNumber: phone, verificationType: 'registration' },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ success: true, expiresIn: 300, resendAfter: 60 });
    const code = sms.lastCode(phone);
    const stored = await t.deps.db.selectFrom('sms_codes').select('code_hash').executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code);

    const wrongCode = code === '000000' ? '111111' : '000000';
    const bad = await t.call('POST', '/api/mobile/auth/register-phase-one', { body: { phoneNumber: phone, verificationCode: wrongCode } });
    expect(bad.status).toBe(400);
    expectErrorEnvelope('mobile', bad.body);
    const p1 = await t.call('POST', '/api/mobile/auth/register-phase-one', {
      body: { phoneNumber: phone, verificationType: 'registration', verificationCode: code },
    });
    expect(p1.status).toBe(200);
    expect(p1.body).toMatchObject({ success: true, message: '手机验证成功', factoryId });
    // the code is single use
    const again = await t.call('POST', '/api/mobile/auth/register-phase-one', { body: { phoneNumber: phone, verificationCode: code } });
    expect(again.status).toBe(400);

    const reg = { tempToken: p1.body.tempToken, username: 'worker1', password: 'Worker123', fullName: '工人一' };
    const p2 = await t.call('POST', '/api/mobile/auth/register-phase-two', { body: reg });
    expect(p2.status).toBe(201);
    expect(p2.body.user).toMatchObject({ username: 'worker1', factoryId, status: 'unactivated' });
    const replay = await t.call('POST', '/api/mobile/auth/register-phase-two', { body: { ...reg, username: 'worker2' } });
    expect(replay.status).toBe(401);
    expectErrorEnvelope('mobile', replay.body);

    // an unactivated account cannot sign in yet
    const tooEarly = await t.call('POST', '/api/mobile/auth/unified-login', { body: { username: 'worker1', password: 'Worker123' } });
    expect(tooEarly.status).toBe(403);

    const pending = await t.call('GET', '/api/users/pending', { token: saToken });
    expect(pending.status).toBe(200);
    expect(pending.body.users.map((u: { username: string }) => u.username)).toEqual(['worker1']);
    const act = await t.call('PUT', `/api/users/${p2.body.user.id}/activate`, {
      token: saToken,
      body: { roleCode: 'operator', department: '加工', permissions: ['user_read'] },
    });
    expect(act.status).toBe(200);
    expect(act.body.user).toMatchObject({ role: 'operator', permissions: ['user_read'] });
    expect((await t.call('GET', '/api/users/pending', { token: saToken })).body.users).toHaveLength(0);

    const w = await mobileLogin(t, 'worker1', 'Worker123');
    expect(w.user.role).toBe('operator');
    // activated with department 加工: the app reads its code and display name
    expect(w.user).toMatchObject({ department: 'processing', departmentDisplayName: '加工部门' });
    expect(w.user.permissions).toContain('user_read');
    const bind = await t.call('POST', '/api/mobile/auth/bind-device', { token: w.token, body: { deviceId: 'phone-1' } });
    expect(bind.status).toBe(200);
    const check = await t.call('POST', '/api/mobile/permissions/batch-check', {
      token: w.token,
      body: {
        permissionChecks: [
          { type: 'permission', values: ['material_read', 'user_read'], operator: 'AND' },
          { type: 'role', values: ['factory_super_admin', 'operator'], operator: 'OR' },
          { type: 'level', values: ['department_admin'], operator: 'AND' },
        ],
      },
    });
    expect(check.status).toBe(200);
    expect(check.body.results.map((r: { passed: boolean }) => r.passed)).toEqual([true, true, false]);
    expect(check.body.allPassed).toBe(false);

    const r = await t.call('POST', '/api/mobile/auth/refresh-token', { body: { refreshToken: w.refreshToken, deviceId: 'phone-1' } });
    expect(r.status).toBe(200);
    const out = await t.call('POST', '/api/mobile/auth/logout', { token: r.body.token, body: { refreshToken: r.body.refreshToken } });
    expect(out.status).toBe(200);
    expect((await t.call('GET', '/api/mobile/auth/profile', { token: r.body.token })).status).toBe(401);
    expect((await t.call('POST', '/api/mobile/auth/refresh-token', { body: { refreshToken: r.body.refreshToken } })).status).toBe(401);
  });
});
