import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/edge/rate-limit.ts';

const redisUrl = process.env.TEST_REDIS_URL;
const clients: Redis[] = [];
afterAll(async () => {
  for (const c of clients) await c.quit();
});

const stores: [string, () => RateLimiter][] = [['memory', () => new RateLimiter()]];
if (redisUrl) {
  stores.push([
    'redis',
    () => {
      const redis = new Redis(redisUrl);
      clients.push(redis);
      return new RateLimiter(redis);
    },
  ]);
}

describe.each(stores)('RateLimiter (%s store)', (name, make) => {
  it('counts per bucket and caller, reports the window reset, and refuses past the limit', async () => {
    const limiter = make();
    const bucket = `test-${Math.random().toString(36).slice(2)}`;
    const rule = { limit: 3, windowMs: 60_000 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.hit(bucket, 'ip:1.2.3.4', rule));
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results.slice(0, 3).every((r) => r.retryAfterSeconds === undefined)).toBe(true);
    expect(results[3]?.retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3]?.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(results[0]?.resetSeconds).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    // another caller and another bucket have their own counters
    expect((await limiter.hit(bucket, 'ip:5.6.7.8', rule)).remaining).toBe(2);
    expect((await limiter.hit(`${bucket}-other`, 'ip:1.2.3.4', rule)).remaining).toBe(2);
  });

  it('shares counters between two limiters on the same store backend only for Redis', async () => {
    const a = make();
    const b = make();
    const bucket = `shared-${Math.random().toString(36).slice(2)}`;
    await a.hit(bucket, 'u:1', { limit: 5 });
    const second = await b.hit(bucket, 'u:1', { limit: 5 });
    expect(second.remaining).toBe(name === 'redis' ? 3 : 4);
  });
});
