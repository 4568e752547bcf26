import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFactory, makeUser, mobileLogin, PASSWORD } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

describe.each(DIALECTS)('mobile identity on %s', (dialect) => {
  let t: TestApp;
  let opId: number;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await makeFactory(t, 'F_A_2024_001');
    await makeFactory(t, 'F_B_2024_001');
    opId = (await makeUser(t, { username: 'op_a', role: 'operator', factoryId: 'F_A_2024_001' })).id;
    await makeUser(t, { username: 'padmin', role: 'platform_admin' });
  });
  afterEach(() => t.close());

  it('unified-login answers the spec 002 shape, spread into the envelope', async () => {
    const res = await t.call('POST', '/api/mobile/auth/unified-login', { body: { username: 'op_a', password: PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.user).toMatchObject({ id: opId, username: 'op_a', userType: 'factory', role: 'operator' });
    expect(res.body.user.permissions).toContain('material_read');
    expect(typeof res.body.token).toBe('string');
    expect(typeof res.body.refreshToken).toBe('string');
  });

  it('factory login checks the factory; platform login only platform users', async () => {
    const ok = await t.call('POST', '/api/auth/login', { body: { factoryId: 'F_A_2024_001', username: 'op_a', password: PASSWORD } });
    expect(ok.status).toBe(200);
    const other = await t.call('POST', '/api/auth/login', { body: { factoryId: 'F_B_2024_001', username: 'op_a', password: PASSWORD } });
    expect(other.status).toBe(401);
    expectErrorEnvelope('mobile', other.body);
    expect(other.body.code).toBe('AUTHENTICATION_ERROR');
    expect((await t.call('POST', '/api/auth/platform-login', { body: { username: 'op_a', password: PASSWORD } })).status).toBe(401);
    const p = await t.call('POST', '/api/auth/platform-login', { body: { username: 'padmin', password: PASSWORD } });
    expect(p.status).toBe(200);
    expect(p.body.user.userType).toBe('platform');
  });

  it('locks an account after 5 failures, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.call('POST', '/api/mobile/auth/unified-login', { body: { username: 'op_a', password: 'wrong-pass1' } });
      expect(r.status).toBe(401);
    }
    const locked = await t.call('POST', '/api/mobile/auth/unified-login', { body: { username: 'op_a', password: PASSWORD } });
    expect(locked.status).toBe(429);
    expectErrorEnvelope('mobile', locked.body);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // another account from the same IP is not locked yet
    expect((await t.call('POST', '/api/auth/platform-login', { body: { username: 'padmin', password: PASSWORD } })).status).toBe(200);
  });

  it('refresh rotates; reusing a spent token revokes the whole family', async () => {
    const s = await mobileLogin(t, 'op_a');
    const r1 = await t.call('POST', '/api/mobile/auth/refresh-token', { body: { refreshToken: s.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(s.refreshToken);
    const reuse = await t.call('POST', '/api/mobile/auth/refresh-token', { body: { refreshToken: s.refreshToken } });
    expect(reuse.status).toBe(401);
    expectErrorEnvelope('mobile', reuse.body);
    // the legitimate newer token died with its family
    const r2 = await t.call('POST', '/api/mobile/auth/refresh-token', { body: { refreshToken: r1.body.refreshToken } });
    expect(r2.status).toBe(401);
    expect((await t.call('POST', '/api/mobile/auth/refresh-token', { body: { refreshToken: 'nope' } })).status).toBe(401);
  });

  it('logout revokes the access token and the refresh family', async () => {
    const s = await mobileLogin(t, 'op_a');
    expect((await t.call('GET', '/api/mobile/auth/profile', { token: s.token })).status).toBe(200);
    const out = await t.call('POST', '/api/mobile/auth/logout', { token: s.token, body: { refreshToken: s.refreshToken } });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ success: true, message: '登出成功' });
    const after = await t.call('GET', '/api/mobile/auth/profile', { token: s.token });
    expect(after.status).toBe(401);
    expectErrorEnvelope('mobile', after.body);
    expect((await t.call('POST', '/api/mobile/auth/refresh-token', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
  });

  it('changes the password with the old one; the old one stops working', async () => {
    const s = await mobileLogin(t, 'op_a');
    const bad = await t.call('PUT', '/api/auth/password', { token: s.token, body: { oldPassword: 'nope', newPassword: 'NewPassw0rd' } });
    expect(bad.status).toBe(401);
    const weak = await t.call('PUT', '/api/auth/password', { token: s.token, body: { oldPassword: PASSWORD, newPassword: 'short' } });
    expect(weak.status).toBe(400);
    expectErrorEnvelope('mobile', weak.body);
    const ok = await t.call('PUT', '/api/auth/password', { token: s.token, body: { oldPassword: PASSWORD, newPassword: 'NewPassw0rd' } });
    expect(ok.status).toBe(200);
    expect((await t.call('POST', '/api/mobile/auth/unified-login', { body: { username: 'op_a', password: PASSWORD } })).status).toBe(401);
    await mobileLogin(t, 'op_a', 'NewPassw0rd');
  });

  it('binds a device and signs in with its token', async () => {
    const s = await mobileLogin(t, 'op_a');
    const bind = await t.call('POST', '/api/mobile/auth/bind-device', {
      token: s.token,
      body: { deviceId: 'dev-1', deviceInfo: { deviceModel: 'Pixel', platform: 'android', osVersion: '14' } },
    });
    expect(bind.status).toBe(200);
    const list = await t.call('GET', '/api/mobile/auth/devices', { token: s.token });
    expect(list.body.devices).toHaveLength(1);
    expect(list.body.devices[0]).toMatchObject({ deviceId: 'dev-1', platform: 'android' });
    const stored = await t.deps.db.selectFrom('user_devices').select('token_hash').executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(bind.body.deviceToken);
    const dl = await t.call('POST', '/api/mobile/auth/device-login', { body: { deviceId: 'dev-1', deviceToken: bind.body.deviceToken } });
    expect(dl.status).toBe(200);
    expect(dl.body.user.id).toBe(opId);
    const wrong = await t.call('POST', '/api/mobile/auth/device-login', {
      body: { deviceId: 'dev-2', deviceToken: bind.body.deviceToken },
    });
    expect(wrong.status).toBe(401);
    expectErrorEnvelope('mobile', wrong.body);
  });
});
