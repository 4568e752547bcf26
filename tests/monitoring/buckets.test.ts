import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { erpStatus, performanceStats, windowStart } from '../../src/services/monitoring/call-stats.ts';
import { minuteOf } from '../../src/services/monitoring/metrics/buckets.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

const HOUR = 3_600_000;
const round2 = (n: number) => Math.round(n * 100) / 100;
const pct = (part: number, whole: number) => (whole ? round2((part / whole) * 100) : 0);

/** A deterministic pseudo-random sequence (mulberry32), so a failure reproduces. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(DIALECTS)('metrics from per-minute buckets on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { TIME_ZONE: 'Asia/Shanghai' } });
  });
  afterEach(() => t.close());

  it('give the same figures as a recomputation from the raw calls', async () => {
    const now = Date.UTC(2026, 11, 1, 9, 30, 12);
    const random = rng(42);
    const routes = ['/api/orders/search', '/api/orders/{order_id}/status', '/v1/traces', '/api/materials'];
    const endpoints = ['GET /orders', 'GET /companies', 'GET /orders/{id}/status'];
    const api = Array.from({ length: 3000 }, () => ({
      ts: now - Math.floor(random() * 26 * HOUR),
      method: random() < 0.8 ? 'GET' : 'POST',
      route: routes[Math.floor(random() * routes.length)]!,
      status: [200, 200, 200, 201, 400, 404, 429, 500, 503][Math.floor(random() * 9)]!,
      durationMs: round2(random() * 300),
    }));
    const erp = Array.from({ length: 800 }, () => ({
      ts: now - Math.floor(random() * 2 * HOUR),
      endpoint: endpoints[Math.floor(random() * endpoints.length)]!,
      ok: random() < 0.9,
      durationMs: round2(random() * 800),
    }));
    // three flushes: buckets of one minute arrive in parts and add up (as from several instances)
    for (let part = 0; part < 3; part++) {
      for (const c of api.filter((_, i) => i % 3 === part)) t.deps.metrics.recordApiCall(c);
      for (const c of erp.filter((_, i) => i % 3 === part)) t.deps.metrics.recordErpCall(c);
      await t.deps.metrics.flush();
    }

    const perf = await performanceStats(t.deps.db, 'Asia/Shanghai', now);
    const inDay = api.filter((c) => minuteOf(c.ts) >= windowStart(now, 24 * HOUR));
    const expectBucket = (calls: typeof api) => ({
      totalCalls: calls.length,
      avgResponseTime: round2(calls.reduce((s, c) => s + c.durationMs, 0) / calls.length),
      maxResponseTime: round2(Math.max(...calls.map((c) => c.durationMs))),
      errorCalls: calls.filter((c) => c.status >= 500).length,
      errorRate: pct(calls.filter((c) => c.status >= 500).length, calls.length),
    });
    for (const route of routes) {
      const got = perf.endpointStats.find((e) => e.endpoint === route);
      expect(got, route).toEqual({ endpoint: route, ...expectBucket(inDay.filter((c) => c.route === route)) });
    }
    const fmt = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    const hourLabel = (ts: number) => `${fmt.format(ts - (ts % HOUR))}:00:00`;
    const hours = [...new Set(inDay.map((c) => hourLabel(c.ts)))].sort();
    expect(perf.hourlyStats.map((h) => h.hour)).toEqual(hours);
    for (const h of perf.hourlyStats) {
      const { hour, ...figures } = h;
      expect(figures, hour).toEqual(expectBucket(inDay.filter((c) => hourLabel(c.ts) === hour)));
    }

    const status = await erpStatus(t.deps.db, now);
    const inHour = erp.filter((c) => minuteOf(c.ts) >= windowStart(now, HOUR));
    for (const endpoint of endpoints) {
      const calls = inHour.filter((c) => c.endpoint === endpoint);
      const errors = calls.filter((c) => !c.ok).length;
      expect(status.stats.find((s) => s.endpoint === endpoint)).toEqual({
        endpoint,
        totalCalls: calls.length,
        avgResponseTime: round2(calls.reduce((s, c) => s + c.durationMs, 0) / calls.length),
        errorRate: pct(errors, calls.length),
        successRate: round2(100 - pct(errors, calls.length)),
      });
    }
  });

  it('stores O(buckets) rows, not a row per call', async () => {
    const now = Date.now();
    for (let i = 0; i < 5000; i++)
      t.deps.metrics.recordApiCall({ ts: now, method: 'GET', route: '/api/orders/search', status: 200, durationMs: i % 50 });
    await t.deps.metrics.flush();
    const rows = await t.deps.db.selectFrom('api_call_buckets').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ calls: 5000, max_ms: 49 });
    expect(rows[0]!.h0 + rows[0]!.h1 + rows[0]!.h2 + rows[0]!.h3).toBe(5000);
  });
});
