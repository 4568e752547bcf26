import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USER_CODE_LIMITS } from '../../src/services/identity/oauth/code-verification.ts';
import { DEVICE_GRANT_TYPE } from '../../src/services/identity/oauth/device-codes.ts';
import { biCast, PASSWORD } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

const CLIENT = 'bi-cli-prod';
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A browser for the /device page: keeps the session cookie and the CSRF token of the last page. */
class Browser {
  cookie = '';
  csrf = '';
  constructor(private readonly t: TestApp) {}
  #remember(res: { headers: Headers; text: string }) {
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] as string;
    const m = /name="csrf_token" value="([^"]+)"/.exec(res.text);
    if (m?.[1]) this.csrf = m[1];
  }
  async get(path: string) {
    const res = await this.t.call('GET', path, { headers: this.cookie ? { cookie: this.cookie } : {} });
    this.#remember(res);
    return res;
  }
  async post(fields: Record<string, string>) {
    const res = await this.t.call('POST', '/device', {
      body: form({ csrf_token: this.csrf, ...fields }),
      headers: { ...FORM, ...(this.cookie ? { cookie: this.cookie } : {}) },
    });
    this.#remember(res);
    return res;
  }
}

describe.each(DIALECTS)('OAuth device flow on %s', (dialect) => {
  let t: TestApp;
  let who: Awaited<ReturnType<typeof biCast>>;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { PUBLIC_BASE_URL: 'https://auth.example.test' } });
    who = await biCast(t);
  });
  afterEach(() => t.close());

  const start = (client = CLIENT) => t.call('POST', '/oauth/device', { body: form({ client_id: client }), headers: FORM });
  const poll = (device_code: string, client = CLIENT) =>
    t.call('POST', '/oauth/token', { body: form({ grant_type: DEVICE_GRANT_TYPE, device_code, client_id: client }), headers: FORM });
  const allowPoll = (_deviceCode: string) =>
    // the client waited its interval: move the last poll back in time instead of sleeping
    t.deps.db
      .updateTable('oauth_device_codes')
      .set({ last_polled_at: Date.now() - 60_000 })
      .execute();

  async function approveInBrowser(userCode: string, approve = true) {
    const b = new Browser(t);
    const page = await b.get(`/device?user_code=${userCode}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain(userCode);
    const confirm = await b.post({
      step: 'login',
      username: 'm1owner',
      password: PASSWORD,
      user_code: userCode.toLowerCase().replace('-', ''),
    });
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain(CLIENT);
    const done = await b.post({ step: approve ? 'approve' : 'deny', user_code: userCode });
    expect(done.status).toBe(200);
    return done;
  }

  it('issues a device authorization as RFC 8628 §3.2 and spec 004 show it', async () => {
    const res = await start();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const b = res.body;
    expect(Object.keys(b).sort()).toEqual([
      'device_code',
      'expires_in',
      'interval',
      'user_code',
      'verification_uri',
      'verification_uri_complete',
    ]);
    expect(b.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(b.device_code.length).toBeGreaterThanOrEqual(43);
    expect(b.verification_uri).toBe('https://auth.example.test/device');
    expect(b.verification_uri_complete).toBe(`https://auth.example.test/device?user_code=${b.user_code}`);
    expect(b.expires_in).toBe(600);
    expect(b.interval).toBe(5);
    const other = await start();
    expect(other.body.device_code).not.toBe(b.device_code);
  });

  it('refuses unknown clients (401 invalid_client) and bad requests (400)', async () => {
    const res = await start('someone-else');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    const missing = await t.call('POST', '/oauth/device', { body: form({}), headers: FORM });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_request');
    const json = await t.call('POST', '/oauth/device', { body: { client_id: CLIENT } });
    expect(json.status).toBe(400);
    expectErrorEnvelope('oauth', json.body);
    expect(json.body.error).toBe('invalid_request');
  });

  it('answers every RFC 8628 §3.5 error of the token endpoint', async () => {
    const { device_code, user_code } = (await start()).body;
    // authorization_pending on the first poll
    let res = await poll(device_code);
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({ error: 'authorization_pending', error_description: 'User has not yet authorized' });
    // slow_down when polled again at once; the interval grows to 10 s and stays
    res = await poll(device_code);
    expect(res.body.error).toBe('slow_down');
    let row = await t.deps.db.selectFrom('oauth_device_codes').select('interval_s').executeTakeFirstOrThrow();
    expect(row.interval_s).toBe(10);
    await t.deps.db
      .updateTable('oauth_device_codes')
      .set({ last_polled_at: Date.now() - 7_000 })
      .execute();
    res = await poll(device_code);
    expect(res.body.error).toBe('slow_down'); // 7 s < 10 s: the increase was remembered
    row = await t.deps.db.selectFrom('oauth_device_codes').select('interval_s').executeTakeFirstOrThrow();
    expect(row.interval_s).toBe(15);
    await allowPoll(device_code);
    expect((await poll(device_code)).body.error).toBe('authorization_pending');
    // invalid_grant for an unknown code or another client's code; invalid_client for an unknown client
    expect((await poll('nope')).body.error).toBe('invalid_grant');
    const foreign = await poll(device_code, 'unknown-client');
    expect(foreign.status).toBe(401);
    expect(foreign.body.error).toBe('invalid_client');
    // access_denied once the user denies
    await approveInBrowser(user_code, false);
    await allowPoll(device_code);
    res = await poll(device_code);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('access_denied');
    // expired_token after 600 s
    const second = (await start()).body;
    await t.deps.db
      .updateTable('oauth_device_codes')
      .set({ expires_at: Date.now() - 1 })
      .where('user_code', '=', second.user_code.replace('-', ''))
      .execute();
    res = await poll(second.device_code);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('expired_token');
    // grant type problems
    const noGrant = await t.call('POST', '/oauth/token', { body: form({ client_id: CLIENT }), headers: FORM });
    expect(noGrant.body.error).toBe('invalid_request');
    const pw = await t.call('POST', '/oauth/token', { body: form({ grant_type: 'password', client_id: CLIENT }), headers: FORM });
    expect(pw.status).toBe(400);
    expect(pw.body.error).toBe('unsupported_grant_type');
    const dup = await t.call('POST', '/oauth/token', { body: 'grant_type=refresh_token&grant_type=refresh_token', headers: FORM });
    expect(dup.body.error).toBe('invalid_request');
  });

  it('runs end to end over HTTP: approve, tokens once, refresh rotates', async () => {
    const { device_code, user_code } = (await start()).body;
    expect((await poll(device_code)).body.error).toBe('authorization_pending');
    const done = await approveInBrowser(user_code);
    expect(done.text).toContain('Access granted');
    await allowPoll(device_code);
    const res = await poll(device_code);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'read write' });
    const me = await t.call('GET', '/api/v1/users/me', { token: res.body.access_token });
    expect(me.body).toMatchObject({ id: String(who.m1.id), role: 'merchant' });
    const verified = await t.call('POST', '/api/v1/auth/verify', { body: { token: res.body.access_token } });
    expect(verified.body).toMatchObject({ valid: true, delegated: true, scopes: ['read', 'write'] });
    // once only
    await allowPoll(device_code);
    const again = await poll(device_code);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    // refresh rotates; the spent refresh token is refused and revokes the family
    const refresh = (rt: string, client = CLIENT) =>
      t.call('POST', '/oauth/token', { body: form({ grant_type: 'refresh_token', refresh_token: rt, client_id: client }), headers: FORM });
    const r1 = await refresh(res.body.refresh_token);
    expect(r1.status).toBe(200);
    expect(r1.body.refresh_token).not.toBe(res.body.refresh_token);
    expect((await t.call('GET', '/api/v1/users/me', { token: r1.body.access_token })).status).toBe(200);
    expect((await refresh(r1.body.refresh_token, 'other')).body.error).toBe('invalid_client');
    const reuse = await refresh(res.body.refresh_token);
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe('invalid_grant');
    expect((await refresh(r1.body.refresh_token)).body.error).toBe('invalid_grant');
  });

  it('protects the /device page: CSRF, password, wrong-code limits', async () => {
    const { user_code } = (await start()).body;
    const b = new Browser(t);
    await b.get('/device');
    expect(b.csrf).not.toBe('');
    // forged form: no or wrong CSRF token, or no session cookie
    const forged = await t.call('POST', '/device', {
      body: form({ step: 'login', username: 'm1owner', password: PASSWORD, user_code, csrf_token: b.csrf }),
      headers: FORM,
    });
    expect(forged.status).toBe(403);
    const wrongToken = await new Browser(t).post({ step: 'login', username: 'm1owner', password: PASSWORD });
    expect(wrongToken.status).toBe(403);
    // wrong password
    const badPw = await b.post({ step: 'login', username: 'm1owner', password: 'nope', user_code });
    expect(badPw.status).toBe(401);
    expect(badPw.text).not.toContain('asks to access');
    // a code step before signing in
    expect((await b.post({ step: 'code', user_code })).status).toBe(401);
    // sign in, then wrong codes until locked; the right code is refused too once locked
    expect((await b.post({ step: 'login', username: 'm1owner', password: PASSWORD })).status).toBe(200);
    for (let i = 0; i < USER_CODE_LIMITS.perSession; i++) {
      const wrong = await b.post({ step: 'code', user_code: 'BCDF-GHJK' });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('wrong or has expired');
    }
    expect((await b.post({ step: 'code', user_code })).status).toBe(429);
    // a fresh session from the same IP still works until the per-IP limit
    const b2 = new Browser(t);
    await b2.get('/device');
    const ok = await b2.post({ step: 'login', username: 'm1owner', password: PASSWORD, user_code });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('asks to access');
    // per IP: sessions from the same address share a budget of wrong codes
    for (let i = 0; i < USER_CODE_LIMITS.perIp / USER_CODE_LIMITS.perSession; i++) {
      const s = new Browser(t);
      await s.get('/device');
      await s.post({ step: 'login', username: 'm1owner', password: PASSWORD });
      for (let j = 0; j < USER_CODE_LIMITS.perSession; j++) await s.post({ step: 'code', user_code: 'BCDF-GHJK' });
    }
    const b3 = new Browser(t);
    await b3.get('/device');
    const locked = await b3.post({ step: 'login', username: 'm1owner', password: PASSWORD, user_code });
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('Too many wrong codes');
    // HTML is escaped: the user code query is echoed safely
    const xss = await new Browser(t).get('/device?user_code=%22%3E%3Cscript%3E');
    expect(xss.text).not.toContain('<script>');
  });
});
