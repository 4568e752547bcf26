import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFactoryUser, type TestUser } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

/**
 * The later back office of spec 001 (`merlen30010-ctrl/managenew`, REAL-CLIENTS.md): its uni-app
 * client logs in at /api/login and keeps `data.token`; `POST /api/refresh-token` answers
 * `{success, data: {token}}`. tracehub's login adds a refresh token, rotated by that endpoint.
 */
describe.each(DIALECTS)('back-office refresh tokens on %s', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await makeFactoryUser(t, { username: 'admin_a' });
  });
  afterEach(() => t.close());

  const login = async () => {
    const res = await t.call('POST', '/api/login', { body: { username: 'admin_a', password: admin.password } });
    expect(res.status).toBe(200);
    return res.body;
  };
  const refresh = (refresh_token: string) => t.call('POST', '/api/refresh-token', { body: { refresh_token } });

  it('login keeps spec 001’s fields and adds refresh_token and expires_in', async () => {
    const body = await login();
    expect(body).toMatchObject({ success: true, message: '登录成功' });
    expect(Object.keys(body.data).sort()).toEqual(['expires_in', 'refresh_token', 'token', 'user']);
    expect(body.data.user).toEqual({ id: admin.id, username: 'admin_a', email: 'admin_a@example.com', name: 'admin_a' });
    expect(body.data.expires_in).toBe(86_400);
  });

  it('refresh answers data.token (what the client keeps) and rotates; reuse revokes the family', async () => {
    const s = (await login()).data;
    const r1 = await refresh(s.refresh_token);
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ success: true, message: 'Token刷新成功' });
    expect(r1.body.data).toEqual({ token: expect.any(String), refresh_token: expect.any(String), expires_in: 86_400 });
    expect(r1.body.data.refresh_token).not.toBe(s.refresh_token);
    const me = await t.call('GET', '/api/users/me', { token: r1.body.data.token });
    expect(me.status).toBe(200);
    expect(me.body.data.id).toBe(admin.id);

    const reuse = await refresh(s.refresh_token);
    expect(reuse.status).toBe(401);
    expectErrorEnvelope('admin', reuse.body);
    expect(reuse.body.error_code).toBe('UNAUTHORIZED');
    expect(reuse.body.message).toContain('令牌');
    // the legitimate newer token died with its family
    expect((await refresh(r1.body.data.refresh_token)).status).toBe(401);
    // a fresh login starts a new family
    expect((await refresh((await login()).data.refresh_token)).status).toBe(200);
  });

  it('refuses other clients’ refresh tokens, garbage, a missing field and deactivated users', async () => {
    const mobile = await t.call('POST', '/api/mobile/auth/unified-login', { body: { username: 'admin_a', password: admin.password } });
    expect(mobile.status).toBe(200);
    expect((await refresh(mobile.body.refreshToken)).status).toBe(401);
    expect((await refresh('not-a-token')).status).toBe(401);
    // managenew's own backend refreshed the access token from the Authorization header: a refresh token is needed here
    const headerOnly = await t.call('POST', '/api/refresh-token', { token: (await login()).data.token });
    expect(headerOnly.status).toBe(400);
    expectErrorEnvelope('admin', headerOnly.body);
    expect(headerOnly.body.error_code).toBe('VALIDATION_ERROR');
    const s = (await login()).data;
    await t.deps.db.updateTable('users').set({ is_active: 0 }).where('id', '=', admin.id).execute();
    expect((await refresh(s.refresh_token)).status).toBe(401);
  });

  it('logout revokes the access token and the given refresh family, or all of the caller’s', async () => {
    const a = (await login()).data;
    const b = (await login()).data;
    const out = await t.call('POST', '/api/logout', { token: a.token, body: { refresh_token: a.refresh_token } });
    expect(out.status).toBe(200);
    expect((await t.call('GET', '/api/users/me', { token: a.token })).status).toBe(401);
    expect((await refresh(a.refresh_token)).status).toBe(401);
    const b2 = await refresh(b.refresh_token);
    expect(b2.status).toBe(200);
    // without a body: every back-office session of the caller
    expect((await t.call('POST', '/api/logout', { token: b2.body.data.token })).status).toBe(200);
    expect((await refresh(b2.body.data.refresh_token)).status).toBe(401);
  });
});
