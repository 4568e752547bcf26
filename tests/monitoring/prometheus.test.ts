import { afterEach, describe, expect, it } from 'vitest';
import { boundMiniUser, seedCompanies } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const TOKEN = 'scrape-token-scrape-token-scrape-token-0001';

describe('GET /metrics', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('is not served without METRICS_TOKEN', async () => {
    t = await createTestApp('sqlite');
    expect((await t.call('GET', '/metrics')).status).toBe(404);
  });

  it('needs the scrape token and exposes request, ERP and rate-limit series by route pattern', async () => {
    t = await createTestApp('sqlite', { env: { METRICS_TOKEN: TOKEN } });
    expect((await t.call('GET', '/metrics')).status).toBe(401);
    expect((await t.call('GET', '/metrics', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    await seedCompanies(t);
    await t.call('GET', '/api/health/check');
    await boundMiniUser(t, 'c0'); // one wx-login, one ERP company lookup
    for (let i = 1; i < 11; i++) await t.call('POST', '/api/auth/wx-login', { body: { code: `c${i}` } }); // 10/min, the 11th refused
    const res = await t.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    const text = await res.text();
    expect(text).toMatch(/http_request_duration_seconds_count\{route="\/api\/health\/check",method="GET",status="200"\} 1/);
    expect(text).toMatch(/http_request_duration_seconds_count\{route="\/api\/auth\/wx-login",method="POST",status="429"\} 1/);
    expect(text).toMatch(/erp_call_duration_seconds_bucket\{le="0.005",endpoint="[^"]+",outcome="ok"\}/);
    expect(text).toMatch(/rate_limit_rejections_total\{bucket="auth.wxLogin"\} 1/);
    expect(text).not.toMatch(/route="\/api\/auth\/wx-login\?/);
  });
});
