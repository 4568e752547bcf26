import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_GRANT_TYPE } from '../../src/services/identity/oauth/device-codes.ts';
import { makeFactory, makeUser, PASSWORD } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const NEW_PASSWORD = 'NewPassw0rd';

/** One protected read per token family, each in its own family's routes. */
const PROBES = {
  mobile: '/api/mobile/auth/profile',
  admin: '/api/users/me',
  v1: '/v1/traces',
  bi: '/api/v1/users/me',
} as const;
type Family = keyof typeof PROBES;

/**
 * Issue 13 item 4: a password change or an administrator's reset revokes every access token of
 * the user issued before it, on every family, through the per-user token epoch.
 */
describe.each(DIALECTS)('token epoch on %s', (dialect) => {
  let t: TestApp;
  let adminToken: string;
  let opId: number;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await makeFactory(t, 'F1');
    await makeUser(t, { username: 'boss', role: 'factory_super_admin', factoryId: 'F1' });
    opId = (await makeUser(t, { username: 'op', role: 'factory_super_admin', factoryId: 'F1' })).id;
    adminToken = (await t.call('POST', '/api/login', { body: { username: 'boss', password: PASSWORD } })).body.data.token;
  });
  afterEach(() => t.close());

  /** A token of each family for `op`, through each family's own sign-in. */
  async function signInEverywhere(password: string): Promise<Record<Family, string>> {
    const body = { username: 'op', password };
    const mobile = await t.call('POST', '/api/mobile/auth/unified-login', { body });
    const admin = await t.call('POST', '/api/login', { body });
    const v1 = await t.call('POST', '/v1/auth/login', { body });
    for (const r of [mobile, admin, v1]) expect(r.status, r.text).toBe(200);
    return { mobile: mobile.body.token, admin: admin.body.data.token, v1: v1.body.token, bi: await deviceFlowToken(password) };
  }

  /** RFC 8628 end to end: the /device page signs `op` in and approves; the client polls once. */
  async function deviceFlowToken(password: string): Promise<string> {
    const started = await t.call('POST', '/oauth/device', { body: form({ client_id: 'bi-cli-prod' }), headers: FORM });
    const page = await t.call('GET', `/device?user_code=${started.body.user_code}`);
    let cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] as string;
    let csrf = /name="csrf_token" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const steps: Record<string, string>[] = [{ step: 'login', username: 'op', password }, { step: 'approve' }];
    for (const step of steps) {
      const res = await t.call('POST', '/device', {
        body: form({ csrf_token: csrf, user_code: started.body.user_code, ...step }),
        headers: { ...FORM, cookie },
      });
      expect(res.status, res.text).toBe(200);
      cookie = (res.headers.get('set-cookie') ?? cookie).split(';')[0] as string;
      csrf = /name="csrf_token" value="([^"]+)"/.exec(res.text)?.[1] ?? csrf;
    }
    const token = await t.call('POST', '/oauth/token', {
      body: form({ grant_type: DEVICE_GRANT_TYPE, device_code: started.body.device_code, client_id: 'bi-cli-prod' }),
      headers: FORM,
    });
    expect(token.status, token.text).toBe(200);
    return token.body.access_token;
  }

  async function expectAccepted(tokens: Record<Family, string>) {
    for (const family of Object.keys(PROBES) as Family[]) {
      const res = await t.call('GET', PROBES[family], { token: tokens[family] });
      expect(res.status, `${family}: ${res.text}`).toBe(200);
    }
  }

  async function expectRevoked(tokens: Record<Family, string>) {
    for (const family of Object.keys(PROBES) as Family[]) {
      const res = await t.call('GET', PROBES[family], { token: tokens[family] });
      expect(res.status, `${family}: ${res.text}`).toBe(401);
      expect(res.headers.get('www-authenticate'), family).toMatch(/^Bearer .*error="invalid_token"/);
      const verify = await t.call('POST', '/api/v1/auth/verify', { body: { token: tokens[family] } });
      expect(verify.body, family).toEqual({ valid: false, error: 'Token blacklisted' });
    }
  }

  it('PUT /api/auth/password revokes every token issued before it, the caller’s included', async () => {
    const before = await signInEverywhere(PASSWORD);
    await expectAccepted(before);
    const changed = await t.call('PUT', '/api/auth/password', {
      token: before.admin,
      body: { oldPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changed.status, changed.text).toBe(200);
    await expectRevoked(before);
    await expectAccepted(await signInEverywhere(NEW_PASSWORD));
  });

  it('an administrator’s reset (spec 002 reset-password) revokes the user’s tokens, not the admin’s', async () => {
    const before = await signInEverywhere(PASSWORD);
    const reset = await t.call('PUT', `/api/users/${opId}/reset-password`, { token: adminToken, body: { newPassword: NEW_PASSWORD } });
    expect(reset.status, reset.text).toBe(200);
    await expectRevoked(before);
    expect((await t.call('GET', '/api/users/me', { token: adminToken })).status).toBe(200);
    await expectAccepted(await signInEverywhere(NEW_PASSWORD));
  });

  it('a new password through spec 001 PUT /api/users/{user_id} is a reset too; other edits are not', async () => {
    const before = await signInEverywhere(PASSWORD);
    const session = await t.call('POST', '/api/login', { body: { username: 'op', password: PASSWORD } });
    const rename = await t.call('PUT', `/api/users/${opId}`, { token: adminToken, body: { name: 'Operator' } });
    expect(rename.status, rename.text).toBe(200);
    await expectAccepted(before);
    const reset = await t.call('PUT', `/api/users/${opId}`, { token: adminToken, body: { password: NEW_PASSWORD } });
    expect(reset.status, reset.text).toBe(200);
    await expectRevoked(before);
    const refreshed = await t.call('POST', '/api/refresh-token', { body: { refresh_token: session.body.data.refresh_token } });
    expect(refreshed.status).toBe(401);
    await expectAccepted(await signInEverywhere(NEW_PASSWORD));
  });
});
