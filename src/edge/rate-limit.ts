import { MemoryStore, RedisStore, type Store } from 'hono-rate-limiter';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.ts';

/** A limit declared in a procedure's meta: `limit` calls per `windowMs` per caller. */
export interface RateLimitRule {
  limit: number;
  /** Default one minute. */
  windowMs?: number;
  /** Shared counter name (spec 003's tiers); default: the procedure path. */
  bucket?: string;
}

export interface RateLimitResult {
  limit: number;
  remaining: number;
  /** When the window resets, epoch seconds (the `X-RateLimit-Reset` value). */
  resetSeconds: number;
  /** Seconds to wait, set only when the call is over the limit. */
  retryAfterSeconds?: number;
}

/**
 * Counts calls per (bucket, caller) in hono-rate-limiter's stores: in memory by default, in Redis
 * when a client is given, so that several instances share counters. One store per window length,
 * since a store is initialised with its window.
 */
export class RateLimiter {
  readonly #stores = new Map<number, Store>();

  constructor(private readonly redis?: Redis) {}

  /** Records one call and reports whether it is within the rule. */
  async hit(bucket: string, callerKey: string, rule: RateLimitRule): Promise<RateLimitResult> {
    const windowMs = rule.windowMs ?? 60_000;
    const store = this.#store(windowMs);
    const { totalHits, resetTime } = await store.increment(`${bucket}|${callerKey}`);
    const resetAt = resetTime?.getTime() ?? Date.now() + windowMs;
    const result: RateLimitResult = {
      limit: rule.limit,
      remaining: Math.max(0, rule.limit - totalHits),
      resetSeconds: Math.ceil(resetAt / 1000),
    };
    if (totalHits > rule.limit) result.retryAfterSeconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
    return result;
  }

  /** Forgets every counter (tests, and an operator's reset). */
  async resetAll(): Promise<void> {
    for (const s of this.#stores.values()) await s.resetAll?.();
  }

  #store(windowMs: number): Store {
    let store = this.#stores.get(windowMs);
    if (!store) {
      const redis = this.redis;
      store = redis
        ? new RedisStore({
            prefix: `tracehub:rl:${windowMs}:`,
            client: {
              scriptLoad: (script: string) => redis.script('LOAD', script) as Promise<string>,
              evalsha: <A extends unknown[], R = unknown>(sha: string, keys: string[], args: A) =>
                redis.evalsha(sha, keys.length, ...keys, ...(args as string[])) as Promise<R>,
              decr: (key: string) => redis.decr(key),
              del: (key: string) => redis.del(key),
            },
          })
        : new MemoryStore();
      store.init?.({ windowMs } as Parameters<NonNullable<Store['init']>>[0]);
      this.#stores.set(windowMs, store);
    }
    return store;
  }
}

/**
 * Counts one call against a rule (its limit multiplied by RATE_LIMIT_SCALE) and sets
 * `X-RateLimit-Limit/Remaining/Reset` on the answer, and `Retry-After` when over (spec 003 §6).
 * @param headers the answer's headers, written in place.
 * @throws AppError RATE_LIMITED when over the limit.
 */
export async function countCall(
  deps: {
    rateLimiter: RateLimiter;
    config: { RATE_LIMIT_SCALE: number };
    metrics: { prometheus: { rateLimited: { inc(l: { bucket: string }): void } } };
  },
  headers: Headers,
  rule: RateLimitRule,
  bucket: string,
  caller: string,
): Promise<void> {
  const scale = deps.config.RATE_LIMIT_SCALE;
  const scaled = scale === 1 ? rule : { ...rule, limit: Math.max(1, Math.ceil(rule.limit * scale)) };
  const name = rule.bucket ?? bucket;
  const r = await deps.rateLimiter.hit(name, caller, scaled);
  headers.set('X-RateLimit-Limit', String(r.limit));
  headers.set('X-RateLimit-Remaining', String(r.remaining));
  headers.set('X-RateLimit-Reset', String(r.resetSeconds));
  if (r.retryAfterSeconds !== undefined) {
    deps.metrics.prometheus.rateLimited.inc({ bucket: name });
    headers.set('Retry-After', String(r.retryAfterSeconds));
    throw new AppError(
      'RATE_LIMITED',
      { en: `Too many requests, retry in ${r.retryAfterSeconds} s`, zh: `请求过于频繁，请 ${r.retryAfterSeconds} 秒后再试` },
      [],
      { retryAfterSeconds: r.retryAfterSeconds },
    );
  }
}
