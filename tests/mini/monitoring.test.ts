import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boundMiniUser, makePlatformAdmin, seedCompanies } from '../factories.ts';
import { type FakeErp, startFakeErp } from '../fakes/erp-server.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

describe.each(DIALECTS)('monitoring on %s', (dialect) => {
  let t: TestApp;
  let admin: { token: string };
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await seedCompanies(t, 3);
    admin = await makePlatformAdmin(t);
  });
  afterEach(() => t.close());

  it('reports healthy when the database, ERP and WeChat answer', async () => {
    const res = await t.call('GET', '/api/health/check');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      message: '系统健康',
      data: { status: 'healthy', services: { database: 'healthy', erp: 'healthy', wechat: 'healthy' } },
    });
  });

  it('computes ERP stats per endpoint over the last hour and API stats by hour and route', async () => {
    const { token } = await boundMiniUser(t, 'u1');
    await t.call('GET', '/api/orders/COMPA-ORD00001/status', { token });
    await t.call('GET', '/api/orders/COMPA-ORD00002/status', { token });
    await t.call('GET', '/api/orders/search', { token });
    await t.call('GET', '/api/orders/search?page=0', { token }); // 400: a client error, not a service error
    // an old call outside the window must not count; a 503 is a service error
    t.deps.metrics.recordErpCall({ endpoint: 'GET /orders', ok: false, durationMs: 999, ts: Date.now() - 2 * 3600_000 });
    t.deps.metrics.recordApiCall({ ts: Date.now() - 1000, method: 'GET', route: '/api/orders/search', status: 503, durationMs: 40 });
    await t.deps.metrics.flush();

    const erp = await t.call('GET', '/api/erp/status', { token: admin.token });
    expect(erp.status).toBe(200);
    const byEndpoint = Object.fromEntries(erp.body.data.stats.map((s: { endpoint: string }) => [s.endpoint, s]));
    expect(byEndpoint['GET /orders/{id}/status']).toMatchObject({ totalCalls: 2, errorRate: 0, successRate: 100 });
    expect(byEndpoint['GET /orders']).toMatchObject({ totalCalls: 1, errorRate: 0 });
    expect(byEndpoint['GET /companies']).toMatchObject({ totalCalls: 1 });

    const perf = await t.call('GET', '/api/metrics/performance', { token: admin.token });
    expect(perf.status, perf.text).toBe(200);
    const search = perf.body.data.endpointStats.find((s: { endpoint: string }) => s.endpoint === '/api/orders/search');
    expect(search).toMatchObject({ totalCalls: 3, errorCalls: 1, errorRate: 33.33 });
    expect(search.maxResponseTime).toBeGreaterThanOrEqual(40);
    const status = perf.body.data.endpointStats.find((s: { endpoint: string }) => s.endpoint === '/api/orders/{order_id}/status');
    expect(status.totalCalls).toBe(2);
    expect(perf.body.data.hourlyStats[0].hour).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:00:00$/);
    const hourlyTotal = perf.body.data.hourlyStats.reduce((s: number, h: { totalCalls: number }) => s + h.totalCalls, 0);
    expect(hourlyTotal).toBeGreaterThanOrEqual(7);
  });
});

describe('health when systems fail', () => {
  let erp: FakeErp;
  beforeEach(async () => {
    erp = await startFakeErp();
  });
  afterEach(() => erp.close());

  it('is degraded when the ERP is down and unhealthy (503) when the database is', async () => {
    const t = await createTestApp('sqlite', {
      env: { ERP_MODE: 'http', ERP_BASE_URL: erp.url, ERP_API_KEY: erp.apiKey, ERP_TIMEOUT_MS: '200' },
    });
    expect((await t.call('GET', '/api/health/check')).body.data.status).toBe('healthy');
    erp.hang(true);
    const degraded = await t.call('GET', '/api/health/check');
    expect(degraded.status).toBe(200);
    expect(degraded.body.data).toMatchObject({ status: 'degraded', services: { database: 'healthy', erp: 'unhealthy' } });
    await t.deps.db.destroy();
    const down = await t.call('GET', '/api/health/check');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ success: false, data: { status: 'unhealthy', services: { database: 'unhealthy' } } });
    await t.deps.metrics.close();
  });

  it('serves the mini session from a remote ERP over HTTP', async () => {
    const t = await createTestApp('sqlite', { env: { ERP_MODE: 'http', ERP_BASE_URL: erp.url, ERP_API_KEY: erp.apiKey } });
    const { token } = await boundMiniUser(t, 'remote-user', 'REMOTE-INVITE');
    const search = await t.call('GET', '/api/orders/search', { token });
    expect(search.body.data).toMatchObject({ total: 1, orders: [{ order_id: 'R-1' }] });
    const status = await t.call('GET', '/api/orders/R-1/status', { token });
    expect(status.body.data).toEqual({ order_id: 'R-1', status: 'producing', erp_extra: 'kept as is' });
    erp.failNext(100, 503);
    const down = await t.call('GET', '/api/orders/R-1/materials', { token });
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ success: false, message: expect.stringContaining('ERP') });
    await t.close();
  });
});
