import { initTRPC, TRPCError } from '@trpc/server';
import { AppError, errorCatalogue } from '../errors.ts';
import { authenticate } from '../services/auth/principal.ts';
import type { Context } from './context.ts';
import { toWireError } from './envelopes.ts';
import type { Meta } from './meta.ts';

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

/** AppErrors thrown by services become TRPCErrors with the mapped code; the cause is kept. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: errorCatalogue[cause.code].trpcCode, message: cause.message, cause });
  }
  return result;
});

/** Meta `rateLimit`: counts the call per caller (user when authenticated, else client IP). */
const rateLimit = t.middleware(async ({ ctx, meta, path, next }) => {
  const rule = meta?.rateLimit;
  if (!rule) return next();
  const caller = ctx.user ? `u:${ctx.user.id}` : `ip:${ctx.ip}`;
  const r = await ctx.deps.rateLimiter.hit(rule.bucket ?? path, caller, rule);
  ctx.resHeaders.set('X-RateLimit-Limit', String(r.limit));
  ctx.resHeaders.set('X-RateLimit-Remaining', String(r.remaining));
  ctx.resHeaders.set('X-RateLimit-Reset', String(r.resetSeconds));
  if (r.retryAfterSeconds !== undefined) {
    ctx.resHeaders.set('Retry-After', String(r.retryAfterSeconds));
    throw new AppError('RATE_LIMITED', `Too many requests, retry in ${r.retryAfterSeconds} s`);
  }
  return next();
});

/** Requires a valid bearer access token; puts the Principal on the context. */
const authenticated = t.middleware(async ({ ctx, next }) => {
  const header = ctx.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) throw new AppError('UNAUTHENTICATED', header ? 'Invalid token' : 'Missing bearer token');
  const user = await authenticate(ctx.deps.db, ctx.deps.tokens, match[1]);
  return next({ ctx: { ...ctx, user } });
});

/** Meta `permission`: the RBAC guard every procedure shares. */
const permitted = t.middleware(({ ctx, meta, next }) => {
  const needed = meta?.permission;
  if (needed && !ctx.user?.permissions.has(needed)) {
    throw new AppError('PERMISSION_DENIED', `Permission ${needed} required`);
  }
  return next();
});

const base = t.procedure.use(mapAppErrors);

/** Anyone; rate-limited by client IP when the meta says so. */
export const publicProcedure = base.use(rateLimit);

/** A signed-in user of any kind; permission from meta, then the rate limit per user. */
export const authedProcedure = base
  .use(authenticated)
  .use(permitted)
  .use(rateLimit)
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

/** A factory user: `ctx.user.factoryId` is the tenant every factory-data query is scoped to. */
export const factoryProcedure = authedProcedure.use(({ ctx, next }) => {
  const factoryId = ctx.user.factoryId;
  if (!factoryId) throw new AppError('PERMISSION_DENIED', 'Factory users only');
  return next({ ctx: { ...ctx, user: { ...ctx.user, factoryId } } });
});
