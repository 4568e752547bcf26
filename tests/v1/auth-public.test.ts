import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo.ts';
import { demoTraceCode, TRACE_DEMO_USER } from '../../db/seed/traces.ts';
import { hashPassword } from '../../src/services/identity/passwords.ts';
import { FACTORY_A, sampleBatch, v1Operators } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

const BASE = 'https://trace.example.com';
// jsqr is a CommonJS bundle typed as an ES default export: take the function either way.
const jsQR = ((jsQRModule as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

describe.each(DIALECTS)('v1 login, public view and QR codes on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: { PUBLIC_BASE_URL: BASE, CORS_ORIGINS: 'https://app.example.com' } });
  });
  afterEach(() => t.close());

  const login = (username: string, password: string) => t.call('POST', '/v1/auth/login', { body: { username, password } });

  it('logs the seeded demo operator in with a bare spec body, and the token reads the demo batches', async () => {
    await seedDemo(t.deps.db, hashPassword);
    const res = await login(TRACE_DEMO_USER.username, TRACE_DEMO_USER.password);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['expiresIn', 'token', 'tokenType']);
    expect(res.body).toMatchObject({ expiresIn: 86400, tokenType: 'Bearer' });
    expect(res.headers.get('x-ratelimit-limit')).toBe('20');
    const list = await t.call('GET', '/v1/traces?limit=100', { token: res.body.token });
    expect(list.status).toBe(200);
    expect(list.body.meta.totalItems).toBe(18);
    const logs = await t.call('GET', `/v1/traces/${list.body.data[17].id}/logs`, { token: res.body.token });
    expect(logs.body.data.map((l: { eventType: string }) => l.eventType)).toEqual([
      'harvest',
      'processing',
      'inspection',
      'storage',
      'shipping',
    ]);
    const pub = await t.call('GET', `/v1/public/traces/${demoTraceCode(1)}`);
    expect(pub.status).toBe(200);
    expect(pub.body.data.origin.producer).toBe('白垩纪食品测试工厂');
  });

  it('refuses wrong passwords, platform users and empty input in the v1 envelope', async () => {
    await seedDemo(t.deps.db, hashPassword);
    const wrong = await login(TRACE_DEMO_USER.username, 'nope');
    expect(wrong.status).toBe(401);
    expectErrorEnvelope('v1', wrong.body);
    expect(wrong.body.code).toBe('UNAUTHORIZED');
    const platform = await login('platform_admin', 'Admin@123456');
    expect(platform.status).toBe(401);
    const empty = await t.call('POST', '/v1/auth/login', { body: {} });
    expect(empty.status).toBe(422);
    expect(empty.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['password', 'username']);
  });

  it('refresh issues a new token and revokes the old one', async () => {
    const u = await v1Operators(t);
    const res = await t.call('POST', '/v1/auth/refresh', { token: u.a.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ expiresIn: 86400, tokenType: 'Bearer' });
    expect(res.body.token).not.toBe(u.a.token);
    expect((await t.call('GET', '/v1/traces', { token: res.body.token })).status).toBe(200);
    const old = await t.call('GET', '/v1/traces', { token: u.a.token });
    expect(old.status).toBe(401);
    expectErrorEnvelope('v1', old.body);
    expect((await t.call('POST', '/v1/auth/refresh', { token: u.a.token })).status).toBe(401);
  });

  it('shows the consumer view by public code without sign-in and without internal fields', async () => {
    const u = await v1Operators(t);
    const b = (await t.call('POST', '/v1/traces', { token: u.a.token, body: sampleBatch() })).body.data;
    await t.call('POST', `/v1/traces/${b.id}/logs`, {
      token: u.a.token,
      body: { eventType: 'harvest', occurredAt: '2023-05-15T08:00:00Z', operator: '张伟', location: 'farm-123', notes: '采收' },
    });
    const res = await t.call('GET', `/v1/public/traces/${b.code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBe('300');
    expect(res.body.data).toEqual({
      code: b.code,
      product: { name: 'Apple Batch A123', productId: 'apple-01' },
      origin: { farmId: 'farm-123', producer: '甲工厂', harvestDate: '2023-05-15T08:00:00Z' },
      status: 'active',
      timeline: [{ eventType: 'harvest', occurredAt: '2023-05-15T08:00:00Z', location: 'farm-123', notes: '采收' }],
    });
    expect(res.text).not.toContain(b.id);
    expect(res.text).not.toContain('张伟');
    expect(res.text).not.toContain(FACTORY_A);
    const lower = await t.call('GET', `/v1/public/traces/${b.code.toLowerCase()}`);
    expect(lower.status).toBe(200);
    const missing = await t.call('GET', '/v1/public/traces/NOPE0000NOPE');
    expect(missing.status).toBe(404);
    expectErrorEnvelope('v1', missing.body);
  });

  it('draws a QR code (PNG by default, SVG on request) that decodes to the public URL', async () => {
    const u = await v1Operators(t);
    const b = (await t.call('POST', '/v1/traces', { token: u.a.token, body: sampleBatch() })).body.data;
    const res = await t.app.request(`/v1/traces/${b.id}/qrcode`, { headers: { authorization: `Bearer ${u.viewerA.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-ratelimit-limit')).toBe('300');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(`${BASE}/v1/public/traces/${b.code}`);
    const pub = await t.call('GET', new URL(decoded?.data ?? '').pathname);
    expect(pub.body.data.code).toBe(b.code);

    const svg = await t.app.request(`/v1/traces/${b.id}/qrcode?format=svg`, { headers: { authorization: `Bearer ${u.a.token}` } });
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    const gif = await t.call('GET', `/v1/traces/${b.id}/qrcode?format=gif`, { token: u.a.token });
    expect(gif.status).toBe(422);
    expectErrorEnvelope('v1', gif.body);
    expect(gif.body.details[0].field).toBe('format');
    const other = await t.call('GET', `/v1/traces/${b.id}/qrcode`, { token: u.b.token });
    expect(other.status).toBe(404);
    expect(other.headers.get('x-ratelimit-remaining')).not.toBeNull();
  });

  it('answers a CORS preflight from an allowed origin with credentials and a one-day max age (spec 003 §7)', async () => {
    const res = await t.app.request('/v1/traces', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'Authorization, Content-Type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-max-age')).toBe('86400');
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const foreign = await t.app.request('/v1/traces', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
