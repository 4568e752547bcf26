import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFactory, makeUser, PASSWORD } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

/**
 * Replays what the Cretas app (`frontend/CretasFoodTrace`: AuthService, apiClient, roleMapping)
 * and its backend's own API scripts (`backend/scripts/test-api.js`, `test-error-messages.js`,
 * `test-login-routes.js`) send and read (REAL-CLIENTS.md "factory mobile app").
 */
const DEVICE_INFO = { deviceId: 'TEST_DEVICE', deviceModel: 'Test', platform: 'test', osVersion: '1.0' };

describe.each(DIALECTS)('the Cretas mobile app against tracehub on %s', (dialect) => {
  let t: TestApp;
  const F = 'CRETAS_2024_001';
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await makeFactory(t, F);
    const proc = (await makeUser(t, { username: 'proc_admin', role: 'department_admin', factoryId: F })).id;
    await t.deps.db.updateTable('users').set({ department_code: 'processing', department: '加工' }).where('id', '=', proc).execute();
    const odd = (await makeUser(t, { username: 'rd_user', role: 'operator', factoryId: F })).id;
    await t.deps.db.updateTable('users').set({ department: '研发中心' }).where('id', '=', odd).execute();
    await makeUser(t, { username: 'platform_admin', role: 'platform_admin' });
    await makeUser(t, { username: 'inactive_test', role: 'unactivated', factoryId: F });
  });
  afterEach(() => t.close());

  const unifiedLogin = (username: unknown, password: unknown) =>
    t.call('POST', '/api/mobile/auth/unified-login', { body: { username, password, deviceInfo: DEVICE_INFO } });

  it('AuthService.login: success, message, user and tokens; the stored token opens the profile', async () => {
    const before = Date.now();
    const res = await unifiedLogin('proc_admin', PASSWORD);
    expect(res.status).toBe(200);
    const r = res.body;
    // `if (response.success && response.user && response.tokens)`
    expect(r.success).toBe(true);
    expect(r.message).toBe('登录成功');
    expect(r.tokens).toEqual({
      token: r.token,
      accessToken: r.token,
      refreshToken: r.refreshToken,
      expiresIn: expect.any(Number),
    });
    // the app stores `Date.now() + expiresIn * 1000`: the same instant the server's expiresAt names
    expect(Math.abs(before + r.tokens.expiresIn * 1000 - r.expiresAt)).toBeLessThan(5_000);
    // transformBackendUser: role || roleCode, factoryId, department (a code), the display name beside it
    expect(r.user).toMatchObject({
      userType: 'factory',
      role: 'department_admin',
      roleCode: 'department_admin',
      factoryId: F,
      department: 'processing',
      departmentDisplayName: '加工部门',
    });
    expect(r.user.permissions).toEqual(expect.arrayContaining(['material_read']));
    // apiClient: `Authorization: Bearer ${tokens.token || tokens.accessToken}`
    const profile = await t.call('GET', '/api/mobile/auth/profile', { token: r.tokens.token || r.tokens.accessToken });
    expect(profile.status).toBe(200);
    expect(profile.body.success).toBe(true);
    expect(profile.body.user).toMatchObject({ username: 'proc_admin', department: 'processing', departmentDisplayName: '加工部门' });
  });

  it('test-api.js: the platform admin logs in and uses tokens.token', async () => {
    const res = await unifiedLogin('platform_admin', PASSWORD);
    expect(res.body.success && res.body.tokens).toBeTruthy();
    expect(res.body.user).toMatchObject({ userType: 'platform', role: 'platform_admin', roleCode: 'platform_admin', department: null });
    const profile = await t.call('GET', '/api/mobile/auth/profile', { token: res.body.tokens.token });
    expect(profile.status).toBe(200);
    expect(profile.body.user.username).toBe('platform_admin');
  });

  it('an uncoded department keeps its text as the display name', async () => {
    const res = await unifiedLogin('rd_user', PASSWORD);
    expect(res.body.user).toMatchObject({ department: null, departmentDisplayName: '研发中心' });
  });

  it('apiClient refresh: tokens.accessToken and tokens.refreshToken, rotated; a replayed one ends the family', async () => {
    const s = (await unifiedLogin('proc_admin', PASSWORD)).body;
    const res = await t.call('POST', '/api/mobile/auth/refresh-token', {
      body: { refreshToken: s.tokens.refreshToken, deviceId: 'TEST_DEVICE' },
    });
    expect(res.status).toBe(200);
    // `if (response.success && response.tokens)`: the documented fields stay beside them
    expect(res.body).toMatchObject({ success: true, message: 'Token刷新成功', token: res.body.tokens.accessToken });
    expect(res.body.tokens).toEqual({
      accessToken: expect.any(String),
      refreshToken: res.body.refreshToken,
      expiresIn: s.tokens.expiresIn,
    });
    expect(res.body.tokens.refreshToken).not.toBe(s.tokens.refreshToken);
    const profile = await t.call('GET', '/api/mobile/auth/profile', { token: res.body.tokens.token || res.body.tokens.accessToken });
    expect(profile.status).toBe(200);
    const replay = await t.call('POST', '/api/mobile/auth/refresh-token', { body: { refreshToken: s.tokens.refreshToken } });
    expect(replay.status).toBe(401);
    expectErrorEnvelope('mobile', replay.body);
    expect(replay.body.message).toMatch(/令牌/);
    expect(replay.body).not.toHaveProperty('tokens');
    const next = await t.call('POST', '/api/mobile/auth/refresh-token', { body: { refreshToken: res.body.tokens.refreshToken } });
    expect(next.status).toBe(401);
  });

  it('device login answers tokens too (AuthService.deviceLogin reads response.tokens)', async () => {
    const s = (await unifiedLogin('proc_admin', PASSWORD)).body;
    const bind = await t.call('POST', '/api/mobile/auth/bind-device', { token: s.token, body: { deviceId: 'phone-1' } });
    const res = await t.call('POST', '/api/mobile/auth/device-login', {
      body: { deviceId: 'phone-1', deviceToken: bind.body.deviceToken },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      message: '设备登录成功',
      user: { roleCode: 'department_admin', department: 'processing' },
    });
    expect(res.body.tokens.accessToken).toBe(res.body.token);
  });

  // test-error-messages.js: each failure carries success:false and a Chinese message, never user or tokens
  it.each([
    ['错误密码', 'proc_admin', 'wrongpassword1', 401, '用户名或密码错误'],
    ['不存在的用户', 'nonexistent_user_12345', '123456', 401, '用户名或密码错误'],
    ['空用户名', '', '123456', 400, '用户名'],
    ['空密码', 'proc_admin', '', 400, '密码'],
    ['null用户名', null, '123456', 400, '用户名'],
    ['undefined密码', 'proc_admin', undefined, 400, '密码'],
    ['SQL注入尝试', "admin' OR '1'='1", '123456', 401, '用户名或密码错误'],
    ['未激活用户', 'inactive_test', PASSWORD, 403, '账号未激活'],
  ])('refuses a login: %s', async (_name, username, password, status, message) => {
    const res = await unifiedLogin(username, password);
    expect(res.status).toBe(status);
    expectErrorEnvelope('mobile', res.body);
    expect(res.body.message).toContain(message);
    expect(res.body).not.toHaveProperty('user');
    expect(res.body).not.toHaveProperty('tokens');
  });

  it('test-api.js: a bad token is a 401 that says 认证', async () => {
    const res = await t.call('GET', '/api/mobile/auth/profile', { token: 'invalid_token' });
    expect(res.status).toBe(401);
    expectErrorEnvelope('mobile', res.body);
    expect(res.body.message).toContain('认证');
    const none = await t.call('GET', '/api/mobile/auth/profile');
    expect(none.status).toBe(401);
    expect(none.body.message).toMatch(/认证|令牌/);
  });
});
