import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { corsPolicy } from '../../src/http/middleware.ts';

// spec 003 §7: with or without an Origin, the answer carries what hono/cors would give it
describe('CORS policy', () => {
  const app = new Hono();
  app.use(corsPolicy(['https://app.example.com']));
  app.get('/x', (c) => c.body('{}', 200, { 'content-type': 'application/json', vary: 'Accept' }));

  it('adds credentials, exposed headers and Vary: Origin to a request without an Origin', async () => {
    const res = await app.request('/x');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-expose-headers')).toContain('X-RateLimit-Remaining');
    expect(res.headers.get('vary')).toBe('Accept, Origin');
    expect(await res.text()).toBe('{}');
  });

  it('lets hono/cors answer an allowed, a foreign Origin and a preflight alike', async () => {
    const same = await app.request('/x', { headers: { origin: 'https://app.example.com' } });
    expect(same.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(same.headers.get('vary')).toBe('Accept, Origin');
    const bare = await app.request('/x');
    const foreign = await app.request('/x', { headers: { origin: 'https://evil.example.com' } });
    expect([...foreign.headers].filter(([k]) => k !== 'date')).toEqual([...bare.headers].filter(([k]) => k !== 'date'));
    const preflight = await app.request('/x', { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-max-age')).toBe('86400');
  });
});
