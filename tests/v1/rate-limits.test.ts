import { describe, expect, it } from 'vitest';
import { sampleBatch, v1Operators } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

function expectRateHeaders(res: { headers: Headers }, limit: number, remaining?: number) {
  expect(res.headers.get('x-ratelimit-limit')).toBe(String(limit));
  expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
  if (remaining !== undefined) expect(res.headers.get('x-ratelimit-remaining')).toBe(String(remaining));
}

describe.each(DIALECTS)('v1 rate tiers on %s', (dialect) => {
  const u = eachTestApp(dialect, v1Operators);

  it('batch tier: 10 a minute, then 429 with Retry-After, while the general tier goes on', async () => {
    for (let i = 1; i <= 10; i++) {
      const res = await u.t.call('POST', '/v1/traces/batch', { token: u.a.token, body: { items: [sampleBatch({ name: `n${i}` })] } });
      expect(res.status).toBe(201);
      expectRateHeaders(res, 10, 10 - i);
    }
    const over = await u.t.call('POST', '/v1/traces/batch', { token: u.a.token, body: { items: [sampleBatch({ name: 'n11' })] } });
    expect(over.status).toBe(429);
    expectErrorEnvelope('v1', over.body);
    expect(over.body.code).toBe('RATE_LIMIT_EXCEEDED');
    expectRateHeaders(over, 10, 0);
    const retry = Number(over.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(await u.t.deps.db.selectFrom('trace_batches').select('id').execute()).toHaveLength(10);
    // another user has their own counter; the general tier is separate
    const other = await u.t.call('POST', '/v1/traces/batch', { token: u.b.token, body: { items: [sampleBatch()] } });
    expect(other.status).toBe(201);
    const general = await u.t.call('GET', '/v1/traces', { token: u.a.token });
    expect(general.status).toBe(200);
    expectRateHeaders(general, 300, 299);
  });

  it('general tier: one 300/min counter shared by every other v1 route, headers on errors too', async () => {
    const created = await u.t.call('POST', '/v1/traces', { token: u.a.token, body: sampleBatch() });
    expectRateHeaders(created, 300, 299);
    const id = created.body.data.id;
    const answers = [
      await u.t.call('GET', `/v1/traces/${id}`, { token: u.a.token }),
      await u.t.call('GET', `/v1/traces/${id}/logs`, { token: u.a.token }),
      await u.t.call('GET', '/v1/traces?limit=500', { token: u.a.token }),
      await u.t.call('GET', '/v1/traces/trace-999999', { token: u.a.token }),
      await u.t.call('POST', '/v1/traces', { token: u.viewerA.token, body: sampleBatch() }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 422, 404, 403]);
    for (const [i, r] of answers.slice(0, 4).entries()) expectRateHeaders(r, 300, 298 - i);
    expectRateHeaders(answers[4] as { headers: Headers }, 300, 299);
    const unauth = await u.t.call('GET', '/v1/traces', { token: 'garbage' });
    expect(unauth.status).toBe(401);
    expectRateHeaders(unauth, 300);
  });

  it('general tier refuses the 301st call of a minute', async () => {
    for (let i = 0; i < 300; i++) {
      const res = await u.t.call('GET', '/v1/public/traces/NOPE', {});
      expect(res.status).toBe(404);
    }
    const over = await u.t.call('GET', '/v1/public/traces/NOPE', {});
    expect(over.status).toBe(429);
    expectErrorEnvelope('v1', over.body);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('auth tier: 20 logins a minute per address, then 429 before any password check', async () => {
    // a new username each time, so the failed-login lockout (5 per account) stays out of the count
    for (let i = 0; i < 20; i++) {
      const res = await u.t.call('POST', '/v1/auth/login', { body: { username: `nobody${i}`, password: 'x' } });
      expect(res.status).toBe(401);
      expectRateHeaders(res, 20, 19 - i);
    }
    const over = await u.t.call('POST', '/v1/auth/login', { body: { username: 'nobody', password: 'x' } });
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).not.toBeNull();
    expectErrorEnvelope('v1', over.body);
  });
});
