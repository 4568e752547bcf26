import { describe, expect, it } from 'vitest';
import { boundMiniUser, makeFactoryUser, makePlatformAdmin, seedCompanies } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

describe.each(DIALECTS)('mini security on %s', (dialect) => {
  const w = eachTestApp(dialect, seedCompanies);

  it('mini routes refuse staff tokens and monitoring refuses mini tokens (401 invalid_token); non-platform staff get 403', async () => {
    const platform = await makePlatformAdmin(w.t);
    const res = await w.t.call('GET', '/api/orders/search', { token: platform.token });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expectErrorEnvelope('mini', res.body);
    const { token } = await boundMiniUser(w.t, 'user-a');
    for (const path of ['/api/erp/status', '/api/metrics/performance']) {
      const r = await w.t.call('GET', path, { token });
      expect(r.status, path).toBe(401);
      expectErrorEnvelope('mini', r.body);
    }
    const factoryAdmin = await makeFactoryUser(w.t, { factoryId: null });
    expect((await w.t.call('GET', '/api/erp/status', { token: factoryAdmin.token })).status).toBe(403);
  });

  it('the routes the original mini-program needs refuse staff tokens and carry their declared limits', async () => {
    const platform = await makePlatformAdmin(w.t);
    const { token } = await boundMiniUser(w.t, 'user-a');
    const limits: [string, string, number, unknown?][] = [
      ['GET', '/api/orders/COMPA-ORD00001/detail', 60],
      ['GET', '/api/messages/history', 60],
      ['POST', '/api/messages/mark-all-read', 30, {}],
      ['POST', '/api/messages/clear-all', 30, {}],
      ['POST', '/api/wechat/subscriptions', 20, { results: { T: 'accept' } }],
      ['GET', '/api/user/notification-settings', 30],
      ['POST', '/api/user/notification-settings', 10, { wechatPush: true }],
    ];
    for (const [method, path, limit, body] of limits) {
      const staff = await w.t.call(method, path, { token: platform.token, body });
      expect(staff.status, path).toBe(401);
      expectErrorEnvelope('mini', staff.body);
      const own = await w.t.call(method, path, { token, body });
      expect(own.status, path).toBe(200);
      expect(own.body.success, path).toBe(true);
      expect(own.headers.get('x-ratelimit-limit'), path).toBe(String(limit));
    }
  });

  it('limits bind-company to 5 a minute per user with headers, then 429 + Retry-After in the mini envelope', async () => {
    const { token } = await boundMiniUser(w.t, 'user-a'); // the first of the 5
    for (let i = 2; i <= 5; i++) {
      const res = await w.t.call('POST', '/api/auth/bind-company', { token, body: { inviteCode: 'INV-A' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('5');
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(5 - i));
      expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    }
    const limited = await w.t.call('POST', '/api/auth/bind-company', { token, body: { inviteCode: 'INV-A' } });
    expect(limited.status).toBe(429);
    expectErrorEnvelope('mini', limited.body);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // another user has a budget of their own
    const other = await boundMiniUser(w.t, 'user-b', 'INV-B');
    expect((await w.t.call('POST', '/api/auth/bind-company', { token: other.token, body: { inviteCode: 'INV-B' } })).status).toBe(200);
  });

  it('limits wx-login to 10 a minute per client IP', async () => {
    for (let i = 0; i < 10; i++) expect((await w.t.call('POST', '/api/auth/wx-login', { body: { code: `c${i}` } })).status).toBe(200);
    const limited = await w.t.call('POST', '/api/auth/wx-login', { body: { code: 'c11' } });
    expect(limited.status).toBe(429);
    expectErrorEnvelope('mini', limited.body);
  });

  it('holds the same limit over tRPC as over REST', async () => {
    const { token } = await boundMiniUser(w.t, 'user-a');
    for (let i = 0; i < 4; i++) await w.t.call('POST', '/api/auth/bind-company', { token, body: { inviteCode: 'INV-A' } });
    const res = await w.t.app.request('/trpc/auth.bindCompany', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inviteCode: 'INV-A' }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).not.toBeNull();
    const body = (await res.json()) as { error: { data: { appCode: string } } };
    expect(body.error.data.appCode).toBe('RATE_LIMITED');
  });

  it('answers unknown paths and wrong methods in the envelope, never 500', async () => {
    const unknown = await w.t.call('GET', '/api/nope');
    expect(unknown.status).toBe(404);
    expectErrorEnvelope('mini', unknown.body);
    const wrongType = await w.t.call('POST', '/api/auth/wx-login', { body: 'code=1', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status).toBe(415);
    expectErrorEnvelope('mini', wrongType.body);
  });
});
