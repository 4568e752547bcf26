import { initTRPC, TRPCError } from '@trpc/server';
import { AppError, errorCatalogue } from '../errors.ts';
import { hasPermission } from '../services/auth/permissions.ts';
import { authenticate, type Principal } from '../services/auth/principal.ts';
import type { Context } from './context.ts';
import { toWireError } from './envelopes.ts';
import type { Meta } from './meta.ts';
import type { RateLimitRule } from './rate-limit.ts';

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // tRPC clients get the domain code and field details beside tRPC's own code.
    errorFormatter({ shape, error }) {
      const wire = toWireError(error);
      return {
        ...shape,
        message: wire.code === 'INTERNAL' ? 'Internal server error' : shape.message,
        data: { ...shape.data, stack: undefined, appCode: wire.code, details: wire.details },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** AppErrors thrown by services become TRPCErrors with the mapped code; the cause is kept (and its Retry-After). */
const mapAppErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    if (cause.retryAfterSeconds !== undefined) ctx.resHeaders.set('Retry-After', String(cause.retryAfterSeconds));
    throw new TRPCError({ code: errorCatalogue[cause.code].trpcCode, message: cause.message, cause });
  }
  return result;
});

/**
 * Counts one call against a rule and sets X-RateLimit-* (and Retry-After when over).
 * @throws AppError RATE_LIMITED when over the limit.
 */
async function countCall(ctx: Context, rule: RateLimitRule, bucket: string, caller: string): Promise<void> {
  const scale = ctx.deps.config.RATE_LIMIT_SCALE;
  const scaled = scale === 1 ? rule : { ...rule, limit: Math.ceil(rule.limit * scale) };
  const r = await ctx.deps.rateLimiter.hit(rule.bucket ?? bucket, caller, scaled);
  ctx.resHeaders.set('X-RateLimit-Limit', String(r.limit));
  ctx.resHeaders.set('X-RateLimit-Remaining', String(r.remaining));
  ctx.resHeaders.set('X-RateLimit-Reset', String(r.resetSeconds));
  if (r.retryAfterSeconds !== undefined) {
    ctx.resHeaders.set('Retry-After', String(r.retryAfterSeconds));
    throw new AppError('RATE_LIMITED', `Too many requests, retry in ${r.retryAfterSeconds} s`);
  }
}

/** Meta `rateLimit`: counts the call per caller (user when authenticated, else client IP). */
const rateLimit = t.middleware(async ({ ctx, meta, path, next }) => {
  const rule = meta?.rateLimit;
  if (rule) await countCall(ctx, rule, path, ctx.user ? `u:${ctx.user.id}` : `ip:${ctx.ip}`);
  return next();
});

/**
 * Requires a valid bearer access token; puts the Principal on the context. A refused token still
 * counts against the client IP, so token guessing is limited and every answer carries the
 * rate-limit headers (spec 003 §6).
 */
const authenticated = t.middleware(async ({ ctx, meta, path, next }) => {
  const header = ctx.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  let user: Principal;
  try {
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', header ? 'Invalid token' : 'Missing bearer token');
    user = await authenticate(ctx.deps.db, ctx.deps.tokens, match[1]);
  } catch (err) {
    if (meta?.rateLimit) await countCall(ctx, meta.rateLimit, path, `ip:${ctx.ip}`);
    throw err;
  }
  return next({ ctx: { ...ctx, user } });
});

/** Meta `permission`: the RBAC guard every procedure shares. */
const permitted = t.middleware(({ ctx, meta, next }) => {
  const needed = meta?.permission;
  if (needed && !(ctx.user && hasPermission(ctx.user.permissions, needed))) {
    throw new AppError('PERMISSION_DENIED', `Permission ${needed} required`);
  }
  return next();
});

const base = t.procedure.use(mapAppErrors);

/** Anyone; rate-limited by client IP when the meta says so. */
export const publicProcedure = base.use(rateLimit);

/** A signed-in user of any kind; the rate limit per user, then permission from meta. */
export const authedProcedure = base
  .use(authenticated)
  .use(rateLimit)
  .use(permitted)
  .use(({ ctx, next }) => {
    if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Missing bearer token');
    return next({ ctx: { ...ctx, user: ctx.user } });
  });

/** A WeChat mini-program user (spec 000). */
export const wechatProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.userType !== 'wechat' || !ctx.user.openid) {
    throw new AppError('PERMISSION_DENIED', 'Only WeChat mini-program users may call this');
  }
  return next({ ctx: { ...ctx, user: { ...ctx.user, openid: ctx.user.openid } } });
});

/** A platform user (`developer`, `platform_admin`). */
export const platformProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.userType !== 'platform') throw new AppError('PERMISSION_DENIED', 'Platform administrators only');
  return next();
});

/** A factory user (spec 002 whitelist, user activation): the caller's tenant is `ctx.user.factoryId`. */
export const factoryProcedure = authedProcedure.use(({ ctx, next }) => {
  const factoryId = ctx.user.factoryId;
  if (ctx.user.userType !== 'factory' || !factoryId) throw new AppError('PERMISSION_DENIED', 'Factory users only');
  return next({ ctx: { ...ctx, user: { ...ctx.user, factoryId } } });
});
